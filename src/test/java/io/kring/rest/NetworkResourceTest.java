package io.kring.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.Evictions;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The learning network of protocol.md section 9 through the real stack (REST, WebSocket, live layer, PostgreSQL):
 * meeting-rules NW1..NW8.
 */
@QuarkusTest
class NetworkResourceTest {

    private static final String URL_SAFE = "[A-Za-z0-9_-]+";
    private static final long DAY = 86_400_000L;

    @Inject
    Evictions evictions;

    record Network(String networkId, String coordinatorKey) {
    }

    record Planned(String meetingId, String moderatorKey) {
    }

    private static Network network(String name) {
        JsonNode json = Api.json(Api.postJson("/api/networks", Map.of("name", name, "language", "nl")), 201);
        return new Network(json.path("networkId").asText(), json.path("coordinatorKey").asText());
    }

    private static Response plan(Network network, String key, Map<String, Object> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header("Authorization", "Bearer " + key);
        }
        return request.when().post("/api/networks/" + network.networkId() + "/meetings");
    }

    private static Planned plan(Network network, Map<String, Object> body) {
        JsonNode json = Api.json(plan(network, network.coordinatorKey(), body), 201);
        return new Planned(json.path("meetingId").asText(), json.path("moderatorKey").asText());
    }

    private static Map<String, Object> meeting(String title, Long startsAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        if (startsAt != null) {
            body.put("startsAt", startsAt);
        }
        return body;
    }

    private static Response join(String meetingId, String name, String memberToken, String moderatorKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("organisation", "Bibliotheek Gent");
        if (memberToken != null) {
            body.put("memberToken", memberToken);
        }
        if (moderatorKey != null) {
            body.put("moderatorKey", moderatorKey);
        }
        return Api.postJson("/api/meetings/" + meetingId + "/participants", body);
    }

    private static void assertError(Response response, int status, String code) {
        JsonNode json = Api.json(response, status);
        assertThat(json.path("error").path("code").asText()).as(json.toString()).isEqualTo(code);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("[NW1] creating a network answers 201 with its id, name, coordinator key and both paths; the key only in the fragment")
    void createNetwork() {
        Response response = Api.postJson("/api/networks", Map.of("name", "  Lerend netwerk bibliotheken  "));
        JsonNode json = Api.json(response, 201);
        String id = json.path("networkId").asText();
        String key = json.path("coordinatorKey").asText();
        assertThat(fieldNames(json)).contains("networkId", "name", "coordinatorKey", "networkPath", "coordinatorPath");
        assertThat(id).matches(URL_SAFE);
        assertThat(key).as("at least 128 random bits").matches(URL_SAFE).hasSizeGreaterThanOrEqualTo(22);
        assertThat(json.path("name").asText()).isEqualTo("Lerend netwerk bibliotheken");
        assertThat(json.path("networkPath").asText()).isEqualTo("/n/" + id);
        assertThat(json.path("coordinatorPath").asText()).isEqualTo("/n/" + id + "#key=" + key);

        JsonNode got = Api.json(given().when().get("/api/networks/" + id), 200);
        assertThat(got.path("networkId").asText()).isEqualTo(id);
        assertThat(got.path("name").asText()).isEqualTo("Lerend netwerk bibliotheken");
        assertThat(got.path("language").asText()).as("nl by default").isEqualTo("nl");
        assertThat(got.path("meetings").isArray()).isTrue();
        assertThat(got.path("meetings")).isEmpty();
        assertThat(got.toString()).as("GET never shows the key").doesNotContain(key);
        assertThat(network("Ander").coordinatorKey()).isNotEqualTo(key);
    }

    @Test
    @DisplayName("[NW1] a network's input is strict: name 1..200, language nl|en, strict JSON; unknown networks are 404")
    void createNetworkInput() {
        assertError(Api.postJson("/api/networks", Map.of("language", "nl")), 400, "INVALID");
        assertError(Api.postJson("/api/networks", Map.of("name", 123)), 400, "INVALID");
        assertError(Api.postJson("/api/networks", Map.of("name", "   ")), 400, "INVALID");
        assertError(Api.postJson("/api/networks", Map.of("name", "x".repeat(201))), 400, "INVALID");
        assertError(Api.postJson("/api/networks", Map.of("name", "Netwerk\nmet regel")), 400, "INVALID");
        assertError(Api.postJson("/api/networks", Map.of("name", "N", "language", "fr")), 400, "INVALID");
        assertError(given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"name\":\"b\"}").post("/api/networks"),
                400, "INVALID");
        assertError(given().contentType("application/x-www-form-urlencoded").body("name=a").post("/api/networks"), 400,
                "INVALID");
        assertError(given().contentType(ContentType.TEXT).body("name=a").post("/api/networks"), 400, "INVALID");
        assertThat(Api.json(Api.postJson("/api/networks", Map.of("name", "x".repeat(200), "language", "en")), 201)
                .path("name").asText()).hasSize(200);
        assertError(given().when().get("/api/networks/doesNotExist1"), 404, "NOT_FOUND");
        assertError(given().when().get("/api/networks/not.an.id"), 404, "NOT_FOUND");
    }

    @Test
    @DisplayName("[NW2] planning a meeting answers as POST /api/meetings plus networkId; the network lists its meetings upcoming first")
    void planAndList() {
        Network network = network("Bibliotheken");
        long now = System.currentTimeMillis();
        JsonNode first = Api.json(plan(network, network.coordinatorKey(),
                Map.of("title", "Tweede", "startsAt", now + 2 * DAY, "mode", "hybrid")), 201);
        String second = first.path("meetingId").asText();
        assertThat(fieldNames(first)).contains("meetingId", "title", "moderatorKey", "joinPath", "moderatorPath",
                "networkId");
        assertThat(first.path("networkId").asText()).isEqualTo(network.networkId());
        assertThat(first.path("joinPath").asText()).isEqualTo("/m/" + second);
        assertThat(first.path("moderatorPath").asText())
                .isEqualTo("/m/" + second + "#key=" + first.path("moderatorKey").asText());
        assertThat(first.path("moderatorKey").asText()).as("the meeting has its own key")
                .isNotEqualTo(network.coordinatorKey());

        String undated = plan(network, meeting("Ooit", null)).meetingId();
        String next = plan(network, meeting("Eerste", now + DAY)).meetingId();
        String past = plan(network, meeting("Vorige maand", now - 30 * DAY)).meetingId();
        String longAgo = plan(network, meeting("Vorig jaar", now - 365 * DAY)).meetingId();

        JsonNode listed = Api.json(given().when().get("/api/networks/" + network.networkId()), 200);
        List<String> order = new ArrayList<>();
        listed.path("meetings").forEach(m -> order.add(m.path("meetingId").asText()));
        assertThat(order).as("the next one first, undated upcoming after the dated, then the past, latest first")
                .containsExactly(next, second, undated, past, longAgo);
        JsonNode hybrid = listed.path("meetings").get(1);
        assertThat(fieldNames(hybrid)).contains("meetingId", "title", "status", "startsAt", "mode", "joinPath",
                "recapPath");
        assertThat(hybrid.path("title").asText()).isEqualTo("Tweede");
        assertThat(hybrid.path("status").asText()).isEqualTo("open");
        assertThat(hybrid.path("startsAt").asLong()).isEqualTo(now + 2 * DAY);
        assertThat(hybrid.path("mode").asText()).isEqualTo("hybrid");
        assertThat(hybrid.path("joinPath").asText()).isEqualTo("/m/" + second);
        assertThat(hybrid.path("recapPath").isNull()).as("no recap yet").isTrue();
        JsonNode undatedRow = listed.path("meetings").get(2);
        assertThat(undatedRow.path("startsAt").isNull()).isTrue();
        assertThat(undatedRow.path("mode").asText()).as("online by default").isEqualTo("online");
        assertThat(Api.meeting(second).path("language").asText()).as("the network's language").isEqualTo("nl");
        assertThat(listed.toString()).doesNotContain(first.path("moderatorKey").asText())
                .doesNotContain(network.coordinatorKey());
    }

    @Test
    @DisplayName("[NW2] an ended meeting is past: it goes after every upcoming one, with its recap link")
    void endedMeetingIsPast() {
        Network network = network("Met einde");
        long now = System.currentTimeMillis();
        Planned ended = plan(network, meeting("Vandaag, al klaar", now + DAY / 2));
        Planned later = plan(network, meeting("Later", now + 3 * DAY));
        JsonNode moJoin = Api.json(join(ended.meetingId(), "Mo", null, ended.moderatorKey()), 201);
        Api.Joined moderator = new Api.Joined(ended.meetingId(), moJoin.path("participantId").asText(),
                moJoin.path("token").asText(), "moderator", "Mo", "");
        String recapPath;
        try (TestParticipant socket = TestParticipant.connect(moderator)) {
            socket.ack("report.publish");
            recapPath = Api.state(moderator).path("meeting").path("recapPath").asText();
            socket.send("meeting.end", Map.of());
            socket.awaitClose();
        }
        JsonNode listed = Api.json(given().when().get("/api/networks/" + network.networkId()), 200);
        assertThat(recapPath).startsWith("/r/");
        assertThat(listed.path("meetings").get(1).path("recapPath").asText())
                .as("[NW2] a past meeting links its published recap").isEqualTo(recapPath);
        assertThat(listed.path("meetings").get(0).path("recapPath").isNull()).as("no recap published").isTrue();
        assertThat(listed.path("meetings").get(0).path("meetingId").asText()).isEqualTo(later.meetingId());
        assertThat(listed.path("meetings").get(1).path("meetingId").asText()).isEqualTo(ended.meetingId());
        assertThat(listed.path("meetings").get(1).path("status").asText()).isEqualTo("ended");
    }

    @Test
    @DisplayName("[NW3] planning needs the network's coordinator key: none 401, a wrong one or another network's 403; input is strict")
    void planNeedsTheCoordinatorKey() {
        Network network = network("Sleutels");
        Network other = network("Andere sleutels");
        assertError(plan(network, null, meeting("Zonder sleutel", null)), 401, "UNAUTHORIZED");
        assertError(plan(network, "wrong-key-0123456789abcdef", meeting("Verkeerd", null)), 403, "FORBIDDEN");
        assertError(plan(network, other.coordinatorKey(), meeting("Ander netwerk", null)), 403, "FORBIDDEN");
        assertError(plan(new Network("doesNotExist1", "x"), "x", meeting("Nergens", null)), 404, "NOT_FOUND");
        String key = network.coordinatorKey();
        assertError(plan(network, key, Map.of("title", "")), 400, "INVALID");
        assertError(plan(network, key, Map.of("title", "T", "mode", "offline")), 400, "INVALID");
        assertError(plan(network, key, Map.of("title", "T", "mode", 1)), 400, "INVALID");
        assertError(plan(network, key, Map.of("title", "T", "startsAt", "1795000000000")), 400, "INVALID");
        assertError(plan(network, key, Map.of("title", "T", "startsAt", 1.5)), 400, "INVALID");
        assertError(plan(network, key, Map.of("title", "T", "startsAt", -1)), 400, "INVALID");
        assertError(plan(network, key, Map.of("title", "T", "language", "de")), 400, "INVALID");
        assertThat(Api.json(given().when().get("/api/networks/" + network.networkId()), 200).path("meetings"))
                .as("nothing refused was planned").isEmpty();
    }

    @Test
    @DisplayName("[NW3][H3] planning checks who asks before the body: 404, 401, 403 whatever the body; with the key, strict JSON whatever its label (400 otherwise)")
    void planChecksTheKeyBeforeTheBody() {
        Network network = network("Eerst de sleutel");
        Network other = network("Andere sleutel");
        String path = "/api/networks/" + network.networkId() + "/meetings";
        assertError(given().when().post(path), 401, "UNAUTHORIZED");
        assertError(given().contentType("text/plain").body("{\"title\":\"T\"}").when().post(path), 401, "UNAUTHORIZED");
        assertError(given().contentType("application/x-www-form-urlencoded").body("title=T").when().post(path), 401,
                "UNAUTHORIZED");
        assertError(given().header("Authorization", "Bearer " + other.coordinatorKey()).when().post(path), 403,
                "FORBIDDEN");
        assertError(given().header("Authorization", "Bearer wrong-key").contentType("text/plain").body("x").when()
                .post(path), 403, "FORBIDDEN");
        assertError(given().when().post("/api/networks/doesNotExist1/meetings"), 404, "NOT_FOUND");
        assertError(given().contentType("text/plain").body("x").when().post("/api/networks/doesNotExist1/meetings"), 404,
                "NOT_FOUND");

        String bearer = "Bearer " + network.coordinatorKey();
        assertError(given().header("Authorization", bearer).when().post(path), 400, "INVALID");
        assertError(given().header("Authorization", bearer).contentType("application/x-www-form-urlencoded")
                .body("title=T").when().post(path), 400, "INVALID");
        assertThat(Api.json(given().when().get("/api/networks/" + network.networkId()), 200).path("meetings"))
                .as("nothing refused was planned").isEmpty();
        assertThat(given().header("Authorization", bearer).contentType("text/plain").body("{\"title\":\"T\"}").when()
                .post(path).statusCode()).as("JSON whatever its label").isEqualTo(201);
        assertThat(given().header("Authorization", bearer).contentType("application/json; charset=utf-8")
                .body("{\"title\":\"T\"}").when().post(path).statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("[NW5] a planned meeting may copy the agenda of a meeting of the same network; any other meeting is 404")
    void copyAgenda() {
        Network network = network("Agenda's");
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("title", "Eerste");
        source.put("agenda", List.of(Api.item("Welkom", 300),
                Map.of("title", "Groepswerk", "durationSeconds", 1200, "kind", "breakout", "description", "Met z'n vieren"),
                Map.of("title", "Pauze", "durationSeconds", 600, "kind", "break")));
        Planned first = plan(network, source);
        Planned copy = plan(network, Map.of("title", "Tweede", "copyAgendaFrom", first.meetingId()));

        Api.Joined an = Api.join(copy.meetingId(), "An");
        JsonNode items = Api.state(an).path("agenda").path("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("title").asText()).isEqualTo("Welkom");
        assertThat(items.get(1).path("kind").asText()).isEqualTo("breakout");
        assertThat(items.get(1).path("durationSeconds").asInt()).isEqualTo(1200);
        assertThat(items.get(1).path("description").asText()).isEqualTo("Met z'n vieren");
        assertThat(items.get(2).path("kind").asText()).isEqualTo("break");
        assertThat(items.get(0).path("status").asText()).isEqualTo("pending");
        JsonNode sourceItems = Api.state(Api.join(first.meetingId(), "Bo")).path("agenda").path("items");
        assertThat(items.get(0).path("itemId").asText()).as("new items, new ids")
                .isNotEqualTo(sourceItems.get(0).path("itemId").asText());

        Network other = network("Ander");
        Planned foreign = plan(other, meeting("Elders", null));
        Api.Created plain = Api.create("Los");
        String key = network.coordinatorKey();
        assertError(plan(network, key, Map.of("title", "T", "copyAgendaFrom", foreign.meetingId())), 404, "NOT_FOUND");
        assertError(plan(network, key, Map.of("title", "T", "copyAgendaFrom", plain.meetingId())), 404, "NOT_FOUND");
        assertError(plan(network, key, Map.of("title", "T", "copyAgendaFrom", "doesNotExist1")), 404, "NOT_FOUND");
        assertError(plan(network, key, Map.of("title", "T", "copyAgendaFrom", "../x")), 404, "NOT_FOUND");
        assertError(plan(network, key, Map.of("title", "T", "copyAgendaFrom", 5)), 400, "INVALID");
        assertError(plan(network, key, Map.of("title", "T", "copyAgendaFrom", first.meetingId(),
                "agenda", List.of(Api.item("Dubbel", 60)))), 400, "INVALID");
    }

    @Test
    @DisplayName("[NW3] the coordinator key joins every meeting of the network as moderator and runs its commands over WebSocket")
    void coordinatorKeyIsModeratorKey() {
        Network network = network("Coördinatie");
        Planned planned = plan(network, meeting("Bijeenkomst", null));
        JsonNode joined = Api.json(join(planned.meetingId(), "Coördinator", null, network.coordinatorKey()), 201);
        assertThat(joined.path("role").asText()).isEqualTo("moderator");
        Api.Joined coordinator = new Api.Joined(planned.meetingId(), joined.path("participantId").asText(),
                joined.path("token").asText(), "moderator", "Coördinator", "Bibliotheek Gent");
        try (TestParticipant socket = TestParticipant.connect(coordinator)) {
            assertThat(socket.welcome().path("state").path("you").path("role").asText()).isEqualTo("moderator");
            socket.ack("meeting.lock");
        }
        assertError(join(planned.meetingId(), "Te laat", null, null), 403, "LOCKED");
        assertThat(Api.json(join(planned.meetingId(), "Met eigen sleutel", null, planned.moderatorKey()), 201)
                .path("role").asText()).isEqualTo("moderator");

        Network other = network("Ander netwerk");
        assertError(join(planned.meetingId(), "Indringer", null, other.coordinatorKey()), 403, "FORBIDDEN");
        Api.Created plain = Api.create("Los");
        assertError(join(plain.meetingId(), "Indringer", null, network.coordinatorKey()), 403, "FORBIDDEN");

        // DELETE with the coordinator's token of the meeting, as any moderator's
        Response deleted = given().header("Authorization", "Bearer " + coordinator.token()).when()
                .delete("/api/meetings/" + planned.meetingId());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(Api.json(given().when().get("/api/networks/" + network.networkId()), 200).path("meetings"))
                .as("a deleted meeting leaves the network's list").isEmpty();
    }

    @Test
    @DisplayName("[NW4] a member stays the same member across meetings with their token; without it they are a new member")
    void memberContinuity() {
        Network network = network("Leden");
        Planned first = plan(network, meeting("Eerste", null));
        Planned second = plan(network, meeting("Tweede", null));

        JsonNode an1 = Api.json(join(first.meetingId(), "An", null, null), 201);
        String memberId = an1.path("memberId").asText();
        String memberToken = an1.path("memberToken").asText();
        assertThat(memberId).matches(URL_SAFE);
        assertThat(memberToken).as("at least 128 random bits").hasSizeGreaterThanOrEqualTo(22);
        assertThat(memberToken).isNotEqualTo(an1.path("token").asText());

        JsonNode an2 = Api.json(join(second.meetingId(), "An", memberToken, null), 201);
        assertThat(an2.path("memberId").asText()).as("the same member").isEqualTo(memberId);
        assertThat(an2.has("memberToken")).as("the token is given once").isFalse();
        assertThat(an2.path("participantId").asText()).isNotEqualTo(an1.path("participantId").asText());

        JsonNode bo = Api.json(join(second.meetingId(), "Bo", null, null), 201);
        assertThat(bo.path("memberId").asText()).as("without a token: a new member").isNotEqualTo(memberId);
        assertThat(bo.path("memberToken").asText()).isNotEqualTo(memberToken).isNotEmpty();

        JsonNode coordinator = Api.json(join(second.meetingId(), "Co", null, network.coordinatorKey()), 201);
        assertThat(coordinator.path("memberId").asText()).as("moderators are members too").isNotEmpty();
    }

    @Test
    @DisplayName("[NW4] a member token of another network, an unknown or a malformed one is 401; outside a network it is ignored")
    void foreignTokensAreRefused() {
        Network network = network("Eigen");
        Network other = network("Vreemd");
        Planned ours = plan(network, meeting("Hier", null));
        Planned theirs = plan(other, meeting("Daar", null));
        String foreignToken = Api.json(join(theirs.meetingId(), "Cy", null, null), 201).path("memberToken").asText();
        String ownToken = Api.json(join(ours.meetingId(), "Di", null, null), 201).path("memberToken").asText();

        assertError(join(ours.meetingId(), "Cy", foreignToken, null), 401, "UNAUTHORIZED");
        String forged = ownToken.substring(0, ownToken.indexOf('.') + 1) + "A".repeat(43);
        assertError(join(ours.meetingId(), "Di", forged, null), 401, "UNAUTHORIZED");
        assertError(join(ours.meetingId(), "Ed", "unknownMember1.secret", null), 401, "UNAUTHORIZED");
        assertError(join(ours.meetingId(), "Ed", "no-dot-at-all", null), 401, "UNAUTHORIZED");
        assertError(join(ours.meetingId(), "Ed", "", null), 401, "UNAUTHORIZED");
        Map<String, Object> numeric = Map.of("name", "Ed", "memberToken", 12);
        assertError(Api.postJson("/api/meetings/" + ours.meetingId() + "/participants", numeric), 400, "INVALID");

        Api.Created plain = Api.create("Los");
        JsonNode outside = Api.json(join(plain.meetingId(), "Di", ownToken, null), 201);
        assertThat(outside.has("memberId")).isFalse();
        assertThat(outside.has("memberToken")).isFalse();

        assertError(join(ours.meetingId(), " ", null, null), 400, "INVALID");
        JsonNode state = Api.state(Api.join(ours.meetingId(), "Fi"));
        assertThat(state.path("participants")).as("refused joins added nobody").hasSize(2);
    }

    @Test
    @DisplayName("[NW6] the snapshot shows memberId on the participants of a network meeting and nothing more; it survives a reload")
    void snapshotCarriesOnlyTheMemberId() {
        Network network = network("Momentopname");
        Planned planned = plan(network, meeting("Bijeenkomst", null));
        JsonNode an = Api.json(join(planned.meetingId(), "An", null, null), 201);
        Api.Joined anJoined = new Api.Joined(planned.meetingId(), an.path("participantId").asText(),
                an.path("token").asText(), "participant", "An", "Bibliotheek Gent");
        JsonNode state = Api.state(anJoined);
        JsonNode participant = state.path("participants").get(0);
        assertThat(participant.path("memberId").asText()).isEqualTo(an.path("memberId").asText());
        Api.Created plain = Api.create("Los");
        JsonNode plainParticipant = Api.state(Api.join(plain.meetingId(), "Bo")).path("participants").get(0);
        List<String> expected = new ArrayList<>(fieldNames(plainParticipant));
        assertThat(plainParticipant.path("memberId").isNull()).as("null outside a network").isTrue();
        assertThat(fieldNames(participant)).as("the same fields as elsewhere: no token, no profile")
                .containsExactlyInAnyOrderElementsOf(expected);
        String memberToken = an.path("memberToken").asText();
        assertThat(state.toString()).doesNotContain(memberToken).doesNotContain(memberToken.split("\\.")[1]);

        try (TestParticipant socket = TestParticipant.connect(anJoined)) {
            JsonNode welcomed = socket.welcome().path("state").path("participants").get(0);
            assertThat(welcomed.path("memberId").asText()).isEqualTo(an.path("memberId").asText());
        }
        evictions.awaitLeavesMemory(planned.meetingId());
        JsonNode reloaded = Api.state(anJoined).path("participants").get(0);
        assertThat(reloaded.path("memberId").asText()).as("stored in the join event").isEqualTo(an.path("memberId").asText());
    }
}
