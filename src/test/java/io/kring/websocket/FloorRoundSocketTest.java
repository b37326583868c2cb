package io.kring.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/** Q11, Q12 through the real WebSocket and PostgreSQL: a round of turns. */
@QuarkusTest
class FloorRoundSocketTest {

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(field == null ? node.asText() : node.path(field).asText()));
        return ids;
    }

    @Test
    @DisplayName("[Q11, Q12] floor.round in organisation order: FORBIDDEN, INVALID and CONFLICT refused; the first speaks, the others queue; floor.next carries the limit")
    void roundOfTurns() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An", "Zorg");
            TestParticipant bo = m.participant("Bo", "bibliotheek");
            TestParticipant cy = m.participant("Cy");
            m.join("Di"); // never connects: not present

            assertThat(an.error("floor.round", "order", "join").path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(mo.error("floor.round", "order", "alphabetical").path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("floor.round").path("code").asText()).as("order is required").isEqualTo("INVALID");
            assertThat(mo.error("floor.round", "order", "join", "limitSeconds", "60").path("code").asText())
                    .as("no coercion").isEqualTo("INVALID");
            assertThat(mo.error("floor.round", "order", "join", "limitSeconds", 3601).path("code").asText())
                    .isEqualTo("INVALID");

            mo.ack("floor.round", "order", "organisation", "limitSeconds", 60);
            JsonNode data = cy.awaitEvent("floor.round").path("data");
            assertThat(data.path("order").asText()).isEqualTo("organisation");
            assertThat(data.path("speaker").path("participantId").asText()).isEqualTo(bo.who.participantId());
            assertThat(data.path("speaker").path("limitSeconds").asInt()).isEqualTo(60);
            assertThat(ids(data.path("participantIds"), null))
                    .containsExactly(an.who.participantId(), cy.who.participantId());
            assertThat(data.path("roundLimitSeconds").asInt()).isEqualTo(60);

            JsonNode queue = Api.state(cy.who).path("queue");
            assertThat(queue.path("speaker").path("participantId").asText()).isEqualTo(bo.who.participantId());
            assertThat(ids(queue.path("hands"), "participantId"))
                    .containsExactly(an.who.participantId(), cy.who.participantId());
            assertThat(queue.path("hands").findValuesAsText("kind")).containsExactly("speak", "speak");
            assertThat(queue.path("roundLimitSeconds").asInt()).isEqualTo(60);

            assertThat(mo.error("floor.round", "order", "join").path("code").asText())
                    .as("someone speaks").isEqualTo("CONFLICT");

            JsonNode display = Api.json(given().when().get("/api/meetings/" + m.id() + "/display"), 200);
            assertThat(display.path("queue").path("roundLimitSeconds").asInt()).isEqualTo(60);
            assertThat(display.path("queue").path("speaker").path("name").asText()).isEqualTo("Bo");
            assertThat(display.path("queue").path("hands").get(0).path("name").asText()).isEqualTo("An");

            mo.ack("floor.next");
            queue = Api.state(cy.who).path("queue");
            assertThat(queue.path("speaker").path("participantId").asText()).isEqualTo(an.who.participantId());
            assertThat(queue.path("speaker").path("limitSeconds").asInt()).as("[Q12] the round's limit").isEqualTo(60);
            mo.ack("floor.next");
            queue = Api.state(cy.who).path("queue");
            assertThat(queue.path("speaker").path("participantId").asText()).isEqualTo(cy.who.participantId());
            assertThat(queue.path("roundLimitSeconds").isNull()).as("[Q12] the queue is empty").isTrue();
            SnapshotModel.assertMatchesServer(an, mo, cy);

            mo.ack("floor.end");
            mo.ack("hand.raise");
            assertThat(mo.error("floor.round", "order", "random").path("code").asText())
                    .as("a hand is up").isEqualTo("CONFLICT");
            mo.ack("hand.lower");
            mo.ack("floor.round", "order", "random");
            JsonNode random = Api.state(cy.who).path("queue");
            assertThat(random.path("roundLimitSeconds").isNull()).isTrue();
            assertThat(random.path("speaker").path("limitSeconds").isNull()).isTrue();
            JsonNode displayedWithoutLimit = Api.json(given().when().get("/api/meetings/" + m.id() + "/display"), 200);
            assertThat(displayedWithoutLimit.path("queue").path("speaker").path("limitSeconds").isNull())
                    .as("the projector counts up for a turn without a limit, as the snapshot says").isTrue();
            List<String> everyone = new ArrayList<>(ids(random.path("hands"), "participantId"));
            everyone.add(random.path("speaker").path("participantId").asText());
            assertThat(everyone).containsExactlyInAnyOrder(an.who.participantId(), bo.who.participantId(),
                    cy.who.participantId());
            SnapshotModel.assertMatchesServer(an, mo);
        }
    }
}
