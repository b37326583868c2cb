package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.live.WelcomeState;
import io.kring.meeting.CallLinks;
import io.kring.meeting.Credentials;
import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.MeetingEvent;
import io.kring.meeting.MeetingView;

/**
 * A welcome from kept parts must be exactly the welcome a JSON writer produces from the whole snapshot
 * built now; while the state stays the same the kept bytes are reused, and any change (presence too)
 * is in the next welcome.
 */
class WelcomeEncoderTest {

    private static final long NOW = 1_795_000_000_000L;
    private final ObjectMapper mapper = new ObjectMapper();
    private final WelcomeEncoder encoder = new WelcomeEncoder(new Protocol(mapper));
    private final AtomicInteger ids = new AtomicInteger();
    /** CALL1: on a server with call links, so the meeting part has a link and rooms have theirs. */
    private final CallLinks calls = CallLinks.from("https://meet.example.org/", new Random(2));
    private final Meeting meeting = Meeting.replay(Meeting.creationEvents("m1", "Wie zegt \"participants\":[] hier?",
            "nl", Credentials.hash("key"), List.of(), NOW, () -> "id" + ids.incrementAndGet(), calls),
            () -> "id" + ids.incrementAndGet(), new Random(1));

    {
        meeting.useCallLinks(calls);
    }

    /** The live meeting as LiveMeetings shows it: a seq, and presence applied but not stored. */
    private long seq = 1;
    private long presenceAdded;
    private final List<MeetingEvent.PresenceChange> pendingPresence = new ArrayList<>();
    private int snapshotsBuilt;

    @Test
    void welcomeEqualsTheWholeSnapshotEncodedAtOnce() throws Exception {
        join("p1", "An \"participants\":[1]", "Bib ]}");
        join("p2", "Bénédicte 🌷", "");
        join("p3", "Chris", "OCMW");
        connect("p2");

        assertEncodedExactly("p1");
        assertEncodedExactly("p2");
        assertEncodedExactly(null);
    }

    @Test
    void theSameStateReusesTheSharedBytesForEveryViewer() throws Exception {
        joinMany(200);
        WelcomeEncoder.Encoded first = assertEncodedExactly("p1");
        int built = snapshotsBuilt;
        WelcomeEncoder.Encoded second = assertEncodedExactly("p2");
        WelcomeEncoder.Encoded third = assertEncodedExactly("p150");

        assertThat(snapshotsBuilt).as("no snapshot built for the same state").isEqualTo(built);
        // parts 0 and 2 are each welcome's own (seq, serverTime, you); the rest is the very same bytes.
        for (int part = 0; part < first.parts().size(); part++) {
            if (part == 0 || part == 2 || part == first.parts().size() - 1) {
                continue;
            }
            assertThat(second.parts().get(part)).as("part " + part).isSameAs(first.parts().get(part));
            assertThat(third.parts().get(part)).as("part " + part).isSameAs(first.parts().get(part));
        }
    }

    @Test
    void aPresenceChangeIsInTheNextWelcomeAndRebuildsOnlyItsBlock() throws Exception {
        joinMany(200);
        WelcomeEncoder.Encoded before = assertEncodedExactly("p1");
        int built = snapshotsBuilt;

        connect("p130"); // third block of 64
        WelcomeEncoder.Encoded after = assertEncodedExactly("p130");

        assertThat(snapshotsBuilt).as("presence is applied to the kept roster").isEqualTo(built);
        assertThat(mapper.readTree(after.text()).at("/state/participants/129/online").asBoolean()).isTrue();
        int firstBlock = 3;
        assertThat(after.parts().get(firstBlock)).isSameAs(before.parts().get(firstBlock));
        assertThat(after.parts().get(firstBlock + 1)).isSameAs(before.parts().get(firstBlock + 1));
        assertThat(after.parts().get(firstBlock + 2)).isNotSameAs(before.parts().get(firstBlock + 2));

        disconnect("p130");
        connect("p2");
        JsonNode again = mapper.readTree(assertEncodedExactly("p7").text());
        assertThat(again.at("/state/participants/129/online").asBoolean()).isFalse();
        assertThat(again.at("/state/participants/1/online").asBoolean()).isTrue();
    }

    @Test
    void presenceNoLongerKnownRebuildsFromTheSnapshot() throws Exception {
        joinMany(3);
        assertEncodedExactly("p1");
        connect("p2");
        pendingPresence.clear(); // stored without a new seq: the changes are gone, only the count moved
        int built = snapshotsBuilt;

        JsonNode welcome = mapper.readTree(assertEncodedExactly("p1").text());

        assertThat(snapshotsBuilt).isGreaterThan(built);
        assertThat(welcome.at("/state/participants/1/online").asBoolean()).isTrue();
    }

