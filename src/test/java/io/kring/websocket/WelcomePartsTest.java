package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 11 point 4: welcomes are built from parts kept per state (WelcomeEncoder). Through the real
 * server: participants reconnect again and again while others act, and every welcome is the state it
 * was sent in, with no event missed or seen twice after it; in quiet moments each welcome equals the
 * state built afresh (GET state), presence changes included.
 */
@QuarkusTest
class WelcomePartsTest {

    @Test
    @DisplayName("[issue 11.4] reconnects while others act: each welcome plus the events after it is the state now")
    void reconnectsWhileOthersAct() throws Exception {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant ann = m.participant("Ann");
            TestParticipant bob = m.participant("Bob");
            List<Api.Joined> returning = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                returning.add(m.join("Returning " + i));
            }
            ExecutorService actors = Executors.newSingleThreadExecutor();
            List<TestParticipant> last = new ArrayList<>();
            try {
                Future<?> acting = actors.submit(() -> {
                    for (int k = 0; k < 12; k++) {
                        ann.ack("hand.raise", "kind", k % 2 == 0 ? "speak" : "reply");
                        bob.ack("chat.send", "text", "message " + k);
                        if (k % 3 == 2) {
                            mo.ack("hand.lower", "participantId", ann.id());
                        }
                        mo.ack("agenda.add", "title", "item " + k, "durationSeconds", 60);
                        sleep(250); // R3: at most 5 chat messages a second
                    }
                    return null;
                });
                List<TestParticipant> current = new ArrayList<>();
                for (int round = 0; round < 6 || !acting.isDone(); round++) {
                    for (TestParticipant socket : current) {
                        socket.close();
                    }
                    current.clear();
                    for (Api.Joined who : returning) {
                        current.add(m.connect(who));
                    }
                    sleep(150); // R2: a participant's hellos count against 20 frames a second
                }
                acting.get(60, TimeUnit.SECONDS);
                last.addAll(current);
            } finally {
                actors.shutdownNow();
            }

            List<TestParticipant> everyone = new ArrayList<>(last);
            everyone.add(mo);
            everyone.add(ann);
            everyone.add(bob);
            SnapshotModel.assertMatchesServer(everyone.toArray(new TestParticipant[0]));
        }
    }

    @Test
    @DisplayName("[issue 11.4] in a quiet meeting each welcome equals the state built afresh, after presence changes and stored changes")
    void welcomesEqualAFreshState() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<Api.Joined> people = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                people.add(m.join("Person " + i));
            }
            // Same state for several viewers: the kept parts are reused.
            assertWelcomeIsFresh(m.connect(people.get(0)));
            assertWelcomeIsFresh(m.connect(people.get(1)));
            // A connect is a presence change (applied at once, told later): the next welcome shows it.
            TestParticipant two = m.connect(people.get(2));
            JsonNode seenByThree = assertWelcomeIsFresh(m.connect(people.get(3)));
            assertThat(online(seenByThree, people.get(2))).isTrue();
            // Going offline too, before it is told.
            two.close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> !online(Api.state(mo.who), people.get(2)));
            JsonNode seenByFour = assertWelcomeIsFresh(m.connect(people.get(4)));
            assertThat(online(seenByFour, people.get(2))).isFalse();
            // A stored change.
            mo.ack("agenda.add", "title", "Rondvraag", "durationSeconds", 60);
            JsonNode afterChange = assertWelcomeIsFresh(m.connect(people.get(2)));
            assertThat(afterChange.at("/agenda/items/0/title").asText()).isEqualTo("Rondvraag");
            assertThat(assertWelcomeIsFresh(m.connect(mo.who)).at("/you/role").asText()).isEqualTo("moderator");
        }
    }

    /** The new socket's welcome against GET state read right after it (nothing else happens meanwhile). */
    private static JsonNode assertWelcomeIsFresh(TestParticipant socket) {
        JsonNode welcome = socket.welcome().path("state");
        JsonNode fresh = Api.state(socket.who);
        assertThat(SnapshotModel.comparable(welcome)).as("%s's welcome", socket).isEqualTo(SnapshotModel.comparable(fresh));
        return welcome;
    }

    private static boolean online(JsonNode state, Api.Joined who) {
        for (JsonNode participant : (state.has("participants") ? state : state.path("state")).path("participants")) {
            if (participant.path("participantId").asText().equals(who.participantId())) {
                return participant.path("online").asBoolean();
            }
        }
        throw new AssertionError(who.name() + " is not in the roster");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
