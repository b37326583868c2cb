package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kring.input.Ids;
import io.kring.meeting.Credentials;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.MeetingCommand.ClientCommand;
import io.kring.meeting.Rejected;

/**
 * Properties of the command decoder (input rules I1..I4) over random JSON: for every field of every
 * command, any JSON value either decodes to exactly that value with the field's type, or the frame is
 * refused with {@code INVALID}; nothing else is ever thrown. Then every decoded command, run by the
 * plain domain, is either done or refused with a {@link Rejected} code other than {@code UNAVAILABLE}.
 * Plain loops over a seeded {@link Random} (like the room assignment properties): reproducible, fast,
 * and the seed and frame are in every failure message.
 */
@DisplayName("I1..I4: decoder properties over random JSON")
class ProtocolDecoderPropertiesTest {

    private static final int FRAMES_PER_COMMAND = 400;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Protocol protocol = new Protocol(JSON);

    @Test
    @DisplayName("a random value in each field decodes to exactly that value with the field's type, or is INVALID")
    void everyFieldIsTypedExactlyOrInvalid() {
        Random random = new Random(20261201);
        int accepted = 0;
        int refused = 0;
        // Sorted: Map.ofEntries iterates in a different order in each JVM run, and the commands share one Random,
        // so only a fixed order makes the seed fix the frames (and a failure reproducible).
        for (Map.Entry<String, Class<? extends ClientCommand>> command : new TreeMap<>(Protocol.COMMANDS).entrySet()) {
            for (int n = 0; n < FRAMES_PER_COMMAND; n++) {
                ObjectNode frame = randomFrame(random, command.getKey(), command.getValue());
                try {
                    ClientCommand decoded = protocol.decode(command.getKey(), frame);
                    assertThat(decoded).isInstanceOf(command.getValue());
                    assertDecodedExactly((Record) decoded, frame);
                    accepted++;
                } catch (Rejected e) {
                    assertThat(e.code()).as("%s", frame).isEqualTo(ErrorCode.INVALID);
                    refused++;
                } catch (RuntimeException e) {
                    fail("decoding " + frame + " threw " + e, e);
                }
            }
        }
        assertThat(accepted).as("the generator makes valid frames too").isGreaterThan(1000);
        assertThat(refused).as("and invalid ones").isGreaterThan(1000);
    }

    @Test
    @DisplayName("the text of a random frame is parsed to that frame, and with a second value, garbage or a duplicated key it is not")
    void framesAreOneObjectWithoutDuplicates() throws Exception {
        Random random = new Random(7);
        for (int n = 0; n < 2000; n++) {
            String type = pick(random, new ArrayList<>(new java.util.TreeSet<>(Protocol.COMMANDS.keySet())));
            ObjectNode frame = randomFrame(random, type, Protocol.COMMANDS.get(type));
            String text = JSON.writeValueAsString(frame);
            JsonNode parsed = protocol.parse(text);
            assertThat(parsed).as(text).isNotNull();
            assertThat(parsed.path("type").textValue()).isEqualTo(type);
            assertThat(parsed.size()).isEqualTo(frame.size());
            assertThat(protocol.parse(text + " " + text)).as("two objects").isNull();
            assertThat(protocol.parse(text + "x")).as("trailing data").isNull();
            assertThat(protocol.parse(text.substring(0, random.nextInt(text.length())))).as("cut short").isNull();
            String duplicated = "{\"type\":\"chat.send\"," + text.substring(1);
            assertThat(protocol.parse(duplicated)).as("a duplicated type").isNull();
        }
    }

