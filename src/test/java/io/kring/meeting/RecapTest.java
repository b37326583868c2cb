package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

@DisplayName("RC: the published recap")
class RecapTest {

    private final MeetingFixture f = withModerator();

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String recapPath(String viewer) {
        return f.view(viewer).meeting().recapPath();
    }

    @Test
    @DisplayName("[RC1][RC3] a moderator publishes: a secret id of at least 128 bits, everyone's snapshot has the path, one event tells all")
    void publishes() {
        String ann = f.participant("Ann");
        assertThat(recapPath(ann)).isNull();
        Outcome outcome = f.run("mo", new PublishRecap());
        MeetingEvent.RecapPublished published = eventsOf(outcome, MeetingEvent.RecapPublished.class).get(0);
        assertThat(published.recapId()).matches("[A-Za-z0-9_-]{24}"); // 18 random bytes: 144 bits
        assertThat(published.at()).isEqualTo(f.now);
        assertThat(recapPath(ann)).isEqualTo("/r/" + published.recapId());
        assertThat(recapPath("mo")).isEqualTo("/r/" + published.recapId());
        assertThat(f.meeting.viewFor(null, f.now).meeting().recapPath()).isEqualTo("/r/" + published.recapId());
        Notice notice = outcome.emitted().get(0).notice();
        assertThat(notice.name()).isEqualTo("meeting.updated");
        assertThat(notice.deliveries()).hasSize(1);
        assertThat(notice.deliveries().get(0).audience()).isEqualTo(Audience.EVERYONE);
        assertThat(json(notice.deliveries().get(0).data())).contains("\"recapPath\":\"/r/" + published.recapId() + "\"");
    }

    @Test
    @DisplayName("[RC1] publishing again while published keeps the same link and changes nothing; ids differ per meeting")
    void publishIsIdempotent() {
        f.run("mo", new PublishRecap());
        String first = recapPath("mo");
        Outcome again = f.run("mo", new PublishRecap());
        assertThat(again.events()).isEmpty();
        assertThat(recapPath("mo")).isEqualTo(first);
        MeetingFixture other = withModerator();
        other.run("mo", new PublishRecap());
        assertThat(other.view("mo").meeting().recapPath()).isNotEqualTo(first);
    }

    @Test
    @DisplayName("[RC2] withdrawing clears the path; a later publish makes a NEW id, so the withdrawn link stays dead")
    void unpublishAndRepublish() {
        String ann = f.participant("Ann");
        f.run("mo", new PublishRecap());
        String first = f.meeting.recapId();
        Outcome withdrawn = f.run("mo", new UnpublishRecap());
        assertThat(eventsOf(withdrawn, MeetingEvent.RecapUnpublished.class)).singleElement()
                .extracting(MeetingEvent.RecapUnpublished::recapId).isEqualTo(first);
        assertThat(recapPath(ann)).isNull();
        assertThat(MeetingRecap.of(f.events, first, f.now)).isEmpty();
        assertThat(f.run("mo", new UnpublishRecap()).events()).as("withdrawing again changes nothing").isEmpty();
        f.run("mo", new PublishRecap());
        String second = f.meeting.recapId();
        assertThat(second).isNotEqualTo(first);
        assertThat(MeetingRecap.of(f.events, first, f.now)).as("the old link stays dead").isEmpty();
        assertThat(MeetingRecap.of(f.events, second, f.now)).isPresent();
    }

    @Test
    @DisplayName("[RC1][RC2] only moderators publish or withdraw (MOD7); the replay rebuilds the same link (P1)")
    void onlyModeratorsAndReplay() {
        String ann = f.participant("Ann");
        assertThat(f.code(ann, new PublishRecap())).isEqualTo(ErrorCode.FORBIDDEN);
        f.run("mo", new PublishRecap());
        assertThat(f.code(ann, new UnpublishRecap())).isEqualTo(ErrorCode.FORBIDDEN);
        Meeting replayed = Meeting.replay(f.events, f.ids, new java.util.Random(1));
        assertThat(replayed.recapPath()).isEqualTo(recapPath("mo"));
    }

