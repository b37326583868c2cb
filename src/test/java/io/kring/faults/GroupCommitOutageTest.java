package io.kring.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.live.LiveMeetings;
import io.kring.testing.HeldMeetingLock;
import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * P7, P11: a batch of commands whose one transaction fails is answered UNAVAILABLE as a whole; once the
 * database is back, the meeting is loaded again from the store, with none of them.
 */
@QuarkusTest
@QuarkusTestResource(value = ProxiedDatabase.class, restrictToAnnotatedClass = true)
class GroupCommitOutageTest {

    @Inject
    LiveMeetings meetings;
    @Inject
    MeterRegistry registry;

    @Test
    @DisplayName("[P11] a failed group commit answers UNAVAILABLE to every command of the batch; the reloaded meeting has none of them")
    void aFailedBatchIsRefusedAsAWholeAndLeavesNothing() throws Exception {
        try (TestMeeting meeting = TestMeeting.create()) {
            TestParticipant moderator = meeting.moderator("Mira");
            List<TestParticipant> people = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                people.add(meeting.participant("Person " + i));
            }
            people.get(0).ack("chat.send", "text", "before the outage");
            List<String> ids = new ArrayList<>();

            try (HeldMeetingLock lock = new HeldMeetingLock(meetings, meeting.id())) {
                for (TestParticipant person : people) {
                    ids.add(person.send("hand.raise", "kind", "speak"));
                }
                ids.add(moderator.send("chat.send", "text", "in the failed batch"));
                Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                        .until(() -> registry.find("kring.commands.waiting").gauge().value() >= 6);
                ProxiedDatabase.proxy.down();
            }

            try {
                for (int i = 0; i < people.size(); i++) {
                    JsonNode refused = people.get(i).awaitError(ids.get(i));
                    assertThat(refused.path("code").asText()).isEqualTo("UNAVAILABLE");
                }
                assertThat(moderator.awaitError(ids.get(5)).path("code").asText()).isEqualTo("UNAVAILABLE");
                assertThat(people.get(0).isClosed()).isFalse();
            } finally {
                ProxiedDatabase.proxy.up();
            }

            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> Api.stateResponse(meeting.id(), moderator.who.token()).statusCode() == 200);
            JsonNode reloaded = Api.state(moderator.who);
            assertThat(reloaded.path("queue").path("hands")).as("no hand of the failed batch").isEmpty();
            assertThat(reloaded.path("chat").findValuesAsText("text")).containsExactly("before the outage");

            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                JsonNode reply = people.get(1).awaitReply(people.get(1).send("hand.raise", "kind", "speak"));
                return reply.path("type").asText().equals("ack");
            });
            assertThat(Api.state(moderator.who).path("queue").path("hands")).hasSize(1);
        }
    }
}
