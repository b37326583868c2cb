package io.kring.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The HTTP API of protocol.md section 1 through the real stack (REST, live layer, PostgreSQL): every endpoint
 * and every error it lists. Every error body must be {@code {"error":{"code","message"}}} (section 5).
 */
@QuarkusTest
class MeetingResourceTest {

    private static final String URL_SAFE = "[A-Za-z0-9_-]+";

    // ---------------------------------------------------------------------------------------------
    // POST /api/meetings

    @Test
    @DisplayName("[M1] creating a meeting answers 201 with its id, title, moderator key and both paths")
    void createAnswers201WithTheContractShape() {
        Map<String, Object> body = Map.of("title", "  Lerend netwerk bibliotheken  ", "language", "en",
                "agenda", List.of(Api.item("Welkom", 300), Map.of("title", "Groepswerk", "durationSeconds", 1200,
                        "kind", "breakout")));
        Response response = Api.postJson("/api/meetings", body);
        JsonNode json = Api.json(response, 201);

        assertThat(response.contentType()).startsWith("application/json");
        assertThat(fieldNames(json)).contains("meetingId", "title", "moderatorKey", "joinPath", "moderatorPath");
        String meetingId = json.path("meetingId").asText();
        String key = json.path("moderatorKey").asText();
        assertThat(meetingId).matches(URL_SAFE);
        assertThat(json.path("title").asText()).as("text fields are trimmed").isEqualTo("Lerend netwerk bibliotheken");
        assertThat(json.path("joinPath").asText()).isEqualTo("/m/" + meetingId);
        assertThat(json.path("moderatorPath").asText()).isEqualTo("/m/" + meetingId + "#key=" + key);
        assertThat(key).as("at least 128 random bits, base64url: 22 characters or more").matches(URL_SAFE)
                .hasSizeGreaterThanOrEqualTo(22);

        JsonNode meeting = Api.meeting(meetingId);
        assertThat(meeting.path("language").asText()).isEqualTo("en");
        assertThat(meeting.path("status").asText()).isEqualTo("open");
    }

    @Test
    @DisplayName("[M1] two meetings get different ids and different moderator keys")
    void keysAndIdsAreNotReused() {
        Api.Created a = Api.create("A");
        Api.Created b = Api.create("B");
        assertThat(a.meetingId()).isNotEqualTo(b.meetingId());
        assertThat(a.moderatorKey()).isNotEqualTo(b.moderatorKey());
    }