    @Test
    @DisplayName("[RC5] a recap kept since it was built reads later as one built then: only a running item's"
            + " actualSeconds moves with the clock")
    void keptRecapFollowsTheClock() {
        MeetingFixture m = MeetingFixture.meeting(List.of(new Meeting.AgendaItemPlan("Opening", 300, null),
                new Meeting.AgendaItemPlan("Later", 60, null), new Meeting.AgendaItemPlan("Last", 60, null)));
        m.moderator("Moderator Mira");
        m.run("moderator-mira", new StartNextAgendaItem());
        m.advance(10);
        m.run("moderator-mira", new StartNextAgendaItem());
        m.run("moderator-mira", new PublishRecap());
        MeetingRecap built = MeetingRecap.of(m.events, m.meeting.recapId(), m.now).orElseThrow();
        long later = m.now + 95_000;
        MeetingRecap read = built.at(later);
        assertThat(read).isEqualTo(MeetingRecap.of(m.events, m.meeting.recapId(), later).orElseThrow());
        assertThat(read.agenda()).extracting(MeetingRecap.ItemRecap::actualSeconds).containsExactly(10L, 95L, null);
        assertThat(built.agenda().get(1).actualSeconds()).isZero();
    }

    @Test
    @DisplayName("[RC4] an unknown id, or a meeting whose recap was never published, has no recap")
    void unknownHasNone() {
        assertThat(MeetingRecap.of(f.events, "no-such-recap", f.now)).isEmpty();
        assertThat(MeetingRecap.of(f.events, null, f.now)).isEmpty();
    }

    @Test
    @DisplayName("[RC5][RC6][RC7] the recap holds the agenda as run, every closed round's topics and insights, closed polls' counts and the questions; no names, no chat, no participant ids")
    void contentWithoutNames() {
        MeetingFixture m = MeetingFixture.meeting(List.of(new Meeting.AgendaItemPlan("Opening", 300, null),
                new Meeting.AgendaItemPlan("Groepen", 900, "breakout"), new Meeting.AgendaItemPlan("Later", 60, null)));
        m.moderator("Moderator Mira");
        String ann = m.participant("Annabel Zonneveld", "Gemeente Utrecht");
        String bob = m.participant("Bob Ravensbergen", "Waterschap Rijn");
        m.run("moderator-mira", new StartNextAgendaItem());
        m.advance(120);
        m.run(ann, new SendChatMessage("Geheim chatbericht"));
        m.run(ann, new AskQuestion("Hoe verder na de zomer?", false));
        m.run(bob, new AskQuestion("Anonieme vraag", true));
        String question = m.meeting.questions().get(0).id;
        m.run(bob, new UpvoteQuestion(question, true));
        m.run("moderator-mira", new AnswerQuestion(question, true));
        m.run("moderator-mira", new StartNextAgendaItem());
        m.run("moderator-mira", new OpenBreakouts(2, "manual", 600, 0, List.of("Wonen", "Werken"),
                Map.of(ann, 0, bob, 1)));
        m.run(ann, new AddInsight("Samen bouwen werkt"));
        m.run(bob, new AddInsight("Meer thuiswerken"));
        m.run("moderator-mira", new CloseBreakouts(0));
        m.advance(1);
        // a second round still open: its insights are not shown
        m.run("moderator-mira", new OpenBreakouts(1, "manual", 600, 0, null, Map.of(ann, 0)));
        m.run(ann, new AddInsight("Nog niet zichtbaar"));
        m.run("moderator-mira", new OpenPoll("Koffie?", List.of("ja", "nee"), null, null, null, false, "live"));
        String closedPoll = m.meeting.pollsFor(null).get(0).pollId();
        m.run(ann, new VotePoll(closedPoll, List.of(0)));
        m.run(bob, new VotePoll(closedPoll, List.of(0)));
        m.run("moderator-mira", new ClosePoll(closedPoll));
        m.run("moderator-mira", new OpenPoll("Nog open?", List.of("a", "b"), null, null, null, null, "onClose"));
        String openPoll = m.meeting.pollsFor(null).get(1).pollId();
        m.run(ann, new VotePoll(openPoll, List.of(1)));
        m.run("moderator-mira", new PublishRecap());
        m.advance(30);

        MeetingRecap recap = MeetingRecap.of(m.events, m.meeting.recapId(), m.now).orElseThrow();
        assertThat(recap.title()).isEqualTo("Lerend netwerk");
        assertThat(recap.language()).isEqualTo("nl");
        assertThat(recap.date()).isEqualTo(T0);
        assertThat(recap.agenda()).extracting(MeetingRecap.ItemRecap::title, MeetingRecap.ItemRecap::ran,
                MeetingRecap.ItemRecap::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Opening", true, "done"),
                        org.assertj.core.groups.Tuple.tuple("Groepen", true, "running"),
                        org.assertj.core.groups.Tuple.tuple("Later", false, "pending"));
        assertThat(recap.agenda().get(0).actualSeconds()).isEqualTo(120);
        assertThat(recap.agenda().get(2).startedAt()).isNull();
        assertThat(recap.rounds()).as("[RC5] closed rounds only").singleElement().satisfies(round -> {
            assertThat(round.index()).isZero();
            assertThat(round.rooms()).extracting(MeetingRecap.RoomRecap::topic).containsExactly("Wonen", "Werken");
            assertThat(round.rooms()).extracting(MeetingRecap.RoomRecap::name).containsExactly("Groep 1", "Groep 2");
            assertThat(round.rooms().get(0).insights()).extracting(MeetingRecap.InsightRecap::text)
                    .containsExactly("Samen bouwen werkt");
        });
        assertThat(recap.polls()).hasSize(2);
        assertThat(recap.polls().get(0).results()).isEqualTo(new MeetingView.PollResults(List.of(2, 0), 2));
        assertThat(recap.polls().get(1).status()).isEqualTo("open");
        assertThat(recap.polls().get(1).results()).as("[RC6] an open poll's results never show early").isNull();
        assertThat(recap.questions()).extracting(MeetingRecap.QuestionRecap::text, MeetingRecap.QuestionRecap::votes,
                MeetingRecap.QuestionRecap::answered).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Hoe verder na de zomer?", 1, true),
                        org.assertj.core.groups.Tuple.tuple("Anonieme vraag", 0, false));
        assertThat(recap.questions().get(0).itemTitle()).isEqualTo("Opening");

