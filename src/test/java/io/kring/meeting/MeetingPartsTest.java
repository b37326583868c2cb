package io.kring.meeting;

import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The meeting's one dispatch table, now that the parts (roster, agenda, floor, chat, breakout) do the work. */
class MeetingPartsTest {

    @Test
    @DisplayName("[P1] every event type has an effect in the meeting's table (none is 'No effect for')")
    void everyEventHasAnEffect() {
        for (Class<?> type : CommandExamples.eventTypes()) {
            MeetingFixture f = withModerator();
            MeetingEvent event = withDefaults(type);
            Throwable thrown = catchThrowable(() -> f.meeting.apply(event));
            // Default fields may well break the effect (an unknown participant, no round): only a missing
            // entry in the table is a failure here.
            assertThat(thrown == null ? "" : String.valueOf(thrown.getMessage())).as(type.getSimpleName())
                    .doesNotStartWith("No effect for");
        }
    }

    @Test
    @DisplayName("[P1] stored events keep their names: the store finds each type by its record's simple name")
    void storedEventNamesStay() {
        List<String> names = CommandExamples.eventTypes().stream().map(Class::getSimpleName).toList();
        assertThat(names).containsExactlyInAnyOrder("MeetingCreated", "MeetingLockChanged", "AnnouncementChanged",
                "MeetingEnded", "MeetingCallChanged", "ParticipantJoined", "ParticipantConnected", "ParticipantDisconnected",
                "PresenceChanged", "ParticipantLeft", "ParticipantRemoved", "ChatMuteChanged", "RoleChanged",
                "AgendaItemAdded", "AgendaItemUpdated", "AgendaItemRemoved", "AgendaItemMoved", "AgendaItemStarted",
                "AgendaItemExtended", "AgendaItemEnded", "AgendaItemOverran", "HandRaised", "HandLowered",
                "FloorGiven", "FloorEnded", "FloorRoundStarted", "SpeakerOverran", "ChatMessageSent", "ChatMessageDeleted",
                "BreakoutsOpened", "ParticipantMoved", "BreakoutHelpRequested", "BreakoutHelpAnswered",
                "BreakoutsBroadcast", "BreakoutsExtended", "BreakoutsEndingSoon", "BreakoutsClosing",
                "BreakoutsClosed", "InsightAdded", "RoomDoneChanged", "InsightEdited", "InsightRemoved",
                "QuestionAsked", "QuestionVoted", "QuestionAnswered", "QuestionRemoved", "PollOpened", "PollVoted",
                "PollResultsTold", "PollClosed", "MeetingPlannedInNetwork", "RecapPublished", "RecapUnpublished");
    }

    @Test
    @DisplayName("[MOD2] a removed participant leaves the queue, the floor and their room, in one command")
    void removalSpansParts() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        f.run("mo", new MeetingCommand.OpenBreakouts(1, "manual", 600, null, null, java.util.Map.of(an, 0)));
        f.run(an, new MeetingCommand.RaiseHand(null));
        f.run("mo", new MeetingCommand.GiveFloor(an, null));
        f.run(an, new MeetingCommand.RaiseHand("reply"));
        Outcome outcome = f.run("mo", new MeetingCommand.RemoveParticipant(an));
        assertThat(outcome.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("HandLowered", "FloorEnded", "ParticipantRemoved");
        assertThat(f.hands()).isEmpty();
        assertThat(f.speaker()).isNull();
        assertThat(f.roomOf(an)).isNull();
        assertThat(f.room("mo", f.roomIds().get(0)).participantIds()).isEmpty();
    }

    private static MeetingEvent withDefaults(Class<?> type) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = Arrays.stream(types).map(MeetingPartsTest::defaultOf).toArray();
            return (MeetingEvent) type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object defaultOf(Class<?> type) {
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }
}
