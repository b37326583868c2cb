package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("C: chat")
class ChatTest {

    private MeetingFixture f;
    private String an;
    private String bo;
    private String cy;
    private List<String> everyone;

    @BeforeEach
    void setUp() {
        f = withModerator();
        an = f.participant("An");
        bo = f.participant("Bo");
        cy = f.participant("Cy");
        everyone = List.of("mo", an, bo, cy);
    }

    /** A selfSelect round with An and Bo in room 0 and Cy in room 1. */
    private List<String> rooms() {
        f.run("mo", open(2, "selfSelect", 600));
        List<String> rooms = f.roomIds();
        f.run(an, new JoinBreakoutRoom(rooms.get(0)));
        f.run(bo, new JoinBreakoutRoom(rooms.get(0)));
        f.run(cy, new JoinBreakoutRoom(rooms.get(1)));
        return rooms;
    }

    @Test
    @DisplayName("[C1] a plenary message goes to everyone, with the sender's name and the time")
    void plenaryMessage() {
        Outcome outcome = f.run(an, new SendChatMessage("Goeiemorgen!"));
        MeetingView.ChatMessageView message = f.view(bo).chat().get(0);
        assertThat(message.roomId()).isNull();
        assertThat(message.participantId()).isEqualTo(an);
        assertThat(message.name()).isEqualTo("An");
        assertThat(message.text()).isEqualTo("Goeiemorgen!");
        assertThat(message.sentAt()).isEqualTo(f.now);
        Notice notice = noticeOf(outcome, MeetingEvent.ChatMessageSent.class);
        assertThat(notice.name()).isEqualTo("chat.message");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).containsEntry("message", message);
        });
    }

    @Test
    @DisplayName("[C1] a room message goes to who is in that room now, a visiting moderator included")
    void roomMessage() {
        List<String> rooms = rooms();
        f.run("mo", new JoinBreakoutRoom(rooms.get(0)));
        Outcome outcome = f.run(an, new SendChatMessage("in de groep"));
        assertThat(f.view(an).chat()).singleElement().extracting(MeetingView.ChatMessageView::roomId)
                .isEqualTo(rooms.get(0));
        Notice notice = noticeOf(outcome, MeetingEvent.ChatMessageSent.class);
        assertThat(reached(notice, everyone)).containsExactlyInAnyOrder("mo", an, bo);
        Outcome fromModerator = f.run("mo", new SendChatMessage("ik kijk even mee"));
        assertThat(eventsOf(fromModerator, MeetingEvent.ChatMessageSent.class).get(0).roomId())
                .isEqualTo(rooms.get(0));
        assertThat(f.chatTexts(bo)).containsExactly("in de groep", "ik kijk even mee");
        assertThat(f.chatTexts(cy)).isEmpty();
    }

    @Test
    @DisplayName("[C2] text is 1..2000 characters after trimming, else INVALID; the trimmed text is kept")
    void textLimits() {
        assertThat(f.code(an, new SendChatMessage(null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(an, new SendChatMessage(""))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(an, new SendChatMessage(" \n\t "))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(an, new SendChatMessage("x".repeat(2001)))).isEqualTo(ErrorCode.INVALID);
        f.run(an, new SendChatMessage("   " + "x".repeat(2000) + "   "));
        f.run(an, new SendChatMessage("\uD83D\uDE00".repeat(2000)));
        f.run(an, new SendChatMessage("  hoi  "));
        assertThat(f.chatTexts(an)).hasSize(3);
        assertThat(f.chatTexts(an).get(0)).hasSize(2000);
        assertThat(f.chatTexts(an).get(2)).isEqualTo("hoi");
    }

    @Test
    @DisplayName("[C3] the snapshot holds the last 100 visible messages, oldest first")
    void last100() {
        for (int i = 0; i < 130; i++) {
            f.run(i % 2 == 0 ? an : bo, new SendChatMessage("m" + i));
            f.now += 500;
        }
        List<String> texts = f.chatTexts(cy);
        assertThat(texts).hasSize(Meeting.CHAT_HISTORY).hasSize(100);
        assertThat(texts.get(0)).isEqualTo("m30");
        assertThat(texts.get(99)).isEqualTo("m129");
    }

    @Test
    @DisplayName("[C3] the snapshot shows plenary messages and the viewer's own room's, never another room's")
    void snapshotVisibility() {
        f.run("mo", new SendChatMessage("welkom"));
        List<String> rooms = rooms();
        f.run(an, new SendChatMessage("groep een"));
        f.run(cy, new SendChatMessage("groep twee"));
        assertThat(f.chatTexts(an)).containsExactly("welkom", "groep een");
        assertThat(f.chatTexts(bo)).containsExactly("welkom", "groep een");
        assertThat(f.chatTexts(cy)).containsExactly("welkom", "groep twee");
        assertThat(f.chatTexts("mo")).containsExactly("welkom");
        f.run("mo", new JoinBreakoutRoom(rooms.get(1)));
        assertThat(f.chatTexts("mo")).containsExactly("welkom", "groep twee");
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.chatTexts(an)).containsExactly("welkom");
        assertThat(f.chatTexts(cy)).containsExactly("welkom");
    }

    @Test
    @DisplayName("[C3] the last 100 are counted among what the viewer may see")
    void last100PerViewer() {
        List<String> rooms = rooms();
        f.run("mo", new SendChatMessage("plenair"));
        for (int i = 0; i < 120; i++) {
            f.run(cy, new SendChatMessage("r" + i));
            f.now += 250;
        }
        assertThat(f.chatTexts(an)).containsExactly("plenair");
        assertThat(f.chatTexts(cy)).hasSize(100).endsWith("r119").doesNotContain("plenair");
        assertThat(rooms).hasSize(2);
    }

    @Test
    @DisplayName("[C4] a moderator deletes a message for everyone; the notice goes to the message's audience")
    void delete() {
        f.run(an, new SendChatMessage("oeps"));
        f.run(an, new SendChatMessage("blijft"));
        String messageId = f.view(an).chat().get(0).messageId();
        Outcome outcome = f.run("mo", new DeleteChatMessage(messageId));
        assertThat(f.chatTexts(bo)).containsExactly("blijft");
        Notice notice = noticeOf(outcome, MeetingEvent.ChatMessageDeleted.class);
        assertThat(notice.name()).isEqualTo("chat.deleted");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).containsEntry("messageId", messageId).containsEntry("roomId", null);
        });

        List<String> rooms = rooms();
        f.run(cy, new SendChatMessage("geheim"));
        String roomMessage = f.view(cy).chat().get(1).messageId();
        Outcome roomDelete = f.run("mo", new DeleteChatMessage(roomMessage));
        assertThat(reached(noticeOf(roomDelete, MeetingEvent.ChatMessageDeleted.class), everyone))
                .containsExactly(cy);
        assertThat(f.chatTexts(cy)).containsExactly("blijft");
        assertThat(rooms).hasSize(2);
    }

    @Test
    @DisplayName("[C4] deleting an unknown or already deleted message is NOT_FOUND, a missing messageId INVALID")
    void deleteRejections() {
        f.run(an, new SendChatMessage("oeps"));
        String messageId = f.view(an).chat().get(0).messageId();
        assertThat(f.code("mo", new DeleteChatMessage("nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        f.run("mo", new DeleteChatMessage(messageId));
        assertThat(f.code("mo", new DeleteChatMessage(messageId))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new DeleteChatMessage(null))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[C5] a muted participant's chat.send is MUTED; unmuted they write again")
    void muted() {
        f.run("mo", new MuteParticipant(an));
        assertThat(f.code(an, new SendChatMessage("hallo?"))).isEqualTo(ErrorCode.MUTED);
        f.run(bo, new SendChatMessage("ik wel"));
        f.run("mo", new UnmuteParticipant(an));
        f.run(an, new SendChatMessage("weer terug"));
        assertThat(f.chatTexts(cy)).containsExactly("ik wel", "weer terug");
    }

    @Test
    @DisplayName("[C6][R3] at most 5 chat.send per participant in any one-second window; the sixth is RATE_LIMITED")
    void rateLimit() {
        long t = f.now;
        for (int i = 0; i < 5; i++) {
            f.run(an, new SendChatMessage("m" + i));
            f.now += 100;
        }
        f.now = t + 999;
        assertThat(f.code(an, new SendChatMessage("te veel"))).isEqualTo(ErrorCode.RATE_LIMITED);
        f.run(bo, new SendChatMessage("per deelnemer, niet per vergadering"));
        f.now = t + 1000;
        f.run(an, new SendChatMessage("m5"));
        assertThat(f.code(an, new SendChatMessage("te veel"))).isEqualTo(ErrorCode.RATE_LIMITED);
        f.now = t + 1100;
        f.run(an, new SendChatMessage("m6"));
    }

    @Test
    @DisplayName("[C6][R3] refused messages (muted, invalid, rate limited) do not count; checks go MUTED, INVALID, RATE_LIMITED")
    void refusedDoNotCount() {
        long t = f.now;
        for (int i = 0; i < 10; i++) {
            assertThat(f.code(an, new SendChatMessage(""))).isEqualTo(ErrorCode.INVALID);
        }
        for (int i = 0; i < 5; i++) {
            f.run(an, new SendChatMessage("m" + i));
        }
        for (int i = 0; i < 5; i++) {
            f.now = t + 100 * i;
            assertThat(f.code(an, new SendChatMessage("x"))).isEqualTo(ErrorCode.RATE_LIMITED);
        }
        assertThat(f.code(an, new SendChatMessage(""))).as("INVALID before RATE_LIMITED").isEqualTo(ErrorCode.INVALID);
        f.run("mo", new MuteParticipant(an));
        assertThat(f.code(an, new SendChatMessage(""))).as("MUTED first").isEqualTo(ErrorCode.MUTED);
        f.run("mo", new UnmuteParticipant(an));
        f.now = t + 1000;
        for (int i = 0; i < 5; i++) {
            f.run(an, new SendChatMessage("n" + i));
        }
        assertThat(f.chatTexts(bo)).hasSize(10);
    }
}
