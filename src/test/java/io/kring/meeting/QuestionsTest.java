package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.report.MeetingReport;

@DisplayName("QA: questions with votes")
class QuestionsTest {

    private final MeetingFixture f = meeting(List.of(new Meeting.AgendaItemPlan("Vragenronde", 600, null)));
    private final String mo = f.moderator("Mo");
    private final String an = f.participant("An");
    private final String bo = f.participant("Bo");
    private final String cy = f.participant("Cy");

    private List<MeetingView.QuestionView> questions(String viewerId) {
        return f.view(viewerId).questions();
    }

    private String ask(String who, String text, Boolean anonymous) {
        Outcome outcome = f.run(who, new AskQuestion(text, anonymous));
        return eventsOf(outcome, MeetingEvent.QuestionAsked.class).get(0).questionId();
    }

    @Test
    @DisplayName("[QA1] anyone asks, moderators too; the question is tied to the running agenda item and told to all")
    void ask() {
        String before = ask(an, "Voor de start?", null);
        f.run(mo, new StartNextAgendaItem());
        f.now += 1000;
        Outcome outcome = f.run(mo, new AskQuestion("  Wie\nbegint? ", false));
        Notice notice = noticeOf(outcome, MeetingEvent.QuestionAsked.class);
        assertThat(notice.name()).isEqualTo("question.asked");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            MeetingView.QuestionView q = (MeetingView.QuestionView) data(d).get("question");
            assertThat(q.text()).isEqualTo("Wie\nbegint?");
            assertThat(q.participantId()).isEqualTo(mo);
            assertThat(q.name()).isEqualTo("Mo");
            assertThat(q.itemId()).isEqualTo(f.itemId("Vragenronde"));
            assertThat(q.askedAt()).isEqualTo(f.now);
            assertThat(q.votes()).isZero();
            assertThat(q.answered()).isFalse();
        });
        assertThat(questions(bo)).extracting(MeetingView.QuestionView::itemId)
                .containsExactly(null, f.itemId("Vragenronde"));
        assertThat(questions(bo).get(0).questionId()).isEqualTo(before);
        assertThat(f.code(an, new AskQuestion("", false))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(an, new AskQuestion(null, false))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(bo, new AskQuestion("v".repeat(501), false))).isEqualTo(ErrorCode.INVALID);
        ask(bo, "v".repeat(500), false);
    }

    @Test
    @DisplayName("[QA3] an anonymous question shows nobody who asked, moderators included, nor does the report")
    void anonymous() {
        Outcome outcome = f.run(an, new AskQuestion("Geheim?", true));
        MeetingView.QuestionView told = (MeetingView.QuestionView) data(
                noticeOf(outcome, MeetingEvent.QuestionAsked.class).deliveries().get(0)).get("question");
        assertThat(told.participantId()).isNull();
        assertThat(told.name()).isNull();
        assertThat(EventsApplyPropertiesTest.json(outcome.emitted().get(0).notice().deliveries().get(0).data()))
                .doesNotContain("\"" + an + "\"").doesNotContain("\"An\"");
        for (String viewer : List.of(mo, an, bo)) {
            assertThat(questions(viewer)).singleElement().satisfies(q -> {
                assertThat(q.participantId()).isNull();
                assertThat(q.name()).isNull();
            });
        }
        MeetingRecord record = MeetingRecord.of(f.events, f.now);
        assertThat(record.questions()).singleElement().satisfies(q -> {
            assertThat(q.participantId()).isNull();
            assertThat(q.name()).isNull();
        });
        String markdown = MeetingReport.markdown(record, ZoneOffset.UTC);
        assertThat(markdown).contains("Geheim?").contains("(anoniem)");
        assertThat(markdown.substring(markdown.indexOf("## Vragen"))).doesNotContain("An");
    }

    @Test
    @DisplayName("[QA4][QA7][QA8] votes add and withdraw, one per person; most votes first, then oldest; youVoted per viewer")
    void votesAndOrder() {
        String first = ask(an, "Eerste", false);
        f.now += 1000;
        String second = ask(bo, "Tweede", false);
        f.now += 1000;
        String third = ask(cy, "Derde", true);
        assertThat(questions(null)).extracting(MeetingView.QuestionView::questionId)
                .as("equal votes: oldest first").containsExactly(first, second, third);

        Outcome voted = f.run(an, new UpvoteQuestion(third, true));
        Notice notice = noticeOf(voted, MeetingEvent.QuestionVoted.class);
        assertThat(notice.name()).isEqualTo("question.voted");
        assertThat(data(deliveryFor(notice, an).orElseThrow()))
                .isEqualTo(Map.of("questionId", third, "votes", 1, "youVoted", true));
        assertThat(data(deliveryFor(notice, bo).orElseThrow())).isEqualTo(Map.of("questionId", third, "votes", 1));
        assertThat(reached(notice, List.of(mo, an, bo, cy))).containsExactly(mo, an, bo, cy);
        assertThat(f.run(an, new UpvoteQuestion(third, true)).events()).as("one vote per person").isEmpty();
        f.run(cy, new UpvoteQuestion(third, true)); // the asker may vote for their own question
        f.run(bo, new UpvoteQuestion(second, true));
        assertThat(questions(null)).extracting(MeetingView.QuestionView::questionId)
                .containsExactly(third, second, first);
        assertThat(questions(null).get(0).votes()).isEqualTo(2);
        assertThat(questions(an)).extracting(MeetingView.QuestionView::youVoted).containsExactly(true, false, false);
        assertThat(questions(bo)).extracting(MeetingView.QuestionView::youVoted).containsExactly(false, true, false);

        f.run(an, new UpvoteQuestion(third, false));
        f.run(cy, new UpvoteQuestion(third, false));
        assertThat(questions(null)).extracting(MeetingView.QuestionView::questionId)
                .containsExactly(second, first, third);
        assertThat(f.run(an, new UpvoteQuestion(third, false)).events()).isEmpty();
        assertThat(f.code(an, new UpvoteQuestion("no-such", true))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code(an, new UpvoteQuestion(first, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(an, new UpvoteQuestion(null, true))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[QA5][QA6] moderators mark answered; moderators and the asker remove (also an anonymous one), others FORBIDDEN")
    void answerAndRemove() {
        String mine = ask(an, "Van An", true);
        String other = ask(bo, "Van Bo", false);
        assertThat(f.code(an, new AnswerQuestion(mine, true))).isEqualTo(ErrorCode.FORBIDDEN);
        Outcome answered = f.run(mo, new AnswerQuestion(mine, true));
        assertThat(noticeOf(answered, MeetingEvent.QuestionAnswered.class)).satisfies(n -> {
            assertThat(n.name()).isEqualTo("question.answered");
            assertThat(data(n.deliveries().get(0))).isEqualTo(Map.of("questionId", mine, "answered", true));
        });
        assertThat(questions(cy).stream().filter(q -> q.questionId().equals(mine)).findFirst().orElseThrow()
                .answered()).isTrue();
        assertThat(f.run(mo, new AnswerQuestion(mine, true)).events()).isEmpty();
        assertThat(f.code(mo, new AnswerQuestion(mine, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(mo, new AnswerQuestion("no-such", true))).isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(f.code(bo, new RemoveQuestion(mine))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(an, new RemoveQuestion(other))).isEqualTo(ErrorCode.FORBIDDEN);
        Outcome removed = f.run(an, new RemoveQuestion(mine));
        assertThat(data(noticeOf(removed, MeetingEvent.QuestionRemoved.class).deliveries().get(0)))
                .isEqualTo(Map.of("questionId", mine));
        f.run(mo, new RemoveQuestion(other));
        assertThat(questions(null)).isEmpty();
        assertThat(f.code(mo, new RemoveQuestion(other))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("[QA2] at most 3 asks a minute per participant (RATE_LIMITED), others unaffected; 500 kept per meeting (CONFLICT)")
    void limits() {
        for (int i = 0; i < 3; i++) {
            ask(an, "Vraag " + i, false);
            f.now += 10_000;
        }
        assertThat(f.code(an, new AskQuestion("Nog een", false))).isEqualTo(ErrorCode.RATE_LIMITED);
        ask(bo, "Bo mag wel", false);
        f.now += 30_001; // the first ask is a minute old
        ask(an, "Weer mag het", false);

        int kept = questions(null).size();
        for (int i = kept; i < Limits.QUESTIONS; i++) {
            f.now += 21_000;
            ask(i % 2 == 0 ? cy : mo, "Vraag " + i, false);
        }
        f.now += 60_000;
        assertThat(f.code(cy, new AskQuestion("Te veel", false))).isEqualTo(ErrorCode.CONFLICT);
        f.run(mo, new RemoveQuestion(questions(null).get(0).questionId()));
        ask(cy, "Weer plaats", false);
    }

    @Test
    @DisplayName("[P1][QA4][QA5] questions, votes and answered marks replay from the stored events")
    void replays() {
        String q = ask(an, "Wie?", false);
        f.run(bo, new UpvoteQuestion(q, true));
        f.run(mo, new AnswerQuestion(q, true));
        Meeting replayed = f.replayed();
        assertThat(replayed.viewFor(bo, f.now).questions()).isEqualTo(questions(bo));
    }
}
