package io.kring.report;

import static io.kring.meeting.MeetingCommand.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.Credentials;
import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.MeetingEvent;
import io.kring.meeting.MeetingRecord;

/** The report of protocol.md section 6, from a meeting driven through the domain with a fixed clock. */
class MeetingReportTest {

    private static final long T0 = 1_795_000_000_000L; // 2026-11-18 11:06:40 UTC
    private final AtomicInteger ids = new AtomicInteger();
    private long now = T0;
    private Meeting meeting;
    /** Everything the meeting stored: the record is built from it, as the server builds it from the store. */
    private final List<MeetingEvent> events = new ArrayList<>();

    private String join(String name, String organisation, String key) {
        String id = "p" + ids.incrementAndGet();
        run(null, new JoinMeeting(id, name, organisation, key, Credentials.hash("secret-" + id)));
        run(id, new ConnectParticipant());
        return id;
    }

    private void run(String actor, MeetingCommand command) {
        events.addAll(meeting.handle(actor, command, now).events());
    }

    private MeetingRecord scripted() {
        events.addAll(Meeting.creationEvents("m1", "Lerend netwerk | bibliotheken", "nl", Credentials.hash("key"),
                List.of(new Meeting.AgendaItemPlan("Welkom", 60, null), new Meeting.AgendaItemPlan("Groepswerk", 600, "breakout")),
                now, () -> "id" + ids.incrementAndGet()));
        meeting = Meeting.replay(events, () -> "id" + ids.incrementAndGet(), new Random(7));
        String mo = join("Mia", "", "key");
        String an = join("An", "Bib Gent", null);
        String bo = join("Bo", "OCMW Aalst", null);

        run(mo, new StartNextAgendaItem());
        now += 90_000;                                  // Welkom: planned 1:00, took 1:30
        run(mo, new GiveFloor(an, 60));
        now += 45_000;
        run(mo, new GiveFloor(bo, null));               // An's first turn: 45 s
        now += 20_000;
        run(mo, new GiveFloor(an, null));               // Bo: 20 s
        now += 15_000;
        run(mo, new EndFloor());                        // An's second turn: 15 s -> 1:00 in all
        run(an, new SendChatMessage("Goeiemorgen | allemaal"));
        run(bo, new SendChatMessage("weg ermee"));
        String removedMessage = meeting.viewFor(mo, now).chat().get(1).messageId();
        run(mo, new DeleteChatMessage(removedMessage));
        run(mo, new Announce("Pauze om 11u"));
        run(mo, new StartNextAgendaItem());
        run(mo, new OpenBreakouts(2, "mixOrganisations", 600, 0, List.of("Leesbevordering"), null));
        run(an, new SendChatMessage("alleen in de groep"));
        run(an, new AddInsight("Samenwerken met scholen werkt"));
        now += 300_000;
        run(mo, new CloseBreakouts(0));
        run(bo, new DisconnectParticipant());
        return MeetingRecord.of(events, now);
    }