    @Test
    @DisplayName("every decoded random command, run by the domain, is done or refused with a code, never UNAVAILABLE")
    void decodedCommandsAreHandledOrRefused() {
        Random random = new Random(99);
        long now = 1_795_000_000_000L;
        int[] counter = { 0 };
        Meeting meeting = Meeting.create("meeting1", "Properties", "en", Credentials.hash("key"), List.of(), now,
                () -> "id" + ++counter[0], new Random(1));
        meeting.handle("mo", new MeetingCommand.JoinMeeting("mo", "Mo", "", "key", "hash-mo"), now);
        meeting.handle("mo", new MeetingCommand.ConnectParticipant(), now);
        meeting.handle("an", new MeetingCommand.JoinMeeting("an", "An", "Gent", null, "hash-an"), now);
        meeting.handle("an", new MeetingCommand.ConnectParticipant(), now);
        List<String> types = new ArrayList<>(new java.util.TreeSet<>(Protocol.COMMANDS.keySet()));
        types.remove("meeting.end");
        int done = 0;
        for (int n = 0; n < 6_000; n++) {
            String type = pick(random, types);
            ObjectNode frame = randomFrame(random, type, Protocol.COMMANDS.get(type));
            ClientCommand command;
            try {
                command = protocol.decode(type, frame);
            } catch (Rejected e) {
                continue;
            }
            String actor = random.nextBoolean() ? "mo" : "an";
            now += random.nextInt(2000);
            try {
                meeting.handle(actor, command, now);
                done++;
            } catch (Rejected e) {
                assertThat(e.code()).as("%s by %s", frame, actor).isNotEqualTo(ErrorCode.UNAVAILABLE);
            } catch (RuntimeException e) {
                fail(frame + " by " + actor + " threw " + e, e);
            }
        }
        assertThat(done).as("some random commands are done").isGreaterThan(150);
    }

    // ---------------------------------------------------------------------------------------------

    /** What a record component got must be exactly what the frame holds, of exactly the JSON type. */
    private static void assertDecodedExactly(Record decoded, JsonNode frame) {
        for (RecordComponent component : decoded.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(decoded);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            JsonNode json = frame.get(component.getName());
            assertValue(value, json, component.getGenericType(), component.getName(), frame);
        }
    }

