package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.live.NetworkRoomsStore.EarlierMeeting;
import io.kring.testing.Api;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;

/** NWM1 on PostgreSQL: which meetings of a network are read for a meeting's memory, and when it is read again. */
@QuarkusTest
class NetworkMixingStoreTest {

    private static final long DAY = 86_400_000L;

    @Inject
    NetworkRoomsStore rooms;

    @Inject
    NetworkMixing mixing;

    private record Network(String networkId, String coordinatorKey) {
    }

    private static Network network() {
        JsonNode json = Api.json(Api.postJson("/api/networks", Map.of("name", "Geheugen")), 201);
        return new Network(json.path("networkId").asText(), json.path("coordinatorKey").asText());
    }

    private static String plan(Network network, String title, Long startsAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        if (startsAt != null) {
            body.put("startsAt", startsAt);
        }
        return Api.json(RestAssured.given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + network.coordinatorKey()).body(body)
                .when().post("/api/networks/" + network.networkId() + "/meetings"), 201).path("meetingId").asText();
    }

    private static List<String> ids(List<EarlierMeeting> meetings) {
        return meetings.stream().map(EarlierMeeting::meetingId).toList();
    }

    @Test
    @DisplayName("[NWM1] the other meetings of the network planned (else created) before the horizon, most recent first,"
            + " at most the limit; not the meeting itself, nor those of another network or planned later")
    void earlierMeetings() {
        long now = System.currentTimeMillis();
        Network network = network();
        String older = plan(network, "Twee dagen terug", now - 2 * DAY);
        String old = plan(network, "Gisteren", now - DAY);
        String unplanned = plan(network, "Zonder datum", null); // counts from its creation: now
        String later = plan(network, "Over tien dagen", now + 10 * DAY);
        String current = plan(network, "Vandaag", now + 60_000);
        plan(network(), "Ander netwerk", now - DAY);

        long horizon = System.currentTimeMillis() + NetworkMixing.PLANNED_AHEAD_MS;
        assertThat(ids(rooms.earlierMeetings(network.networkId(), current, horizon, 50)))
                .containsExactly(unplanned, old, older);
        assertThat(ids(rooms.earlierMeetings(network.networkId(), current, horizon, 2))).containsExactly(unplanned, old);
        assertThat(ids(rooms.earlierMeetings(network.networkId(), older, horizon, 50)))
                .containsExactly(current, unplanned, old);
        assertThat(ids(rooms.earlierMeetings(network.networkId(), current, now + 11 * DAY, 50)))
                .containsExactly(later, unplanned, old, older);
        assertThat(rooms.earlierMeetings("noSuchNetwork", current, horizon, 50)).isEmpty();
    }

    @Test
    @DisplayName("[NWM1] the memory is reused while the earlier meetings' stored events are the same, built again after"
            + " a change")
    void reusedUntilAnEarlierMeetingChanges() {
        long now = System.currentTimeMillis();
        Network network = network();
        String earlier = plan(network, "Eerder", now - DAY);
        String current = plan(network, "Nu", now);

        NetworkMixing.Remembered first = mixing.remember(current, network.networkId(), null);
        assertThat(first.memory().isEmpty()).as("no rooms yet").isTrue();
        assertThat(ids(first.from())).containsExactly(earlier);
        assertThat(mixing.remember(current, network.networkId(), first)).as("nothing changed").isSameAs(first);

        Api.join(earlier, "Nieuw lid");
        NetworkMixing.Remembered second = mixing.remember(current, network.networkId(), first);
        assertThat(second).as("the earlier meeting has new events").isNotSameAs(first);
        assertThat(second.from().get(0).lastSeq()).isGreaterThan(first.from().get(0).lastSeq());
        assertThat(mixing.remember(current, network.networkId(), second)).isSameAs(second);
    }
}
