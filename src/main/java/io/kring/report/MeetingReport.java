package io.kring.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.kring.meeting.MeetingRecord;

/**
 * The meeting report in Markdown, for people: headings and tables in the meeting's language, times in
 * the server's local time, durations as m:ss. The JSON report is the {@link MeetingRecord} itself.
 */
public final class MeetingReport {

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "nl", Map.ofEntries(
                    Map.entry("report", "Verslag"), Map.entry("created", "Aangemaakt"), Map.entry("ended", "Beëindigd"),
                    Map.entry("stillOpen", "nog bezig"), Map.entry("agenda", "Agenda"), Map.entry("item", "Punt"),
                    Map.entry("planned", "Gepland"), Map.entry("start", "Start"), Map.entry("end", "Einde"),
                    Map.entry("actual", "Werkelijk"), Map.entry("overrun", "Overschrijding"),
                    Map.entry("attendance", "Aanwezigheid"), Map.entry("name", "Naam"),
                    Map.entry("organisation", "Organisatie"), Map.entry("role", "Rol"),
                    Map.entry("joined", "Binnen"), Map.entry("left", "Weg"), Map.entry("removed", "verwijderd"),
                    Map.entry("speaking", "Spreektijd"), Map.entry("turns", "Beurten"), Map.entry("time", "Tijd"),
                    Map.entry("breakouts", "Groepswerk"), Map.entry("round", "Ronde"),
                    Map.entry("strategy", "Verdeling"), Map.entry("members", "Leden"),
                    Map.entry("insights", "Inzichten"), Map.entry("announcements", "Mededelingen"),
                    Map.entry("chat", "Chat (plenair)"), Map.entry("none", "Geen."),
                    Map.entry("moderator", "moderator"), Map.entry("participant", "deelnemer"),
                    Map.entry("topic", "Thema"), Map.entry("done", "Klaar"), Map.entry("yes", "ja"),
                    Map.entry("no", "nee"), Map.entry("questions", "Vragen"), Map.entry("question", "Vraag"),
                    Map.entry("answered", "Beantwoord"), Map.entry("descriptions", "Toelichting"),
                    Map.entry("fromRound", "vanuit ronde"), Map.entry("host", "Host"),
                    Map.entry("separate", "online en in de zaal apart"), Map.entry("polls", "Peilingen"), Map.entry("option", "Optie"),
                    Map.entry("votes", "Stemmen"), Map.entry("voters", "Stemmers"), Map.entry("anonymous", "anoniem"),
                    Map.entry("whoChose", "Wie koos wat"), Map.entry("pollOpen", "nog open"),
                    Map.entry("reportBacks", "Terugkoppeling uit de groepen"), Map.entry("perRoom", "seconden per groep"),
                    Map.entry("recap", "Terugblik"), Map.entry("notPublished", "niet gepubliceerd")),
            "en", Map.ofEntries(
                    Map.entry("report", "Report"), Map.entry("created", "Created"), Map.entry("ended", "Ended"),
                    Map.entry("stillOpen", "still running"), Map.entry("agenda", "Agenda"), Map.entry("item", "Item"),
                    Map.entry("planned", "Planned"), Map.entry("start", "Start"), Map.entry("end", "End"),
                    Map.entry("actual", "Actual"), Map.entry("overrun", "Overrun"),
                    Map.entry("attendance", "Attendance"), Map.entry("name", "Name"),
                    Map.entry("organisation", "Organisation"), Map.entry("role", "Role"),
                    Map.entry("joined", "Joined"), Map.entry("left", "Left"), Map.entry("removed", "removed"),
                    Map.entry("speaking", "Speaking time"), Map.entry("turns", "Turns"), Map.entry("time", "Time"),
                    Map.entry("breakouts", "Breakout rounds"), Map.entry("round", "Round"),
                    Map.entry("strategy", "Strategy"), Map.entry("members", "Members"),
                    Map.entry("insights", "Insights"), Map.entry("announcements", "Announcements"),
                    Map.entry("chat", "Chat (plenary)"), Map.entry("none", "None."),
                    Map.entry("moderator", "moderator"), Map.entry("participant", "participant"),
                    Map.entry("topic", "Topic"), Map.entry("done", "Done"), Map.entry("yes", "yes"),
                    Map.entry("no", "no"), Map.entry("questions", "Questions"), Map.entry("question", "Question"),
                    Map.entry("answered", "Answered"), Map.entry("descriptions", "Descriptions"),
                    Map.entry("fromRound", "from round"), Map.entry("host", "Host"),
                    Map.entry("separate", "online and in the room apart"), Map.entry("polls", "Polls"), Map.entry("option", "Option"),
                    Map.entry("votes", "Votes"), Map.entry("voters", "Voters"), Map.entry("anonymous", "anonymous"),
                    Map.entry("whoChose", "Who chose what"), Map.entry("pollOpen", "still open"),
                    Map.entry("reportBacks", "Report-backs"), Map.entry("perRoom", "seconds per room"),
                    Map.entry("recap", "Recap"), Map.entry("notPublished", "not published")));

    private MeetingReport() {
    }

    public static String markdown(MeetingRecord r, ZoneId zone) {
        Map<String, String> w = WORDS.getOrDefault(r.language(), WORDS.get("nl"));
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        DateTimeFormatter dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(w.get("report")).append(": ").append(text(r.title())).append("\n\n");
        md.append("- ").append(w.get("created")).append(": ").append(dateTime.format(Instant.ofEpochMilli(r.createdAt())))
                .append("\n");
        md.append("- ").append(w.get("ended")).append(": ")
                .append(r.endedAt() == null ? w.get("stillOpen") : dateTime.format(Instant.ofEpochMilli(r.endedAt())))
                .append("\n");
        // RC3: the recap link while it is published (a path: the report does not know the public address)
        md.append("- ").append(w.get("recap")).append(": ")
                .append(r.recapPath() == null ? w.get("notPublished") : text(r.recapPath())).append("\n\n");

        md.append("## ").append(w.get("agenda")).append("\n\n");
        if (r.agenda().isEmpty()) {
            md.append(w.get("none")).append("\n\n");
        } else {
            row(md, w.get("item"), w.get("planned"), w.get("start"), w.get("end"), w.get("actual"), w.get("overrun"));
            row(md, "---", "---:", "---", "---", "---:", "---:");
            for (MeetingRecord.AgendaRecord item : r.agenda()) {
                row(md, text(item.title()), duration(item.plannedSeconds()), clock(time, item.startedAt()),
                        clock(time, item.endedAt()), item.actualSeconds() == null ? "" : duration(item.actualSeconds()),
                        item.overrunSeconds() == null || item.overrunSeconds() == 0 ? ""
                                : "+" + duration(item.overrunSeconds()));
            }
            md.append("\n");
            descriptions(md, r, w);
        }

        md.append("## ").append(w.get("attendance")).append("\n\n");
        row(md, w.get("name"), w.get("organisation"), w.get("role"), w.get("joined"), w.get("left"));
        row(md, "---", "---", "---", "---", "---");
        for (MeetingRecord.AttendanceRecord a : r.attendance()) {
            row(md, text(a.name()), text(a.organisation()), w.get(a.role()), clock(time, a.joinedAt()),
                    clock(time, a.leftAt()) + (a.removed() ? " (" + w.get("removed") + ")" : ""));
        }
        md.append("\n");

        md.append("## ").append(w.get("speaking")).append("\n\n");
        if (r.speakingTime().isEmpty()) {
            md.append(w.get("none")).append("\n\n");
        } else {
            row(md, w.get("name"), w.get("turns"), w.get("time"));
            row(md, "---", "---:", "---:");
            for (MeetingRecord.SpeakingRecord s : r.speakingTime()) {
                row(md, text(s.name()), String.valueOf(s.turns()), duration(s.seconds()));
            }
            md.append("\n");
        }

        md.append("## ").append(w.get("breakouts")).append("\n\n");
        if (r.breakoutRounds().isEmpty()) {
            md.append(w.get("none")).append("\n\n");
        }
        int number = 1;
        for (MeetingRecord.RoundRecord round : r.breakoutRounds()) {
            md.append("### ").append(w.get("round")).append(" ").append(number++).append(" (")
                    .append(clock(time, round.openedAt())).append("–").append(clock(time, round.closedAt()))
                    .append(", ").append(w.get("strategy")).append(": ").append(round.strategy());
            if (round.fromRound() != null) {
                // The headings count rounds from 1; the wire's fromRound from 0.
                md.append(", ").append(w.get("fromRound")).append(" ").append(round.fromRound() + 1);
            }
            if ("separate".equals(round.attendance())) {
                md.append(", ").append(w.get("separate"));
            }
            md.append(")\n\n");
            for (MeetingRecord.RoomRecord room : round.rooms()) {
                md.append("#### ").append(text(room.name()));
                if (room.topic() != null && !room.topic().isEmpty()) {
                    md.append(": ").append(text(room.topic()));
                }
                md.append("\n\n");
                if (room.host() != null) {
                    md.append("- ").append(w.get("host")).append(": ").append(text(room.host().name())).append("\n");
                }
                md.append("- ").append(w.get("members")).append(": ");
                md.append(room.members().isEmpty() ? "–" : String.join(", ", room.members().stream()
                        .map(m -> text(m.name()) + (m.organisation().isEmpty() ? "" : " (" + text(m.organisation()) + ")"))
                        .toList()));
                md.append("\n- ").append(w.get("done")).append(": ").append(w.get(room.done() ? "yes" : "no"));
                md.append("\n");
                if (!room.insights().isEmpty()) {
                    md.append("- ").append(w.get("insights")).append(":\n");
                }
                for (MeetingRecord.InsightRecord insight : room.insights()) {
                    md.append("  - ").append(text(insight.text())).append(" (").append(text(insight.name()))
                            .append(")\n");
                }
                md.append("\n");
            }
        }

        reportBacks(md, r, w, time);
        polls(md, r, w, time);

        md.append("## ").append(w.get("announcements")).append("\n\n");
        if (r.announcements().isEmpty()) {
            md.append(w.get("none")).append("\n\n");
        } else {
            r.announcements().forEach(a -> md.append("- ").append(clock(time, a.at())).append(" ").append(text(a.text()))
                    .append("\n"));
            md.append("\n");
        }

        questions(md, r, w);

        md.append("## ").append(w.get("chat")).append("\n\n");
        if (r.chat().isEmpty()) {
            md.append(w.get("none")).append("\n");
        } else {
            r.chat().forEach(c -> md.append("- ").append(clock(time, c.sentAt())).append(" **").append(text(c.name()))
                    .append("**: ").append(text(c.text())).append("\n"));
        }
        return md.toString();
    }

    /** QA10: the questions with their votes, most first; who asked only where it was not anonymous (QA3). */
    private static void questions(StringBuilder md, MeetingRecord r, Map<String, String> w) {
        md.append("## ").append(w.get("questions")).append("\n\n");
        if (r.questions().isEmpty()) {
            md.append(w.get("none")).append("\n\n");
            return;
        }
        row(md, w.get("question"), w.get("name"), w.get("votes"), w.get("answered"));
        row(md, "---", "---", "---:", "---");
        for (MeetingRecord.QuestionRecord q : r.questions()) {
            row(md, text(q.text()), q.name() == null ? "(" + w.get("anonymous") + ")" : text(q.name()),
                    String.valueOf(q.votes()), w.get(q.answered() ? "yes" : "no"));
        }
        md.append("\n");
    }

    /**
     * AP6: each item's description under its title, line by line; every line is escaped like all user text, so
     * none can start a block of its own, and a Markdown hard break keeps the lines apart within the list item.
     */
    private static void descriptions(StringBuilder md, MeetingRecord r, Map<String, String> w) {
        List<MeetingRecord.AgendaRecord> described = r.agenda().stream()
                .filter(item -> item.description() != null && !item.description().isBlank()).toList();
        if (described.isEmpty()) {
            return;
        }
        md.append("### ").append(w.get("descriptions")).append("\n\n");
        for (MeetingRecord.AgendaRecord item : described) {
            List<String> lines = item.description().lines().filter(line -> !line.isBlank())
                    .map(line -> text(line.strip())).toList();
            md.append("- **").append(text(item.title())).append("**  \n  ")
                    .append(String.join("  \n  ", lines)).append("\n");
        }
        md.append("\n");
    }

    /** RB9: each report-back held: its round (counted from 1, as the headings), when, and the rooms in the order shown. */
    private static void reportBacks(StringBuilder md, MeetingRecord r, Map<String, String> w, DateTimeFormatter time) {
        if (r.reportBacks().isEmpty()) {
            return;
        }
        md.append("## ").append(w.get("reportBacks")).append("\n\n");
        for (MeetingRecord.ReportBackRecord held : r.reportBacks()) {
            md.append("### ").append(w.get("round")).append(" ").append(held.roundIndex() + 1).append(" (")
                    .append(clock(time, held.startedAt())).append("–")
                    .append(held.endedAt() == null ? w.get("stillOpen") : clock(time, held.endedAt())).append(", ")
                    .append(held.secondsPerRoom()).append(" ").append(w.get("perRoom")).append(")\n\n");
            for (MeetingRecord.ReportBackRoomRecord room : held.rooms()) {
                md.append("1. ").append(clock(time, room.shownAt())).append(" ").append(text(room.name())).append("\n");
            }
            md.append("\n");
        }
    }

    /** POLL9: each poll's counts; for a poll that is not anonymous, who chose what. */
    private static void polls(StringBuilder md, MeetingRecord r, Map<String, String> w, DateTimeFormatter time) {
        md.append("## ").append(w.get("polls")).append("\n\n");
        if (r.polls().isEmpty()) {
            md.append(w.get("none")).append("\n\n");
        }
        for (MeetingRecord.PollRecord poll : r.polls()) {
            md.append("### ").append(text(poll.question())).append(" (").append(clock(time, poll.openedAt()))
                    .append("–").append(poll.closedAt() == null ? w.get("pollOpen") : clock(time, poll.closedAt()))
                    .append(poll.anonymous() ? ", " + w.get("anonymous") : "").append(")\n\n");
            row(md, w.get("option"), w.get("votes"));
            row(md, "---", "---:");
            for (int i = 0; i < poll.options().size(); i++) {
                row(md, text(poll.options().get(i)), String.valueOf(poll.counts().get(i)));
            }
            md.append("\n- ").append(w.get("voters")).append(": ").append(poll.voters()).append("\n");
            if (poll.votes() != null && !poll.votes().isEmpty()) {
                md.append("- ").append(w.get("whoChose")).append(":\n");
                for (MeetingRecord.VoteRecord vote : poll.votes()) {
                    md.append("  - ").append(text(vote.name())).append(": ").append(String.join(", ",
                            vote.choices().stream().map(choice -> text(poll.options().get(choice))).toList()))
                            .append("\n");
                }
            }
            md.append("\n");
        }
    }

    /** Durations as m:ss (minutes may exceed 59). */
    static String duration(long seconds) {
        return (seconds / 60) + ":" + String.format("%02d", seconds % 60);
    }

    private static String clock(DateTimeFormatter time, Long epochMillis) {
        return epochMillis == null ? "" : time.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * What makes markup anywhere in a line: an escape, code, a link or an image ({@code [ ] ( ) !}), HTML and
     * autolinks ({@code <}), a table cell ({@code |}), emphasis ({@code * _}) and strikethrough ({@code ~}).
     * Nothing else is escaped in the middle of a line: "Anne-Marie", "R&D", "C#" and "{x}" stay as typed.
     */
    private static final String MARKUP_ANYWHERE = "\\`[]()!<|*_~";
    /**
     * What makes a block only at the start of a line: a heading ({@code #}), a quote ({@code >}), a list item
     * ({@code - +}), a setext heading's underline ({@code =}).
     */
    private static final String MARKUP_AT_LINE_START = "#>-+=";
    /** U+2060 WORD JOINER: invisible, and it keeps a URL or an address from being linked automatically. */
    private static final String JOINER = "\u2060";

    /**
     * User text on one line that renders as exactly that text (protocol.md section 6, rule L9), so no user text
     * becomes a link, an image, HTML, emphasis, a heading, a quote or a list: {@link #MARKUP_ANYWHERE} is
     * backslash-escaped everywhere; at the start of each line of the text (after optional spaces) also
     * {@link #MARKUP_AT_LINE_START} and the {@code .} of an ordered-list number ("1." and "1)"); an invisible
     * word joiner breaks what GFM would link by itself (before {@code ://} and the dot of {@code www.}, after
     * {@code @}). Line breaks become spaces: the text sits in a table cell or a list item.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                escaped.append(' ');
                lineStart = true;
                continue;
            }
            if (lineStart && c != ' ' && c != '\t') {
                lineStart = false;
                if (MARKUP_AT_LINE_START.indexOf(c) >= 0) {
                    escaped.append('\\');
                } else if (Character.isDigit(c)) {
                    int digits = i;
                    while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
                        digits++;
                    }
                    escaped.append(value, i, digits);
                    if (digits < value.length() && value.charAt(digits) == '.') {
                        escaped.append('\\'); // "1." would start a numbered list; a ")" is escaped anyway
                    }
                    i = digits - 1;
                    continue;
                }
            }
            if (MARKUP_ANYWHERE.indexOf(c) >= 0) {
                escaped.append('\\');
            } else if ((c == ':' && value.startsWith("//", i + 1))
                    || (c == '.' && i >= 3 && value.regionMatches(true, i - 3, "www", 0, 3))) {
                escaped.append(JOINER);
            }
            escaped.append(c);
            if (c == '@') {
                escaped.append(JOINER);
            }
        }
        return escaped.toString();
    }

    private static void row(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
