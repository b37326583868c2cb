package io.kring.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.live.MeetingStore;
import io.kring.live.MeetingStore.StoreUnavailable;
import io.kring.live.MeetingStore.StoredEvent;
import io.kring.meeting.MeetingEvent;
import io.quarkus.test.junit.QuarkusTest;

/** The store on the real PostgreSQL: what is appended comes back in order, and a failed append leaves nothing (P7). */
@QuarkusTest
class PanacheMeetingStoreTest {

    private static final long T0 = 1_795_000_000_000L;

    @Inject
    MeetingStore store;

    @Test
    @DisplayName("[P7] appended events come back in order, with the meeting's last seq and its deadline")
    void appendedEventsComeBackInOrder() {
        String meetingId = newMeeting();
        store.append(meetingId, List.of(event(2, joined("p1", "An"))), "open", null);
        List<StoredEvent> batch = List.of(event(3, joined("p2", "Bé \"o\" 🌷")), event(4, chat("m1", "p1", "hallo")),
                event(5, chat("m2", "p2", "x".repeat(2000))));
        store.append(meetingId, batch, "open", T0 + 60_000);

        MeetingStore.StoredMeeting loaded = store.load(meetingId).orElseThrow();
        assertThat(loaded.lastSeq()).isEqualTo(5);
        assertThat(loaded.events()).hasSize(5);
        assertThat(loaded.events().subList(1, 5)).containsExactly(joined("p1", "An"), joined("p2", "Bé \"o\" 🌷"),
                chat("m1", "p1", "hallo"), chat("m2", "p2", "x".repeat(2000)));
        assertThat(store.meetingsWithDeadlines()).contains(meetingId);

        store.append(meetingId, List.of(event(6, chat("m3", "p1", "tot ziens"))), "ended", null);
        assertThat(store.meetingsWithDeadlines()).doesNotContain(meetingId);
        assertThat(store.load(meetingId).orElseThrow().lastSeq()).isEqualTo(6);
    }

    @Test
    @DisplayName("[P7] an append that fails stores none of its events")
    void failedAppendStoresNothing() {
        String meetingId = newMeeting();
        store.append(meetingId, List.of(event(2, joined("p1", "An"))), "open", null);

        Throwable duplicate = catchThrowable(() -> store.append(meetingId,
                List.of(event(3, chat("m1", "p1", "new")), event(2, chat("m2", "p1", "seq 2 again"))), "open", null));

        assertThat(duplicate).isInstanceOf(StoreUnavailable.class);
        MeetingStore.StoredMeeting loaded = store.load(meetingId).orElseThrow();
        assertThat(loaded.lastSeq()).isEqualTo(2);
        assertThat(loaded.events()).hasSize(2).doesNotContain(chat("m1", "p1", "new"));
    }

    @Test
    @DisplayName("[P9] an append applies only right after the seq it expects: a retried or out-of-date attempt stores nothing")
    void anAppendAppliesOnlyAtTheSeqItExpects() {
        String meetingId = newMeeting();
        store.append(meetingId, List.of(event(2, chat("m1", "p1", "first"))), "open", null);

        Throwable again = catchThrowable(() -> store.append(meetingId, List.of(event(2, chat("m1", "p1", "first"))), "open", null));
        Throwable older = catchThrowable(() -> store.append(meetingId, List.of(event(2, chat("m0", "p1", "older"))), "open", null));
        Throwable ahead = catchThrowable(() -> store.append(meetingId, List.of(event(4, chat("m4", "p1", "gap"))), "open", null));

        assertThat(List.of(again, older, ahead)).allSatisfy(t -> assertThat(t).isInstanceOf(StoreUnavailable.class));
        // the database answered each refusal: it is not taken for down, the next right append just works
        store.append(meetingId, List.of(event(3, chat("m3", "p1", "next"))), "open", null);
        MeetingStore.StoredMeeting loaded = store.load(meetingId).orElseThrow();
        assertThat(loaded.lastSeq()).isEqualTo(3);
        assertThat(loaded.events().subList(1, 3)).containsExactly(chat("m1", "p1", "first"), chat("m3", "p1", "next"));
    }

    @Test
    @DisplayName("an append to a meeting that was never stored fails")
    void appendToUnknownMeetingFails() {
        Throwable failure = catchThrowable(() -> store.append("no-such-meeting-" + UUID.randomUUID(),
                List.of(event(1, joined("p1", "An"))), "open", null));
        assertThat(failure).isInstanceOf(StoreUnavailable.class);
    }

    private String newMeeting() {
        String meetingId = "store-" + UUID.randomUUID();
        store.create(meetingId, "Store test", "nl", T0,
                List.of(event(1, new MeetingEvent.MeetingCreated(meetingId, "Store test", "nl", "hash", T0))), null);
        return meetingId;
    }

    private static StoredEvent event(long seq, MeetingEvent event) {
        return new StoredEvent(seq, event, T0 + seq);
    }

    private static MeetingEvent joined(String id, String name) {
        return new MeetingEvent.ParticipantJoined(id, name, "OCMW", "participant", "hash-" + id, T0);
    }

    private static MeetingEvent chat(String messageId, String participantId, String text) {
        return new MeetingEvent.ChatMessageSent(messageId, null, participantId, "An", text, T0);
    }
}