        String all = json(recap);
        for (String secret : List.of("Annabel", "Zonneveld", "Bob", "Ravensbergen", "Mira", "Gemeente Utrecht",
                "Waterschap", "Geheim chatbericht", "Nog niet zichtbaar", ann, bob, "moderator-mira", "participantId",
                "organisation")) {
            assertThat(all).as("[RC7] the recap never holds %s", secret).doesNotContain(secret);
        }
    }

    @Test
    @DisplayName("[RC4] the recap follows the meeting: an insight edited after publishing shows as edited; after the end every poll is closed")
    void followsTheMeeting() {
        String ann = f.participant("Ann");
        f.run("mo", new OpenBreakouts(1, "manual", 600, 0, null, Map.of(ann, 0)));
        f.run(ann, new AddInsight("Eerste versie"));
        f.run("mo", new PublishRecap());
        f.run("mo", new OpenPoll("Open?", List.of("ja", "nee"), null, null, null, null, null));
        f.run(ann, new VotePoll(f.meeting.pollsFor(null).get(0).pollId(), List.of(1)));
        String insight = f.meeting.activeRound().rooms.values().iterator().next().insights.get(0).id();
        f.run("mo", new EditInsight(insight, "Tweede versie"));
        f.run("mo", new EndMeeting());
        Optional<MeetingRecap> recap = MeetingRecap.of(f.events, f.meeting.recapId(), f.now);
        assertThat(recap).isPresent();
        assertThat(recap.get().status()).isEqualTo("ended");
        assertThat(recap.get().endedAt()).isEqualTo(f.now);
        assertThat(recap.get().rounds().get(0).rooms().get(0).insights()).extracting(MeetingRecap.InsightRecap::text)
                .containsExactly("Tweede versie");
        assertThat(recap.get().polls().get(0).results()).isEqualTo(new MeetingView.PollResults(List.of(0, 1), 1));
    }

    @Test
    @DisplayName("[RC3] the moderator's report tells the recap link while it is published")
    void reportTellsTheLink() {
        MeetingRecord before = MeetingRecord.of(f.events, f.now);
        assertThat(before.recapPath()).isNull();
        assertThat(io.kring.report.MeetingReport.markdown(before, java.time.ZoneOffset.UTC))
                .contains("- Terugblik: niet gepubliceerd\n");
        f.run("mo", new PublishRecap());
        MeetingRecord after = MeetingRecord.of(f.events, f.now);
        assertThat(after.recapPath()).isEqualTo(recapPath("mo"));
        String line = io.kring.report.MeetingReport.markdown(after, java.time.ZoneOffset.UTC).lines()
                .filter(l -> l.startsWith("- Terugblik: ")).findFirst().orElseThrow();
        assertThat(line.replace("\\", "")).as("escaped as any text of the report").isEqualTo("- Terugblik: " + recapPath("mo"));
    }
}
