package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.breakout.Breakouts;

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
    @DisplayName("[IN1] a member removes; a moderator still edits once a later round opened; the report keeps the edits")
    void removeAndHistory() {
        String insight = roundWithInsight();
        f.run(p.get(0), new AddInsight("tweede"));
        String second = f.insightIds(p.get(0)).get(1);
        f.run(mate(), new RemoveInsight(insight));
        f.run(p.get(0), new EditInsight(second, "tweede, beter"));
        assertThat(texts("mo")).containsExactly("tweede, beter");
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", new OpenBreakouts(2, "random", 600, 30, null, null));
        assertThat(f.code(p.get(0), new EditInsight(second, "oud"))).as("its author, in a room of the new round")
                .isEqualTo(ErrorCode.FORBIDDEN);
        f.run("mo", new EditInsight(second, "tweede, door de moderator"));
        MeetingRecord record = MeetingRecord.of(f.events, f.now);
        assertThat(record.breakoutRounds().get(0).rooms().stream().flatMap(r -> r.insights().stream())
                .map(MeetingRecord.InsightRecord::text)).containsExactly("tweede, door de moderator");
        assertThat(f.replayed().viewFor("mo", f.now).breakouts()).isEqualTo(f.meeting.viewFor("mo", f.now).breakouts());
    }

    /** The one event of {@code type} the outcome holds. */
    private static <E extends MeetingEvent> E only(Outcome outcome, Class<E> type) {
        List<E> events = eventsOf(outcome, type);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    @DisplayName("[IN1][IN3][RB11] a moderator edits and removes round 0's insights after round 1 closed; members may not; "
            + "the report-back of round 0, the recap and the report show it")
    void earlierRoundByModerator() {
        String insight = roundWithInsight();
        f.run(p.get(0), new AddInsight("tweede"));
        String second = f.insightIds(p.get(0)).get(1);
        String mate = mate();
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", new OpenBreakouts(2, "random", 600, 0, null, null));
        assertThat(f.code(p.get(0), new EditInsight(insight, "in de nieuwe ronde"))).as("its author, round 1 open")
                .isEqualTo(ErrorCode.FORBIDDEN);
        Outcome duringRound = f.run("mo", new EditInsight(insight, "door de moderator"));
        assertThat(noticeOf(duringRound, MeetingEvent.InsightEdited.class).deliveries()).singleElement()
                .as("IN3: round 0 is closed, so its insights are everyone's, also while round 1 runs")
                .satisfies(d -> assertThat(d.audience()).isEqualTo(Audience.EVERYONE));
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", new PublishRecap());
        for (String member : List.of(p.get(0), mate)) {
            assertThat(f.code(member, new EditInsight(insight, "te laat"))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(f.code(member, new RemoveInsight(second))).isEqualTo(ErrorCode.FORBIDDEN);
        }

        f.run("mo", new StartReportBack(60, 0));
        while (!f.view(outsider).reportback().roomId().equals(room)) {
            f.run("mo", new NextReportBackRoom());
        }
        f.now += 1000;
        Outcome edited = f.run("mo", new EditInsight(insight, "  Samen lezen werkt, zei de groep "));
        assertThat(edited.events()).containsExactly(
                new MeetingEvent.InsightEdited(room, insight, "mo", "Samen lezen werkt, zei de groep", f.now));
        Notice notice = noticeOf(edited, MeetingEvent.InsightEdited.class);
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).isEqualTo(Map.of("roomId", room, "insight", new MeetingView.InsightView(insight,
                    p.get(0), "Samen lezen werkt, zei de groep", MeetingFixture.T0)));
        });
        Outcome removed = f.run("mo", new RemoveInsight(second));
        assertThat(only(removed, MeetingEvent.InsightRemoved.class))
                .isEqualTo(new MeetingEvent.InsightRemoved(room, second, "mo", f.now));
        assertThat(noticeOf(removed, MeetingEvent.InsightRemoved.class).deliveries()).singleElement()
                .satisfies(d -> assertThat(d.audience()).isEqualTo(Audience.EVERYONE));
        List<MeetingView.ReportBackInsightView> shown = List.of(
                new MeetingView.ReportBackInsightView(insight, "Samen lezen werkt, zei de groep"));
        for (String viewer : new String[] {outsider, p.get(0), "mo", null}) {
            assertThat(f.view(viewer).reportbackRoom().insights()).as("RB11: the report-back for %s", viewer)
                    .isEqualTo(shown);
        }
        assertThat(f.code("mo", new RemoveInsight(second))).as("removed").isEqualTo(ErrorCode.NOT_FOUND);

        Meeting replayed = f.replayed();
        assertThat(replayed.viewFor(outsider, f.now).reportbackRoom()).as("replay applies the events to round 0")
                .isEqualTo(f.view(outsider).reportbackRoom());
        MeetingRecap recap = MeetingRecap.of(f.events, f.meeting.recapId(), f.now).orElseThrow();
        assertThat(recap.rounds().get(0).rooms().stream().flatMap(r -> r.insights().stream())
                .map(MeetingRecap.InsightRecap::text)).containsExactly("Samen lezen werkt, zei de groep");
        MeetingRecord record = MeetingRecord.of(f.events, f.now);
        assertThat(record.breakoutRounds().get(0).rooms().stream().flatMap(r -> r.insights().stream())
                .map(MeetingRecord.InsightRecord::text)).containsExactly("Samen lezen werkt, zei de groep");
    }

    @Test
    @DisplayName("[IN1][L6] an insight of an earlier round whose insights were forgotten over the budget: NOT_FOUND, also for moderators")
    void forgottenRound() {
        for (int i = 1; i <= 4; i++) {
            p.add(f.participant("P" + i));
        }
        // round 0 fills the budget exactly: kept while round 1 runs, forgotten when round 2 opens (one insight more)
        int rooms = Breakouts.EARLIER_INSIGHTS_BUDGET / Limits.INSIGHTS_PER_ROOM;
        f.run("mo", new OpenBreakouts(rooms, "random", 600, 0, null, null));
        for (String roomId : f.roomIds()) {
            for (int i = 0; i < Limits.INSIGHTS_PER_ROOM; i++) {
                f.run("mo", new AddInsight("Inzicht " + i, roomId));
            }
        }
        String forgotten = firstInsight(f.roomIds().get(0));
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", new OpenBreakouts(2, "random", 600, 0, null, null));
        f.run("mo", new AddInsight("Bewaard", f.roomIds().get(0)));
        String kept = firstInsight(f.roomIds().get(0));
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.run("mo", new EditInsight(forgotten, "nog binnen het budget")).events())
                .as("round 0 is an earlier round within the budget still").hasSize(1);
        f.run("mo", new OpenBreakouts(2, "random", 600, 0, null, null));
        assertThat(f.meeting.rounds()).extracting(r -> r.insightsForgotten).containsExactly(true, false, false);
        assertThat(f.code("mo", new EditInsight(forgotten, "te oud"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new RemoveInsight(forgotten))).isEqualTo(ErrorCode.NOT_FOUND);
        f.run("mo", new EditInsight(kept, "Bewaard en bewerkt"));
        assertThat(f.replayed().rounds().get(1).rooms.values().stream().flatMap(r -> r.insights.stream())
                .map(i -> i.text())).as("round 1 is kept: the edit applies").containsExactly("Bewaard en bewerkt");
    }

    private String firstInsight(String roomId) {
        return f.room("mo", roomId).insights().get(0).insightId();
    }
}