    @Test
    @DisplayName("[M1] the language defaults to nl and the starting agenda is pending, in the given order")
    void defaultsAndStartingAgenda() {
        JsonNode created = Api.json(Api.postJson("/api/meetings", Map.of("title", "Zonder taal",
                "agenda", List.of(Api.item("Een", 60), Api.item("Twee", 120)))), 201);
        String meetingId = created.path("meetingId").asText();
        assertThat(Api.meeting(meetingId).path("language").asText()).isEqualTo("nl");

        Api.Joined mo = Api.join(meetingId, "Mo", null, created.path("moderatorKey").asText());
        JsonNode items = Api.state(mo).path("agenda").path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("title").asText()).isEqualTo("Een");
        assertThat(items.get(0).path("kind").asText()).isEqualTo("plenary");
        assertThat(items.get(0).path("status").asText()).isEqualTo("pending");
        assertThat(items.get(1).path("title").asText()).isEqualTo("Twee");
        assertThat(items.get(1).path("durationSeconds").asInt()).isEqualTo(120);
    }

    @Test
    @DisplayName("[M1] a title of 200 characters is accepted")
    void titleOf200Characters() {
        Api.json(Api.postJson("/api/meetings", Map.of("title", "t".repeat(200))), 201);
    }

    static Stream<Arguments> badCreateBodies() {
        Map<String, Object> noTitle = new HashMap<>();
        noTitle.put("language", "en");
        Map<String, Object> nullTitle = new HashMap<>();
        nullTitle.put("title", null);
        List<Object> nullRow = new ArrayList<>();
        nullRow.add(null);
        return Stream.of(
                Arguments.of("an empty title", Map.of("title", "")),
                Arguments.of("a title of spaces only", Map.of("title", "    ")),
                Arguments.of("a title of 201 characters", Map.of("title", "t".repeat(201))),
                Arguments.of("no title", noTitle),
                Arguments.of("a null title", nullTitle),
                Arguments.of("language de", Map.of("title", "x", "language", "de")),
                Arguments.of("language nederlands", Map.of("title", "x", "language", "nederlands")),
                Arguments.of("an agenda row without a title", Map.of("title", "x",
                        "agenda", List.of(Map.of("durationSeconds", 60)))),
                Arguments.of("an agenda row with an empty title", Map.of("title", "x",
                        "agenda", List.of(Map.of("title", " ", "durationSeconds", 60)))),
                Arguments.of("an agenda row with a 201-character title", Map.of("title", "x",
                        "agenda", List.of(Map.of("title", "a".repeat(201), "durationSeconds", 60)))),
                Arguments.of("an agenda row without a duration", Map.of("title", "x",
                        "agenda", List.of(Map.of("title", "a")))),
                Arguments.of("an agenda row of 0 seconds", Map.of("title", "x",
                        "agenda", List.of(Api.item("a", 0)))),
                Arguments.of("an agenda row of 86401 seconds", Map.of("title", "x",
                        "agenda", List.of(Api.item("a", 86401)))),
                Arguments.of("an agenda row of kind lunch", Map.of("title", "x",
                        "agenda", List.of(Map.of("title", "a", "durationSeconds", 60, "kind", "lunch")))),
                Arguments.of("an agenda row that is null", Map.of("title", "x", "agenda", nullRow)),
                Arguments.of("an agenda row with a text duration", Map.of("title", "x",
                        "agenda", List.of(Map.of("title", "a", "durationSeconds", "ten")))),
                Arguments.of("an agenda that is not a list", Map.of("title", "x", "agenda", "Welkom")),
                Arguments.of("a title that is an object", Map.of("title", Map.of("nl", "x"))));
    }

    @ParameterizedTest(name = "[M1] {0} is 400 INVALID")
    @MethodSource("badCreateBodies")
    void badCreateBodiesAreInvalid(String what, Object body) {
        assertError(Api.postJson("/api/meetings", body), 400, "INVALID");
    }

    @ParameterizedTest(name = "[protocol 1, 5] a malformed body ''{0}'' is 400 INVALID with the error body")
    @ValueSource(strings = { "{", "{\"title\":", "not json", "[]", "\"a title\"", "null", "" })
    void malformedJsonIsInvalid(String body) {
        Response response = given().contentType(ContentType.JSON).body(body).when().post("/api/meetings");
        assertError(response, 400, "INVALID");
    }

    // ---------------------------------------------------------------------------------------------
    // GET /api/meetings/{id}

    @Test
    @DisplayName("[protocol 1] GET a meeting answers its id, title, status, lock, language and participant count")
    void getMeeting() {
        Api.Created created = Api.create("Overleg", "en", List.of());
        JsonNode meeting = Api.meeting(created.meetingId());
        assertThat(fieldNames(meeting)).contains("meetingId", "title", "status", "locked", "language",
                "participantCount");
        assertThat(meeting.path("meetingId").asText()).isEqualTo(created.meetingId());
        assertThat(meeting.path("title").asText()).isEqualTo("Overleg");
        assertThat(meeting.path("status").asText()).isEqualTo("open");
        assertThat(meeting.path("locked").isBoolean()).isTrue();
        assertThat(meeting.path("locked").asBoolean()).isFalse();
        assertThat(meeting.path("language").asText()).isEqualTo("en");
        assertThat(meeting.path("participantCount").asInt()).isZero();
        assertThat(meeting.toString()).as("GET a meeting never shows the key").doesNotContain(created.moderatorKey());

        Api.join(created.meetingId(), "An");
        Api.joinAsModerator(created, "Mo");
        assertThat(Api.meeting(created.meetingId()).path("participantCount").asInt()).isEqualTo(2);
    }

    @ParameterizedTest(name = "[protocol 1] GET an unknown meeting ''{0}'' is 404 NOT_FOUND")
    @ValueSource(strings = { "nosuchmeeting", "aaaaaaaaaaaa", "x", "0123456789012345678901234567890123456789012345678901234567890123456789" })
    void getUnknownMeeting(String meetingId) {
        assertError(given().when().get("/api/meetings/" + meetingId), 404, "NOT_FOUND");
    }

    // ---------------------------------------------------------------------------------------------
    // POST /api/meetings/{id}/participants

    @Test
    @DisplayName("[M2] joining without a key answers 201 with participantId, a token of 128+ bits and role participant")
    void joinAsParticipant() {
        Api.Created created = Api.create("Overleg");
        Response response = Api.joinResponse(created.meetingId(), "  An  ", "  Bibliotheek Gent ", null);
        JsonNode json = Api.json(response, 201);
        assertThat(fieldNames(json)).contains("participantId", "token", "role");
        assertThat(json.path("role").asText()).isEqualTo("participant");
        assertThat(json.path("participantId").asText()).matches(URL_SAFE);
        assertThat(json.path("token").asText()).as("an opaque secret of at least 128 bits").hasSizeGreaterThanOrEqualTo(22);

        Api.Joined an = new Api.Joined(created.meetingId(), json.path("participantId").asText(),
                json.path("token").asText(), "participant", "An", "Bibliotheek Gent");
        JsonNode you = Api.state(an).path("participants").get(0);
        assertThat(you.path("name").asText()).as("names are trimmed").isEqualTo("An");
        assertThat(you.path("organisation").asText()).isEqualTo("Bibliotheek Gent");
        assertThat(you.path("online").asBoolean()).as("[M2] offline until the first connection").isFalse();
    }

    @Test
    @DisplayName("[M2] two joins with the same name are two participants with different tokens")
    void joinTwice() {
        Api.Created created = Api.create("Overleg");
        Api.Joined first = Api.join(created.meetingId(), "An");
        Api.Joined second = Api.join(created.meetingId(), "An");
        assertThat(first.participantId()).isNotEqualTo(second.participantId());
        assertThat(first.token()).isNotEqualTo(second.token());
    }

    @Test
    @DisplayName("[M2] joining with the right moderator key gives role moderator")
    void joinAsModerator() {
        Api.Created created = Api.create("Overleg");
        Api.Joined mo = Api.joinAsModerator(created, "Mo");
        assertThat(mo.role()).isEqualTo("moderator");
        assertThat(Api.state(mo).path("you").path("role").asText()).isEqualTo("moderator");
    }

    @ParameterizedTest(name = "[M2] a wrong moderator key ''{0}'' is 403 FORBIDDEN")
    @ValueSource(strings = { "wrong", "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
    void joinWithAWrongKey(String key) {
        Api.Created created = Api.create("Overleg");
        assertError(Api.joinResponse(created.meetingId(), "Mo", null, key), 403, "FORBIDDEN");
        assertThat(Api.meeting(created.meetingId()).path("participantCount").asInt()).isZero();
    }

    @Test
    @DisplayName("[M2] a moderator key of another meeting is 403 FORBIDDEN")
    void joinWithTheKeyOfAnotherMeeting() {
        Api.Created created = Api.create("Overleg");
        Api.Created other = Api.create("Ander overleg");
        assertError(Api.joinResponse(created.meetingId(), "Mo", null, other.moderatorKey()), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("[M2] a name of 60 characters and an organisation of 80 are accepted")
    void joinAtTheLimits() {
        Api.Created created = Api.create("Overleg");
        Api.json(Api.joinResponse(created.meetingId(), "n".repeat(60), "o".repeat(80), null), 201);
        Api.json(Api.joinResponse(created.meetingId(), "n", "", null), 201);
    }

    @Test
    @DisplayName("[I7] a name with an emoji ZWJ sequence joins and shows whole; a stray zero-width joiner is 400 INVALID")
    void emojiSequenceNames() {
        Api.Created created = Api.create("Overleg");
        String technologist = "\ud83d\udc69\u200d\ud83d\udcbb Sam";
        String rainbow = "\ud83c\udff3\ufe0f\u200d\ud83c\udf08 Kim";
        Api.Joined sam = Api.join(created.meetingId(), technologist, "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 Gezin");
        Api.join(created.meetingId(), rainbow);
        JsonNode participants = Api.state(sam).path("participants");
        assertThat(participants.findValuesAsText("name")).containsExactlyInAnyOrder(technologist, rainbow);
        assertThat(participants.findValuesAsText("organisation")).contains("\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 Gezin");
        assertError(Api.joinResponse(created.meetingId(), "Sa\u200dm", null, null), 400, "INVALID");
        assertError(Api.joinResponse(created.meetingId(), "Sam\u200d\ud83d\udcbb", null, null), 400, "INVALID");
        assertThat(Api.meeting(created.meetingId()).path("participantCount").asInt()).isEqualTo(2);
    }

    static Stream<Arguments> badJoinBodies() {
        Map<String, Object> noName = new HashMap<>();
        noName.put("organisation", "Gent");
        return Stream.of(
                Arguments.of("an empty name", Map.of("name", "")),
                Arguments.of("a name of spaces only", Map.of("name", "   ")),
                Arguments.of("a name of 61 characters", Map.of("name", "n".repeat(61))),
                Arguments.of("no name", noName),
                Arguments.of("an organisation of 81 characters", Map.of("name", "An", "organisation", "o".repeat(81))),
                Arguments.of("a name that is a number", Map.of("name", List.of(1, 2))));
    }

    @ParameterizedTest(name = "[M2] {0} is 400 INVALID")
    @MethodSource("badJoinBodies")
    void badJoinBodiesAreInvalid(String what, Object body) {
        Api.Created created = Api.create("Overleg");
        assertError(Api.postJson("/api/meetings/" + created.meetingId() + "/participants", body), 400, "INVALID");
        assertThat(Api.meeting(created.meetingId()).path("participantCount").asInt()).isZero();
    }

    @Test
    @DisplayName("[protocol 1] a malformed join body is 400 INVALID with the error body")
    void malformedJoinBody() {
        Api.Created created = Api.create("Overleg");
        Response response = given().contentType(ContentType.JSON).body("{\"name\":").when()
                .post("/api/meetings/" + created.meetingId() + "/participants");
        assertError(response, 400, "INVALID");
    }

    @Test
    @DisplayName("[M4, MOD4] a locked meeting refuses participants with 403 LOCKED; moderators still join; unlocking lets them in")
    void lockedMeeting() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            mo.ack("meeting.lock");
            assertThat(Api.meeting(m.id()).path("locked").asBoolean()).isTrue();

            assertError(Api.joinResponse(m.id(), "Late", null, null), 403, "LOCKED");
            Api.Joined second = Api.join(m.id(), "Co", null, m.created.moderatorKey());
            assertThat(second.role()).isEqualTo("moderator");

            mo.ack("meeting.unlock");
            assertThat(Api.join(m.id(), "Late").role()).isEqualTo("participant");
        }
    }

    @Test
    @DisplayName("[M2, M4] a wrong key on a locked meeting is 403 FORBIDDEN (FORBIDDEN is checked before LOCKED)")
    void lockedMeetingWithAWrongKey() {
        try (TestMeeting m = TestMeeting.create()) {
            m.moderator("Mo").ack("meeting.lock");
            assertError(Api.joinResponse(m.id(), "Mo2", null, "wrong"), 403, "FORBIDDEN");
        }
    }

    @Test
    @DisplayName("[M4, M9] an ended meeting refuses every join with 410 ENDED, moderators too")
    void endedMeeting() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            mo.send("meeting.end");
            assertThat(mo.awaitClose()).isEqualTo(4410);

            assertError(Api.joinResponse(m.id(), "Late", null, null), 410, "ENDED");
            assertError(Api.joinResponse(m.id(), "Mo2", null, m.created.moderatorKey()), 410, "ENDED");
            assertThat(Api.meeting(m.id()).path("status").asText()).isEqualTo("ended");
        }
    }

    @Test
    @DisplayName("[protocol 1] joining an unknown meeting is 404 NOT_FOUND")
    void joinUnknownMeeting() {
        assertError(Api.joinResponse("nosuchmeeting", "An", null, null), 404, "NOT_FOUND");
    }

    // ---------------------------------------------------------------------------------------------
    // GET /api/meetings/{id}/state

    @Test
    @DisplayName("[protocol 1, 3] GET state answers the full snapshot as this participant sees it")
    void stateIsTheSnapshot() {
        Api.Created created = Api.create("Overleg", "en", List.of(Api.item("Welkom", 300)));
        Api.Joined an = Api.join(created.meetingId(), "An", "Gent");
        Api.Joined mo = Api.joinAsModerator(created, "Mo");

        JsonNode state = Api.state(an);
        assertThat(fieldNames(state)).contains("meeting", "you", "participants", "agenda", "queue", "breakouts",
                "chat", "announcement", "serverTime");
        assertThat(fieldNames(state.path("meeting"))).contains("meetingId", "title", "status", "locked", "language");
        assertThat(state.path("meeting").path("meetingId").asText()).isEqualTo(created.meetingId());
        assertThat(fieldNames(state.path("you"))).contains("participantId", "role", "roomId", "mutedInChat");
        assertThat(state.path("you").path("participantId").asText()).isEqualTo(an.participantId());
        assertThat(state.path("you").path("role").asText()).isEqualTo("participant");
        assertThat(state.path("you").path("roomId").isNull()).isTrue();
        assertThat(state.path("participants")).hasSize(2);
        JsonNode first = state.path("participants").get(0);
        assertThat(fieldNames(first)).contains("participantId", "name", "organisation", "role", "online", "roomId",
                "mutedInChat");
        assertThat(first.path("participantId").asText()).as("[M10] join order").isEqualTo(an.participantId());
        assertThat(state.path("participants").get(1).path("role").asText()).isEqualTo("moderator");
        assertThat(state.path("agenda").has("currentItemId")).isTrue();
        assertThat(fieldNames(state.path("agenda").path("items").get(0))).contains("itemId", "title", "kind",
                "durationSeconds", "status", "startedAt", "endsAt", "endedAt");
        assertThat(state.path("queue").has("speaker")).isTrue();
        assertThat(state.path("queue").path("hands").isArray()).isTrue();
        assertThat(fieldNames(state.path("breakouts"))).contains("status", "strategy", "endsAt", "closingAt",
                "broadcast", "rooms");
        assertThat(state.path("breakouts").path("status").asText()).isEqualTo("closed");
        assertThat(state.path("chat").isArray()).isTrue();
        assertThat(state.path("announcement").isNull()).isTrue();
        assertThat(state.path("serverTime").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(state.toString()).as("no secrets in a snapshot").doesNotContain(an.token())
                .doesNotContain(created.moderatorKey()).doesNotContain(mo.token());

        assertThat(Api.state(mo).path("you").path("role").asText()).isEqualTo("moderator");
    }

    @Test
    @DisplayName("[M3] GET state without a token is 401 UNAUTHORIZED")
    void stateWithoutAToken() {
        Api.Created created = Api.create("Overleg");
        assertError(Api.stateResponse(created.meetingId(), null), 401, "UNAUTHORIZED");
        assertError(given().header("Authorization", "Basic YTpi").when()
                .get("/api/meetings/" + created.meetingId() + "/state"), 401, "UNAUTHORIZED");
    }

    @ParameterizedTest(name = "[M3] GET state with a bad token ''{0}'' is 401 UNAUTHORIZED")
    @ValueSource(strings = { "garbage", "a.b", ".", "x.", ".x", "Jk3.s9F" })
    void stateWithABadToken(String token) {
        Api.Created created = Api.create("Overleg");
        Api.join(created.meetingId(), "An");
        assertError(Api.stateResponse(created.meetingId(), token), 401, "UNAUTHORIZED");
    }

    @Test
    @DisplayName("[M3] a token with a wrong secret for a real participant is 401 UNAUTHORIZED")
    void stateWithAForgedSecret() {
        Api.Created created = Api.create("Overleg");
        Api.Joined an = Api.join(created.meetingId(), "An");
        String forged = an.participantId() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertError(Api.stateResponse(created.meetingId(), forged), 401, "UNAUTHORIZED");
    }

    @Test
    @DisplayName("[M3] the token of another meeting is 401 UNAUTHORIZED")
    void stateWithATokenOfAnotherMeeting() {
        Api.Created created = Api.create("Overleg");
        Api.Created other = Api.create("Ander overleg");
        Api.Joined an = Api.join(other.meetingId(), "An");
        assertError(Api.stateResponse(created.meetingId(), an.token()), 401, "UNAUTHORIZED");
    }

    @Test
    @DisplayName("[protocol 1] GET state of an unknown meeting is 404 NOT_FOUND")
    void stateOfAnUnknownMeeting() {
        assertError(Api.stateResponse("nosuchmeeting", null), 404, "NOT_FOUND");
    }

    @Test
    @DisplayName("[MOD2, M3] a removed participant's token is 401 UNAUTHORIZED; they may join again as someone new")
    void stateOfARemovedParticipant() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            Api.Joined an = m.join("An");
            assertThat(Api.state(an).path("you").path("participantId").asText()).isEqualTo(an.participantId());

            mo.ack("participant.remove", "participantId", an.participantId());

            assertError(Api.stateResponse(m.id(), an.token()), 401, "UNAUTHORIZED");
            Api.Joined again = m.join("An");
            assertThat(again.participantId()).isNotEqualTo(an.participantId());
            assertThat(Api.state(again).path("participants").findValuesAsText("participantId"))
                    .doesNotContain(an.participantId());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // GET /api/meetings/{id}/report

    @Test
    @DisplayName("[protocol 6] the moderator reads the report as Markdown and as JSON")
    void reportForTheModerator() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Welkom", 300)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An", "Bibliotheek Gent");
            an.ack("chat.send", "text", "Goeiemorgen allemaal");
            mo.ack("agenda.next");

            Response md = reportResponse(m.id(), mo.who.token(), "md");
            assertThat(md.statusCode()).isEqualTo(200);
            assertThat(md.contentType()).startsWith("text/markdown");
            assertThat(md.asString()).contains("Lerend netwerk").contains("Welkom").contains("An")
                    .contains("Bibliotheek Gent").contains("Goeiemorgen allemaal");

            Response json = reportResponse(m.id(), mo.who.token(), "json");
            assertThat(json.contentType()).startsWith("application/json");
            JsonNode report = Api.json(json, 200);
            assertThat(report.toString()).contains("Welkom").contains("Goeiemorgen allemaal")
                    .doesNotContain(an.who.token()).doesNotContain(m.created.moderatorKey());

            Response byDefault = given().header("Authorization", "Bearer " + mo.who.token()).when()
                    .get("/api/meetings/" + m.id() + "/report");
            assertThat(byDefault.statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("[protocol 1, 6] a participant asking for the report gets 403 FORBIDDEN")
    void reportForAParticipant() {
        Api.Created created = Api.create("Overleg");
        Api.Joined an = Api.join(created.meetingId(), "An");
        assertError(reportResponse(created.meetingId(), an.token(), "md"), 403, "FORBIDDEN");
        assertError(reportResponse(created.meetingId(), an.token(), "json"), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("[protocol 1, 6] the report without a token, or with a bad one, is 401 UNAUTHORIZED")
    void reportWithoutAToken() {
        Api.Created created = Api.create("Overleg");
        assertError(reportResponse(created.meetingId(), null, "md"), 401, "UNAUTHORIZED");
        assertError(reportResponse(created.meetingId(), "nonsense.token", "json"), 401, "UNAUTHORIZED");
    }

    @ParameterizedTest(name = "[protocol 1, 6] report format ''{0}'' is 400 INVALID")
    @ValueSource(strings = { "pdf", "MD", "html", "markdown" })
    void reportInABadFormat(String format) {
        Api.Created created = Api.create("Overleg");
        Api.Joined mo = Api.joinAsModerator(created, "Mo");
        assertError(reportResponse(created.meetingId(), mo.token(), format), 400, "INVALID");
    }

    @Test
    @DisplayName("[MOD6, protocol 6] the report is still there after the meeting has ended")
    void reportAfterTheEnd() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            mo.send("meeting.end");
            assertThat(mo.awaitClose()).isEqualTo(4410);
            assertThat(reportResponse(m.id(), mo.who.token(), "md").statusCode()).isEqualTo(200);
            assertThat(reportResponse(m.id(), mo.who.token(), "json").statusCode()).isEqualTo(200);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Response reportResponse(String meetingId, String token, String format) {
        var request = given().queryParam("format", format);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().get("/api/meetings/" + meetingId + "/report");
    }

    /** protocol.md section 5: the status of the code, and a body of exactly {"error":{"code","message"}}. */
    static void assertError(Response response, int status, String code) {
        String body = response.asString();
        assertThat(response.statusCode()).as("status of %s", body).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", body).startsWith("application/json");
        JsonNode json;
        try {
            json = io.kring.testing.TestParticipant.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("the error body is not JSON: " + body, e);
        }
        assertThat(fieldNames(json)).as("error body %s", body).containsExactly("error");
        assertThat(fieldNames(json.path("error"))).as("error body %s", body).containsExactlyInAnyOrder("code", "message");
        assertThat(json.path("error").path("code").asText()).as("error body %s", body).isEqualTo(code);
        assertThat(json.path("error").path("message").isTextual()).as("error body %s", body).isTrue();
        assertThat(json.path("error").path("message").asText()).as("error body %s", body).isNotBlank();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
