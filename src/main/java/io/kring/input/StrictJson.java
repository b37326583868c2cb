package io.kring.input;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kring.meeting.ErrorCode;
import io.kring.meeting.Rejected;

/**
 * Strict reading of every JSON body and frame (docs/protocol.md, input rules I1..I4): exactly one JSON
 * value, no duplicated key, and each field of exactly its JSON type. Jackson's data binding coerces
 * ({@code 123} into a text, {@code "60"} and {@code 60.9} into a whole number), so records are filled
 * here from the tree by their component types instead: what is not exactly right is {@code INVALID}.
 *
 * <p>Field types understood: {@code String} (a JSON string; a component whose name ends in {@code Id}
 * must also have the shape of {@link Ids#isId}), {@code Integer} and {@code Long} (a JSON integer
 * without fraction or exponent, in range), {@code Boolean}, {@code List<T>} (an array without nulls),
 * {@code Map<String, T>} (an object whose keys are ids) and nested records (an object). JSON
 * {@code null} and an absent field are both null: the domain decides what a missing field means.
 * Unknown fields are ignored, so a client may send more than a command needs.
 */
public final class StrictJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** No list or map of any command or body is longer (the agenda, the longest, has at most 200 items). */
    static final int MAX_ELEMENTS = 1000;

    private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

    private StrictJson() {
    }

    /**
     * The JSON object that {@code text} is, or null when it is anything else: not JSON, another JSON
     * value, a duplicated key anywhere, or anything but white space after the object.
     */
    public static ObjectNode parseObject(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (JacksonException | RuntimeException e) {
            return null;
        }
    }

    /** Fills the record {@code type} from the fields of {@code object}; {@code INVALID} names the first wrong field. */
    public static <T> T decode(JsonNode object, Class<T> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        if (object == null || !object.isObject()) {
            throw invalid("a JSON object is needed");
        }
        return type.cast(record(object, type, ""));
    }

    private static Object record(JsonNode object, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = value(object.get(name), components[i].getGenericType(), path + name, name.endsWith("Id"));
        }
        try {
            return constructor(type, components).newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
        }
    }

    private static Object value(JsonNode node, Type type, String field, boolean isId) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (type == String.class) {
            if (!node.isTextual()) {
                throw invalid(field + " must be a text");
            }
            if (isId && !Ids.isId(node.textValue())) {
                throw invalid(field + " is not an id");
            }
            return node.textValue();
        }
        if (type == Integer.class) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw invalid(field + " must be a whole number");
            }
            return node.intValue();
        }
        if (type == Long.class) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw invalid(field + " must be a whole number");
            }
            return node.longValue();
        }
        if (type == Boolean.class) {
            if (!node.isBoolean()) {
                throw invalid(field + " must be true or false");
            }
            return node.booleanValue();
        }
        if (type instanceof Class<?> recordType && recordType.isRecord()) {
            if (!node.isObject()) {
                throw invalid(field + " must be an object");
            }
            return record(node, recordType, field + ".");
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            if (!node.isArray()) {
                throw invalid(field + " must be a list");
            }
            if (node.size() > MAX_ELEMENTS) {
                throw invalid(field + " has more than " + MAX_ELEMENTS + " elements");
            }
            Type elementType = generic.getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (element.isNull()) {
                    throw invalid(field + "[" + i + "] must not be null");
                }
                list.add(value(element, elementType, field + "[" + i + "]", false));
            }
            return Collections.unmodifiableList(list);
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class
                && generic.getActualTypeArguments()[0] == String.class) {
            if (!node.isObject()) {
                throw invalid(field + " must be an object");
            }
            if (node.size() > MAX_ELEMENTS) {
                throw invalid(field + " has more than " + MAX_ELEMENTS + " entries");
            }
            Type valueType = generic.getActualTypeArguments()[1];
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> entry = fields.next();
                if (!Ids.isId(entry.getKey())) {
                    throw invalid(field + " has a key that is not an id");
                }
                if (entry.getValue().isNull()) {
                    throw invalid(field + " values must not be null");
                }
                map.put(entry.getKey(), value(entry.getValue(), valueType, field + "." + entry.getKey(), false));
            }
            return Collections.unmodifiableMap(map);
        }
        throw new IllegalStateException("StrictJson cannot read a " + type.getTypeName() + " (" + field + ")");
    }

    private static Constructor<?> constructor(Class<?> type, RecordComponent[] components) {
        return CONSTRUCTORS.computeIfAbsent(type, t -> {
            try {
                Constructor<?> canonical = t.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                canonical.setAccessible(true);
                return canonical;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record without its canonical constructor: " + t, e);
            }
        });
    }

    private static Rejected invalid(String message) {
        return new Rejected(ErrorCode.INVALID, message);
    }
}