    @Test
    void aStoredChangeRebuildsTheWelcome() throws Exception {
        joinMany(70);
        WelcomeEncoder.Encoded before = assertEncodedExactly("p1");
        int built = snapshotsBuilt;

        meeting.handle("p5", new MeetingCommand.RaiseHand("reply"), NOW + 2);
        seq++;
        WelcomeEncoder.Encoded after = assertEncodedExactly("p1");

        assertThat(snapshotsBuilt).isGreaterThan(built);
        assertThat(mapper.readTree(after.text()).at("/state/queue/hands/0/participantId").asText()).isEqualTo("p5");
        // the roster did not change: its blocks are kept
        assertThat(after.parts().get(3)).isSameAs(before.parts().get(3));
    }

    @Test
    void moderatorsAndParticipantsEachGetTheirOwnView() throws Exception {
        meeting.handle(null, new MeetingCommand.JoinMeeting("mia", "Mia", "", "key", Credentials.hash("t-mia")), NOW);
        seq++;
        joinMany(3);
        connect("mia");
        meeting.handle("p1", new MeetingCommand.SendChatMessage("hello all"), NOW + 3);
        seq++;

        JsonNode moderator = mapper.readTree(assertEncodedExactly("mia").text());
        JsonNode participant = mapper.readTree(assertEncodedExactly("p2").text());

        assertThat(moderator.at("/state/you/role").asText()).isEqualTo("moderator");
        assertThat(participant.at("/state/you/role").asText()).isEqualTo("participant");
        assertThat(participant.at("/state/chat/0/text").asText()).isEqualTo("hello all");
    }

    @Test
    void roomCallLinksAreKeptPerAudience() throws Exception {
        meeting.handle(null, new MeetingCommand.JoinMeeting("mia", "Mia", "", "key", Credentials.hash("t-mia")), NOW);
        seq++;
        joinMany(3);
        connect("mia");
        meeting.handle("mia", new MeetingCommand.OpenBreakouts(2, "manual", 600, null, null,
                java.util.Map.of("p1", 0, "p2", 1)), NOW + 2);
        seq++;

        // CALL5: whichever audience is encoded first, no other audience gets its kept bytes
        JsonNode moderator = mapper.readTree(assertEncodedExactly("mia").text());
        JsonNode first = mapper.readTree(assertEncodedExactly("p1").text());
        JsonNode second = mapper.readTree(assertEncodedExactly("p2").text());
        JsonNode plenary = mapper.readTree(assertEncodedExactly("p3").text());
        JsonNode nobody = mapper.readTree(assertEncodedExactly(null).text());
        assertEncodedExactly("p1");

        String link0 = moderator.at("/state/breakouts/rooms/0/callUrl").asText();
        String link1 = moderator.at("/state/breakouts/rooms/1/callUrl").asText();
        assertThat(link0).startsWith("https://meet.example.org/Kring-").isNotEqualTo(link1);
        assertThat(first.at("/state/breakouts/rooms/0/callUrl").asText()).isEqualTo(link0);
        assertThat(first.at("/state/breakouts/rooms/1/callUrl").isNull()).isTrue();
        assertThat(second.at("/state/breakouts/rooms/0/callUrl").isNull()).isTrue();
        assertThat(second.at("/state/breakouts/rooms/1/callUrl").asText()).isEqualTo(link1);
        for (JsonNode outside : List.of(plenary, nobody)) {
            assertThat(outside.at("/state/breakouts/rooms/0/callUrl").isNull()).isTrue();
            assertThat(outside.at("/state/breakouts/rooms/1/callUrl").isNull()).isTrue();
        }
        assertThat(plenary.at("/state/meeting/callUrl").asText()).isEqualTo(meeting.callUrl())
                .startsWith("https://meet.example.org/Kring-");
    }

    @Test
    void aReportBackIsInEveryWelcomeAndEndsInTheNext() throws Exception {
        meeting.handle(null, new MeetingCommand.JoinMeeting("mia", "Mia", "", "key", Credentials.hash("t-mia")), NOW);
        seq++;
        joinMany(2);
        connect("mia");
        meeting.handle("mia", new MeetingCommand.OpenBreakouts(2, "manual", 600, 0, null,
                java.util.Map.of("p1", 0, "p2", 1)), NOW + 2);
        meeting.handle("mia", new MeetingCommand.CloseBreakouts(0), NOW + 3);
        meeting.handle("mia", new MeetingCommand.StartReportBack(90, null), NOW + 4);
        seq += 3;

        // RB8: the same reportback for every viewer, where a JSON writer puts it (after the announcement)
        for (String viewer : java.util.Arrays.asList("mia", "p1", "p2", null)) {
            JsonNode shown = mapper.readTree(assertEncodedExactly(viewer).text()).at("/state/reportback");
            assertThat(shown.path("roomId").asText()).isEqualTo(meeting.viewFor(null, NOW).breakouts().rooms().get(0).roomId());
            assertThat(shown.path("endsAt").asLong()).isEqualTo(NOW + 4 + 90_000);
        }
        meeting.handle("mia", new MeetingCommand.StopReportBack(), NOW + 5);
        seq++;
        assertThat(mapper.readTree(assertEncodedExactly("p1").text()).at("/state/reportback").isNull()).isTrue();
    }

    @Test
    void anEmptyRosterStaysAnEmptyArray() throws Exception {
        assertEncodedExactly(null);
    }