    private static void assertValue(Object value, JsonNode json, Type type, String name, JsonNode frame) {
        if (json == null || json.isNull()) {
            assertThat(value).as("%s of %s", name, frame).isNull();
        } else if (type == String.class) {
            assertThat(json.isTextual()).as("%s of %s is a JSON string", name, frame).isTrue();
            assertThat(value).isEqualTo(json.textValue());
            if (name.endsWith("Id")) {
                assertThat(Ids.isId((String) value)).as("%s has the shape of an id", value).isTrue();
            }
        } else if (type == Integer.class) {
            assertThat(json.isIntegralNumber() && json.canConvertToInt()).as("%s of %s is a JSON integer", name, frame)
                    .isTrue();
            assertThat(value).isEqualTo(json.intValue());
        } else if (type == Boolean.class) {
            assertThat(json.isBoolean()).as("%s of %s is a JSON boolean", name, frame).isTrue();
            assertThat(value).isEqualTo(json.booleanValue());
        } else if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            assertThat(json.isArray()).isTrue();
            List<?> list = (List<?>) value;
            assertThat(list).hasSize(json.size());
            for (int i = 0; i < list.size(); i++) {
                assertValue(list.get(i), json.get(i), generic.getActualTypeArguments()[0], name + "[]", frame);
            }
        } else if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            assertThat(json.isObject()).isTrue();
            Map<?, ?> map = (Map<?, ?>) value;
            assertThat(map).hasSize(json.size());
            map.forEach((key, element) -> {
                assertThat(Ids.isId((String) key)).isTrue();
                assertValue(element, json.get((String) key), generic.getActualTypeArguments()[1], name + "{}", frame);
            });
        } else if (type instanceof Class<?> nested && nested.isRecord()) {
            // AP1: a nested record (the prepared round of agenda.add and agenda.update) is read field by field.
            assertThat(json.isObject()).as("%s of %s is a JSON object", name, frame).isTrue();
            assertThat(value).isInstanceOf(nested);
            assertDecodedExactly((Record) value, json);
        } else {
            fail("a field type the test does not know: " + type);
        }
    }

    /** A frame with every field of the command given a random JSON value (often a fitting one), or left out. */
    static ObjectNode randomFrame(Random random, String type, Class<?> command) {
        ObjectNode frame = NODES.objectNode();
        frame.put("type", type);
        frame.put("id", "c" + random.nextInt(1000));
        for (RecordComponent component : command.getRecordComponents()) {
            if (random.nextInt(6) == 0) {
                continue;
            }
            frame.set(component.getName(), random.nextInt(3) == 0 ? anyValue(random, 2)
                    : fittingValue(random, component.getGenericType(), component.getName()));
        }
        if (random.nextInt(5) == 0) {
            frame.set("extra", anyValue(random, 2));
        }
        return frame;
    }

    /** A value of the field's JSON type, often near its limits. */
    private static JsonNode fittingValue(Random random, Type type, String name) {
        if (type == String.class) {
            // hosts (GM7) maps room indexes to participant ids
            return NODES.textNode(name.endsWith("Id") || name.equals("hosts")
                    ? pick(random, List.of("id1", "id2", "id3", "mo", "an", "nope"))
                    : name.equals("attendance") ? pick(random, List.of("mixed", "separate", "online", randomText(random)))
                    : randomText(random));
        }
        if (type == Integer.class) {
            return NODES.numberNode(pick(random, List.of(-1, 0, 1, 2, 3, 30, 60, 600, 3600, 3601, 14400, 86400, 86401,
                    Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt(100))));
        }
        if (type == Boolean.class) {
            return NODES.booleanNode(random.nextBoolean());
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            var array = NODES.arrayNode();
            int size = random.nextInt(5);
            for (int i = 0; i < size; i++) {
                array.add(random.nextInt(8) == 0 ? anyValue(random, 1)
                        : fittingValue(random, generic.getActualTypeArguments()[0], name));
            }
            return array;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            ObjectNode object = NODES.objectNode();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                // ids (assignments) and room indexes (hosts, GM7): both are id-shaped keys
                object.set(pick(random, List.of("mo", "an", "id1", "x y", "", "\u0000", "0", "1", "07", "-1")),
                        random.nextInt(8) == 0 ? anyValue(random, 1)
                                : fittingValue(random, generic.getActualTypeArguments()[1], name));
            }
            return object;
        }
        if (type instanceof Class<?> nested && nested.isRecord()) {
            // AP1: a nested record's fields as a frame's, often with the values that make the breakout.open fit.
            ObjectNode object = randomFrame(random, "nested", nested);
            object.remove("type");
            object.remove("id");
            if (random.nextBoolean()) {
                object.put("roomCount", 1 + random.nextInt(3));
                object.put("strategy", pick(random, List.of("random", "manual", "selfSelect", "mixOrganisations")));
            }
            return object;
        }
        throw new IllegalStateException("a field type the generator does not know: " + type);
    }

    /** Any JSON value at all: the lenient inputs of finding 9 and their cousins included. */
    static JsonNode anyValue(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 16 : 14)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextInt());
            case 3: return NODES.numberNode(random.nextLong());
            case 4: return NODES.numberNode(pick(random, List.of(60.5, 60.9, 60.0, -0.0, 1e300, Double.MIN_VALUE)));
            case 5: return NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 6: return NODES.numberNode(new java.math.BigDecimal("1E+400"));
            case 7: return NODES.textNode(pick(random, List.of("60", " 60 ", "+60", "60.5", "0x3C", "true", "null", "")));
            case 8: return NODES.textNode(randomText(random));
            case 9: return NODES.textNode(pick(random, List.of("\u0000", "\ud800", "a\udc00b", "\u202e", "\u3164",
                    "line1\nline2", "x".repeat(70), "id-1", "r\u00f6om")));
            case 10: return NODES.numberNode(random.nextInt(100));
            case 11: return NODES.numberNode(pick(random, List.of(60L, 4_000_000_000L, -4_000_000_000L)));
            case 12: return NODES.textNode(pick(random, List.of("speak", "reply", "pointOfOrder", "random", "manual",
                    "selfSelect", "mixOrganisations", "plenary", "breakout", "break")));
            case 13: return NODES.arrayNode();
            case 14: {
                var array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(anyValue(random, depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    object.set(pick(random, List.of("a", "mo", "id1", "type", "text")), anyValue(random, depth - 1));
                }
                return object;
            }
        }
    }

    /** Texts from every corner: plain, padded, long, controls, invisible, look-alikes, surrogates. */
    static String randomText(Random random) {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return pick(random, List.of("Welkom", "  Groepswerk  ", "speak", "random", "manual", "selfSelect",
                    "breakout", "Els", "\u0415ls", "a\tb", "a\nb"));
        }
        StringBuilder text = new StringBuilder();
        int length = kind == 1 ? random.nextInt(2100) : random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(kind == 5 ? 2 : 6)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> random.nextInt(0x110000);
                default -> 'a' + random.nextInt(26);
            };
            if (Character.isSurrogate((char) codePoint) && random.nextBoolean()) {
                text.append((char) codePoint);
            } else if (Character.isValidCodePoint(codePoint)) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
