package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IN: insights are edited and removed")
class InsightEditTest {

    private final MeetingFixture f = withModerator();
    private final List<String> p = new ArrayList<>();
    private String room;
    private String outsider;

    /** Four participants in two rooms; P1 adds an insight to their room. */
    private String roundWithInsight() {
        for (int i = 1; i <= 4; i++) {
            p.add(f.participant("P" + i));
        }
        f.run("mo", new OpenBreakouts(2, "random", 600, 30, null, null));
        room = f.roomOf(p.get(0));
        outsider = p.stream().filter(id -> !room.equals(f.roomOf(id))).findFirst().orElseThrow();
        f.run(p.get(0), new AddInsight("Samen lezne werkt"));
        return f.insightIds(p.get(0)).get(0);
    }

    private String mate() {
        return p.stream().filter(id -> !id.equals(p.get(0)) && room.equals(f.roomOf(id))).findFirst().orElseThrow();
    }

    private List<String> texts(String viewerId) {
        return f.room(viewerId, room).insights().stream().map(MeetingView.InsightView::text).toList();
    }

    @Test
    @DisplayName("[IN1][IN3] a room member edits an insight while the round is open; the room and moderators are told")
    void memberEdits() {
        String insight = roundWithInsight();
        String mate = mate();
        f.now += 1000;
        Outcome edited = f.run(mate, new EditInsight(insight, "  Samen lezen werkt "));
        assertThat(edited.events()).containsExactly(
                new MeetingEvent.InsightEdited(room, insight, mate, "Samen lezen werkt", f.now));
        Notice notice = noticeOf(edited, MeetingEvent.InsightEdited.class);
        assertThat(notice.name()).isEqualTo("insight.edited");
        assertThat(reached(notice, new ArrayList<>(f.names.keySet())))
                .containsExactlyInAnyOrder("mo", p.get(0), mate).doesNotContain(outsider);
        Map<String, Object> data = data(notice.deliveries().get(0));
        assertThat(data.get("roomId")).isEqualTo(room);
        assertThat(data.get("insight")).isEqualTo(new MeetingView.InsightView(insight, p.get(0), "Samen lezen werkt",
                MeetingFixture.T0));
        assertThat(texts(p.get(0))).containsExactly("Samen lezen werkt");
        assertThat(f.run(mate, new EditInsight(insight, "Samen lezen werkt")).events())
                .as("[IN2] the same text again changes nothing").isEmpty();
    }

    @Test
    @DisplayName("[IN1] others are FORBIDDEN; an unknown insight is NOT_FOUND; the text is 1..1000 (INVALID)")
    void whoMay() {
        String insight = roundWithInsight();
        assertThat(f.code(outsider, new EditInsight(insight, "gekaapt"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(outsider, new RemoveInsight(insight))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(p.get(0), new EditInsight("no-such", "x"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code(p.get(0), new RemoveInsight(null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(p.get(0), new EditInsight(insight, ""))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(p.get(0), new EditInsight(insight, "i".repeat(1001)))).isEqualTo(ErrorCode.INVALID);
        f.run(p.get(0), new EditInsight(insight, "i".repeat(1000)));
        assertThat(texts("mo")).containsExactly("i".repeat(1000));
    }

    @Test
    @DisplayName("[IN1] members also during the closing grace, not after the close; moderators always, told to all after it")
    void afterTheClose() {
        String insight = roundWithInsight();
        f.run("mo", new CloseBreakouts(30));
        f.run(mate(), new EditInsight(insight, "tijdens het sluiten"));
        f.advance(30);
        assertThat(f.view(null).breakouts().status()).isEqualTo("closed");
        assertThat(f.code(p.get(0), new EditInsight(insight, "te laat"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(p.get(0), new RemoveInsight(insight))).isEqualTo(ErrorCode.FORBIDDEN);
        Outcome edited = f.run("mo", new EditInsight(insight, "na afloop"));
        assertThat(noticeOf(edited, MeetingEvent.InsightEdited.class).deliveries()).singleElement()
                .satisfies(d -> assertThat(d.audience()).isEqualTo(Audience.EVERYONE));
        assertThat(texts(outsider)).containsExactly("na afloop");
        Outcome removed = f.run("mo", new RemoveInsight(insight));
        Notice notice = noticeOf(removed, MeetingEvent.InsightRemoved.class);
        assertThat(notice.name()).isEqualTo("insight.removed");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).isEqualTo(Map.of("roomId", room, "insightId", insight));
        });
        assertThat(texts(outsider)).isEmpty();
        assertThat(f.code("mo", new RemoveInsight(insight))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("[IN1] a member removes; an earlier round's insights are no longer shown (NOT_FOUND); the report keeps the edits")
    void removeAndHistory() {
        String insight = roundWithInsight();
        f.run(p.get(0), new AddInsight("tweede"));
        String second = f.insightIds(p.get(0)).get(1);
        f.run(mate(), new RemoveInsight(insight));
        f.run(p.get(0), new EditInsight(second, "tweede, beter"));
        assertThat(texts("mo")).containsExactly("tweede, beter");
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", new OpenBreakouts(2, "random", 600, 30, null, null));
        assertThat(f.code("mo", new EditInsight(second, "oud"))).isEqualTo(ErrorCode.NOT_FOUND);
        MeetingRecord record = MeetingRecord.of(f.events, f.now);
        assertThat(record.breakoutRounds().get(0).rooms().stream().flatMap(r -> r.insights().stream())
                .map(MeetingRecord.InsightRecord::text)).containsExactly("tweede, beter");
        assertThat(f.replayed().viewFor("mo", f.now).breakouts()).isEqualTo(f.meeting.viewFor("mo", f.now).breakouts());
    }
}