    @Test
    @DisplayName("[A10, Q9, protocol 6] the record: agenda planned against actual, attendance, speaking time, rounds, announcements, plenary chat")
    void recordHasEverything() {
        MeetingRecord record = scripted();

        MeetingRecord.AgendaRecord welkom = record.agenda().get(0);
        assertThat(welkom.plannedSeconds()).isEqualTo(60);
        assertThat(welkom.actualSeconds()).isEqualTo(170);
        assertThat(welkom.overrunSeconds()).isEqualTo(110);
        assertThat(record.agenda().get(1).status()).isEqualTo("running");

        assertThat(record.attendance()).extracting(MeetingRecord.AttendanceRecord::name).containsExactly("Mia", "An", "Bo");
        assertThat(record.attendance().get(2).leftAt()).as("Bo's last disconnect").isEqualTo(now);
        assertThat(record.attendance().get(1).leftAt()).as("An is still here").isNull();

        assertThat(record.speakingTime()).extracting(MeetingRecord.SpeakingRecord::name,
                MeetingRecord.SpeakingRecord::turns, MeetingRecord.SpeakingRecord::seconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("An", 2, 60L),
                        org.assertj.core.groups.Tuple.tuple("Bo", 1, 20L));

        assertThat(record.breakoutRounds()).singleElement().satisfies(round -> {
            assertThat(round.strategy()).isEqualTo("mixOrganisations");
            assertThat(round.closedAt()).isNotNull();
            assertThat(round.rooms()).extracting(MeetingRecord.RoomRecord::name).containsExactly("Groep 1", "Groep 2");
            assertThat(round.rooms().get(0).topic()).isEqualTo("Leesbevordering");
            assertThat(round.rooms().stream().flatMap(r -> r.members().stream()).map(MeetingRecord.Member::name))
                    .containsExactlyInAnyOrder("An", "Bo");
            assertThat(round.rooms().stream().flatMap(r -> r.insights().stream()).map(MeetingRecord.InsightRecord::text))
                    .containsExactly("Samenwerken met scholen werkt");
        });
        assertThat(record.announcements()).extracting(a -> a.text()).containsExactly("Pauze om 11u");
        assertThat(record.chat()).as("the plenary chat, without deleted or room messages")
                .extracting(c -> c.text()).containsExactly("Goeiemorgen | allemaal");
    }

    @Test
    @DisplayName("[AP6, L9] an item's description is in the record and under the agenda in the Markdown, each line escaped")
    void descriptions() {
        events.addAll(Meeting.creationEvents("m1", "Lerend netwerk", "en", Credentials.hash("key"),
                List.of(new Meeting.AgendaItemPlan("Welcome", 60, null, "# Not a heading\n\n- [link](https://x.org)\n1. one",
                        null), new Meeting.AgendaItemPlan("Groups", 600, "breakout")),
                now, () -> "id" + ids.incrementAndGet()));
        MeetingRecord record = MeetingRecord.of(events, now);
        assertThat(record.agenda().get(0).description()).isEqualTo("# Not a heading\n\n- [link](https://x.org)\n1. one");
        assertThat(record.agenda().get(1).description()).isEmpty();

        String md = MeetingReport.markdown(record, ZoneOffset.UTC);
        assertThat(md).contains("### Descriptions\n\n- **Welcome**  \n  \\# Not a heading  \n"
                + "  \\- \\[link\\]\\(https\u2060://x.org\\)  \n  1\\. one\n");
        assertThat(md).doesNotContain("**Groups**");
    }

    @Test
    @DisplayName("[L9, protocol 6] escaping: markup characters everywhere, block markers only at a line's start, nothing else")
    void escapingIsExact() {
        assertThat(MeetingReport.text("Anne-Marie")).isEqualTo("Anne-Marie");
        assertThat(MeetingReport.text("R&D")).isEqualTo("R&D");
        assertThat(MeetingReport.text("C# {x} a+b 3 > 2 = 5 - 1 #2")).isEqualTo("C# {x} a+b 3 > 2 = 5 - 1 #2");
        assertThat(MeetingReport.text("2024 was goed")).isEqualTo("2024 was goed");
        assertThat(MeetingReport.text("- lijst")).isEqualTo("\\- lijst");
        assertThat(MeetingReport.text("+ lijst")).isEqualTo("\\+ lijst");
        assertThat(MeetingReport.text("# kop")).isEqualTo("\\# kop");
        assertThat(MeetingReport.text("> citaat")).isEqualTo("\\> citaat");
        assertThat(MeetingReport.text("===")).isEqualTo("\\===");
        assertThat(MeetingReport.text("12. twaalf")).isEqualTo("12\\. twaalf");
        assertThat(MeetingReport.text("3) drie")).isEqualTo("3\\) drie");
        assertThat(MeetingReport.text("[a](b) ![c] <b> `x` *y* _z_ ~s~ a|b \\"))
                .isEqualTo("\\[a\\]\\(b\\) \\!\\[c\\] \\<b> \\`x\\` \\*y\\* \\_z\\_ \\~s\\~ a\\|b \\\\");
        assertThat(MeetingReport.text("regel\n- lijst\n  # kop\n1. een\r\n> citaat"))
                .as("each line's start, and the lines become one")
                .isEqualTo("regel \\- lijst   \\# kop 1\\. een  \\> citaat");
        assertThat(MeetingReport.text("zie https://x.org, www.x.org of a@x.org"))
                .isEqualTo("zie https\u2060://x.org, www\u2060.x.org of a@\u2060x.org");
    }