    @Test
    void theCacheKeepsABoundedNumberOfMeetingsAndForgets() throws Exception {
        join("p1", "An", "Bib");
        for (int i = 0; i < WelcomeEncoder.MEETINGS_KEPT * 3; i++) {
            encoder.encode("meeting-" + i, state("p1"));
        }
        assertThat(encoder.meetingsKept()).isEqualTo(WelcomeEncoder.MEETINGS_KEPT);
        encoder.forget("meeting-" + (WelcomeEncoder.MEETINGS_KEPT * 3 - 1));
        assertThat(encoder.meetingsKept()).isEqualTo(WelcomeEncoder.MEETINGS_KEPT - 1);
        assertEncodedExactly("p1");
    }

    @Test
    void questionsAreSharedButForEachViewersYouVoted() throws Exception {
        join("p1", "An", "");
        join("p2", "Bo", "");
        for (String text : List.of("Wat is \"youVoted\":false hier?", "Tweede,\"youVoted\":true}", "Derde")) {
            meeting.handle("p1", new MeetingCommand.AskQuestion(text, text.startsWith("T")), NOW);
            seq++;
        }
        String second = meeting.viewFor(null, NOW).questions().get(1).questionId();
        String first = meeting.viewFor(null, NOW).questions().get(0).questionId();
        meeting.handle("p1", new MeetingCommand.UpvoteQuestion(second, true), NOW);
        meeting.handle("p2", new MeetingCommand.UpvoteQuestion(first, true), NOW);
        meeting.handle("p2", new MeetingCommand.UpvoteQuestion(second, true), NOW);
        seq += 3;
        WelcomeEncoder.Encoded p1 = assertEncodedExactly("p1");
        int built = snapshotsBuilt;
        WelcomeEncoder.Encoded p2 = assertEncodedExactly("p2");
        assertThat(snapshotsBuilt).as("QA8: youVoted without a snapshot per viewer").isEqualTo(built);
        assertEncodedExactly(null);
        assertThat(mapper.readTree(p1.text()).at("/state/questions").findValues("youVoted"))
                .extracting(JsonNode::asBoolean).containsExactly(true, false, false);
        assertThat(mapper.readTree(p2.text()).at("/state/questions").findValues("youVoted"))
                .extracting(JsonNode::asBoolean).containsExactly(true, true, false);
    }

    private void joinMany(int count) {
        for (int i = 1; i <= count; i++) {
            join("p" + i, "Person " + i, "Org " + (i % 5));
        }
    }

    private void join(String id, String name, String organisation) {
        meeting.handle(null, new MeetingCommand.JoinMeeting(id, name, organisation, null, Credentials.hash("t-" + id)),
                NOW);
        seq++;
    }

    /** As LiveMeetings does it (P8): applied at once, counted, stored later. */
    private void connect(String id) {
        meeting.handle(id, new MeetingCommand.ConnectParticipant(), NOW + 1);
        pendingPresence.add(new MeetingEvent.PresenceChange(id, true, NOW + 1));
        presenceAdded++;
    }

    private void disconnect(String id) {
        meeting.handle(id, new MeetingCommand.DisconnectParticipant(), NOW + 1);
        pendingPresence.add(new MeetingEvent.PresenceChange(id, false, NOW + 1));
        presenceAdded++;
    }

    private WelcomeEncoder.Encoded assertEncodedExactly(String participantId) throws Exception {
        WelcomeEncoder.Encoded encoded = encoder.encode("m1", state(participantId));
        MeetingView.Snapshot fresh = meeting.viewFor(participantId, NOW + 5);
        String text = encoded.text();
        assertThat(text).isEqualTo(mapper.writeValueAsString(new Messages.Welcome(seq, fresh)));
        assertThat(encoded.length()).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        JsonNode welcome = mapper.readTree(text);
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.at("/state/participants").size()).isEqualTo(fresh.participants().size());
        return encoded;
    }

    private WelcomeState state(String participantId) {
        long currentSeq = seq;
        long added = presenceAdded;
        List<MeetingEvent.PresenceChange> pending = List.copyOf(pendingPresence);
        return new WelcomeState() {
            @Override
            public long seq() {
                return currentSeq;
            }

            @Override
            public long now() {
                return NOW + 5;
            }

            @Override
            public String participantId() {
                return participantId;
            }

            @Override
            public Object stateKey() {
                return currentSeq;
            }

            @Override
            public long presenceChanges() {
                return added;
            }

            @Override
            public Optional<List<MeetingEvent.PresenceChange>> presenceSince(long count) {
                long firstPending = added - pending.size();
                return count < firstPending ? Optional.empty()
                        : Optional.of(pending.subList((int) (count - firstPending), pending.size()));
            }

            @Override
            public java.util.Set<String> questionsVoted() {
                return meeting.questionsVotedBy(participantId);
            }

            @Override
            public List<MeetingView.PollView> polls() {
                return meeting.pollsFor(participantId);
            }

            @Override
            public MeetingView.Snapshot snapshot() {
                snapshotsBuilt++;
                return meeting.viewFor(participantId, NOW + 5);
            }
        };
    }
}
