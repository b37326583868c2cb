package io.kring.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kring.meeting.ErrorCode;
import io.kring.meeting.Rejected;

/** Input rules I1, I2, I4 on {@link StrictJson} and {@link Ids} directly. */
class StrictJsonTest {

    record Sample(String text, Integer number, Boolean flag, List<String> texts, Map<String, Integer> byId,
            String roomId, List<Row> rows) {
    }

    record Row(String title, Integer durationSeconds) {
    }

    private static Sample decode(String json) {
        return StrictJson.decode(StrictJson.parseObject(json), Sample.class);
    }

    private static void assertInvalid(String json) {
        Rejected rejected = catchThrowableOfType(Rejected.class, () -> decode(json));
        assertThat(rejected).as(json).isNotNull();
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[I2] exact types are read as they are; null and absent are both null; unknown fields are ignored")
    void exactTypes() {
        Sample sample = decode("{\"text\":\" a \",\"number\":-7,\"flag\":false,\"texts\":[\"x\",\"\"],"
                + "\"byId\":{\"p_1-A\":2},\"roomId\":null,\"rows\":[{\"title\":\"t\",\"durationSeconds\":60}],\"other\":[1]}");
        assertThat(sample).isEqualTo(new Sample(" a ", -7, false, List.of("x", ""), Map.of("p_1-A", 2), null,
                List.of(new Row("t", 60))));
        assertThat(decode("{}")).isEqualTo(new Sample(null, null, null, null, null, null, null));
    }

    @ParameterizedTest(name = "[I2] {0} is INVALID")
    @ValueSource(strings = { "{\"text\":123}", "{\"text\":1.5}", "{\"text\":true}", "{\"text\":[]}", "{\"text\":{}}",
            "{\"number\":\"60\"}", "{\"number\":\" 60 \"}", "{\"number\":\"+60\"}", "{\"number\":60.5}", "{\"number\":60.9}",
            "{\"number\":60.0}", "{\"number\":6e1}", "{\"number\":2147483648}", "{\"number\":-2147483649}",
            "{\"number\":true}", "{\"number\":[60]}", "{\"flag\":\"true\"}", "{\"flag\":1}", "{\"texts\":\"a\"}",
            "{\"texts\":[1]}", "{\"texts\":[null]}", "{\"texts\":{}}", "{\"byId\":[]}", "{\"byId\":{\"a b\":1}}",
            "{\"byId\":{\"\":1}}", "{\"byId\":{\"a\":\"1\"}}", "{\"byId\":{\"a\":null}}", "{\"roomId\":\"a.b\"}",
            "{\"roomId\":\"\"}", "{\"roomId\":7}", "{\"rows\":[null]}", "{\"rows\":[[]]}", "{\"rows\":[{\"durationSeconds\":\"1\"}]}" })
    void wrongTypes(String json) {
        assertInvalid(json);
    }

    @ParameterizedTest(name = "[I1] {0} is not one JSON object")
    @ValueSource(strings = { "", " ", "x", "[]", "1", "\"a\"", "null", "{\"a\":1,\"a\":1}", "{\"a\":{\"b\":1,\"b\":2}}",
            "{\"a\":1}{\"a\":2}", "{\"a\":1} {}", "{\"a\":1} x", "{\"a\":1}]", "{\"a\":1", "{'a':1}", "{a:1}",
            "{\"a\":1,}", "{\"a\":01}", "{\"a\":NaN}" })
    void notOneObject(String json) {
        assertThat(StrictJson.parseObject(json)).isNull();
    }

    @Test
    @DisplayName("[I1] white space around the one object is fine")
    void whiteSpace() {
        assertThat(StrictJson.parseObject(" \n{\"a\":1}\n ")).isNotNull();
    }

    @Test
    @DisplayName("[I2] a list of more than 1000 elements is INVALID before its elements are read")
    void longLists() {
        assertInvalid("{\"texts\":[" + "\"a\",".repeat(1000) + "\"a\"]}");
        assertThat(decode("{\"texts\":[" + "\"a\",".repeat(999) + "\"a\"]}").texts()).hasSize(1000);
    }

    @Test
    @DisplayName("[I4] ids: 1..64 of A-Z a-z 0-9 _ -; client ids: 1..64 visible ASCII")
    void idShapes() {
        assertThat(Ids.isId("q2Xc0kV7mB1t")).isTrue();
        assertThat(Ids.isId("a".repeat(64))).isTrue();
        for (String bad : new String[] { null, "", "a".repeat(65), "a b", "a.b", "é", "a\u0000", "\ud800" }) {
            assertThat(Ids.isId(bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThat(Ids.isClientId("c1:chat#2")).isTrue();
        for (String bad : new String[] { null, "", "x".repeat(65), "a b", "é", "\u0000", "\u007f" }) {
            assertThat(Ids.isClientId(bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
