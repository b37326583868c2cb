package io.kring.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
                    Map.entry("votes", "Stemmen"), Map.entry("answered", "Beantwoord"),
                    Map.entry("anonymous", "anoniem")),
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
                    Map.entry("votes", "Votes"), Map.entry("answered", "Answered"),
                    Map.entry("anonymous", "anonymous")));

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
                .append("\n\n");

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
                    .append(", ").append(w.get("strategy")).append(": ").append(round.strategy()).append(")\n\n");
            for (MeetingRecord.RoomRecord room : round.rooms()) {
                md.append("#### ").append(text(room.name()));
                if (room.topic() != null && !room.topic().isEmpty()) {
                    md.append(": ").append(text(room.topic()));
                }
                md.append("\n\n- ").append(w.get("members")).append(": ");
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

    /** Durations as m:ss (minutes may exceed 59). */
    static String duration(long seconds) {
        return (seconds / 60) + ":" + String.format("%02d", seconds % 60);
    }

    private static String clock(DateTimeFormatter time, Long epochMillis) {
        return epochMillis == null ? "" : time.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The ASCII punctuation that can start markup, a link, an image, HTML, an entity or a table cell. */
    private static final String MARKUP = "\\`*_{}[]()<>#+-!|~&";
    /** U+2060 WORD JOINER: invisible, and it keeps a URL or an address from being linked automatically. */
    private static final String JOINER = "\u2060";

    /**
     * User text on one line that renders as exactly that text (protocol.md section 6, rule L9): every
     * character that could make markup is backslash-escaped, so no user text becomes a link, an image,
     * HTML, emphasis, a heading, a quote or a list; a leading "1." cannot start a numbered list; and an
     * invisible word joiner breaks what GFM would link by itself (before {@code ://} and the dot of
     * {@code www.}, after {@code @}).
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String line = value.replace("\r", " ").replace("\n", " ");
        StringBuilder escaped = new StringBuilder(line.length() + 16);
        int digits = 0;
        while (digits < line.length() && Character.isDigit(line.charAt(digits))) {
            digits++;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (MARKUP.indexOf(c) >= 0 || (c == '.' && i == digits && digits > 0)) {
                escaped.append('\\');
            } else if ((c == ':' && line.startsWith("//", i + 1))
                    || (c == '.' && i >= 3 && line.regionMatches(true, i - 3, "www", 0, 3))) {
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
