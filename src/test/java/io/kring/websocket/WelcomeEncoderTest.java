package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.meeting.Credentials;
import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.MeetingView;

/** The spliced welcome must be exactly the welcome a JSON writer would produce from the whole snapshot. */
class WelcomeEncoderTest {

    private static final long NOW = 1_795_000_000_000L;
    private final ObjectMapper mapper = new ObjectMapper();
    private final WelcomeEncoder encoder = new WelcomeEncoder(new Protocol(mapper));
    private final AtomicInteger ids = new AtomicInteger();
    private final Meeting meeting = Meeting.create("m1", "Wie zegt \"participants\":[] hier?", "nl",
            Credentials.hash("key"), List.of(), NOW, () -> "id" + ids.incrementAndGet(), new Random(1));

    @Test
    void welcomeEqualsTheWholeSnapshotEncodedAtOnce() throws Exception {
        join("p1", "An \"participants\":[1]", "Bib ]}");
        join("p2", "Bénédicte 🌷", "");
        join("p3", "Chris", "OCMW");
        meeting.handle("p2", new MeetingCommand.ConnectParticipant(), NOW);

        assertEncodedExactly("p1", 7);
    }

    @Test
    void aChangedParticipantIsEncodedAgain() throws Exception {
        join("p1", "An", "Bib");
        join("p2", "Bert", "OCMW");
        assertEncodedExactly("p2", 3);

        meeting.handle("p1", new MeetingCommand.ConnectParticipant(), NOW + 1);
        JsonNode second = assertEncodedExactly("p2", 4);

        assertThat(second.at("/state/participants/0/online").asBoolean()).isTrue();
    }

    @Test
    void anEmptyRosterStaysAnEmptyArray() throws Exception {
        assertEncodedExactly(null, 1);
    }

    @Test
    void theCacheKeepsABoundedNumberOfMeetingsAndForgets() throws Exception {
        join("p1", "An", "Bib");
        MeetingView.Snapshot snapshot = meeting.viewFor("p1", NOW);
        for (int i = 0; i < WelcomeEncoder.MEETINGS_KEPT * 3; i++) {
            encoder.encode("meeting-" + i, 1, snapshot);
        }
        assertThat(encoder.meetingsKept()).isEqualTo(WelcomeEncoder.MEETINGS_KEPT);
        encoder.forget("meeting-" + (WelcomeEncoder.MEETINGS_KEPT * 3 - 1));
        assertThat(encoder.meetingsKept()).isEqualTo(WelcomeEncoder.MEETINGS_KEPT - 1);
        assertEncodedExactly("p1", 2);
    }

    private void join(String id, String name, String organisation) {
        meeting.handle(null, new MeetingCommand.JoinMeeting(id, name, organisation, null, Credentials.hash("t-" + id)),
                NOW);
    }

    private JsonNode assertEncodedExactly(String participantId, long seq) throws Exception {
        MeetingView.Snapshot snapshot = meeting.viewFor(participantId, NOW + 5);
        String encoded = encoder.encode("m1", seq, snapshot);
        assertThat(encoded).isEqualTo(mapper.writeValueAsString(new Messages.Welcome(seq, snapshot)));
        JsonNode welcome = mapper.readTree(encoded);
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.at("/state/participants").size()).isEqualTo(snapshot.participants().size());
        return welcome;
    }
}