    @Test
    @DisplayName("[protocol 6] the Markdown reads well: headings and tables in the meeting's language, local times, m:ss")
    void markdownForPeople() {
        String md = MeetingReport.markdown(scripted(), ZoneOffset.UTC);

        assertThat(md).startsWith("# Verslag: Lerend netwerk \\| bibliotheken\n");
        assertThat(md).contains("## Agenda", "## Aanwezigheid", "## Spreektijd", "## Groepswerk", "## Mededelingen",
                "## Chat (plenair)");
        assertThat(md).contains("| Welkom | 1:00 | 11:06 | 11:09 | 2:50 | +1:50 |");
        assertThat(md).contains("| An | 2 | 1:00 |", "| Bo | 1 | 0:20 |");
        assertThat(md).contains("| Bo | OCMW Aalst | deelnemer | 11:06 | 11:14 |");
        assertThat(md).contains("#### Groep 1: Leesbevordering", "Samenwerken met scholen werkt (An)");
        assertThat(md).contains("**An**: Goeiemorgen \\| allemaal").doesNotContain("weg ermee", "alleen in de groep");
    }

    @Test
    @DisplayName("[protocol 6] durations are m:ss, minutes beyond an hour included")
    void durations() {
        assertThat(MeetingReport.duration(0)).isEqualTo("0:00");
        assertThat(MeetingReport.duration(65)).isEqualTo("1:05");
        assertThat(MeetingReport.duration(3725)).isEqualTo("62:05");
    }

    @Test
    @DisplayName("[GM10] each round's strategy, fromRound, attendance and hosts, in the JSON and escaped in the Markdown")
    void groupMethods() {
        events.addAll(Meeting.creationEvents("m1", "Wereldcafé", "nl", Credentials.hash("key"), List.of(), now,
                () -> "id" + ids.incrementAndGet()));
        meeting = Meeting.replay(events, () -> "id" + ids.incrementAndGet(), new Random(7));
        String mo = join("Mia", "", "key");
        String an = join("An *vet*", "", null);
        join("Bo", "", null);
        join("Cy", "", null);
        run(mo, new OpenBreakouts(2, "random", 600, 0, null, null, null, null, null, java.util.Map.of("1", an), null));
        run(mo, new CloseBreakouts(0));
        run(mo, new OpenBreakouts(2, "rotate", 600, 0, null, null, null, null, 0, null, null));
        run(mo, new CloseBreakouts(0));
        run(mo, new AddParticipant("Els", null));
        run(mo, new OpenBreakouts(2, "random", 600, 0, null, null, null, null, null, null, "separate"));
        MeetingRecord record = MeetingRecord.of(events, now);

        List<MeetingRecord.RoundRecord> rounds = record.breakoutRounds();
        assertThat(rounds).extracting(MeetingRecord.RoundRecord::strategy).containsExactly("random", "rotate", "random");
        assertThat(rounds).extracting(MeetingRecord.RoundRecord::fromRound).containsExactly(null, 0, null);
        assertThat(rounds).extracting(MeetingRecord.RoundRecord::attendance)
                .containsExactly("mixed", "mixed", "separate");
        assertThat(rounds.get(0).rooms().get(0).host()).isNull();
        assertThat(rounds.get(0).rooms().get(1).host().participantId()).isEqualTo(an);
        assertThat(rounds.get(1).rooms().get(1).host().name()).isEqualTo("An *vet*");

        String md = MeetingReport.markdown(record, ZoneOffset.UTC);
        assertThat(md).contains("Verdeling: rotate, vanuit ronde 1)");
        assertThat(md).contains("Verdeling: random, online en in de zaal apart)");
        assertThat(md).contains("- Host: An \\*vet\\*\n").doesNotContain("An *vet*");
    }
}
