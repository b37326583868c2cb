package io.kring.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kring.meeting.MeetingRecord;

/**
 * The network report for its coordinator (protocol.md section 9, ND8, ND9): the network's meetings, attendance per
 * meeting by organisation, every round's insights, and how many distinct pairs of members have shared a room. The
 * JSON report is this record; {@link #markdown} is the same for people, escaped like the meeting report (L9).
 * Insights carry no author: the report is about what the groups found, not who typed it.
 */
public record NetworkReport(String networkId, String name, String language, long generatedAt, long members,
        long sharingInDirectory, long distinctMemberPairs, List<MeetingSummary> meetings) {

    /** One meeting: {@code participants} everyone who joined; {@code attendance} them by organisation. */
    public record MeetingSummary(String meetingId, String title, String status, Long startsAt, String mode,
            long createdAt, Long endedAt, int participants, List<OrganisationCount> attendance, List<Round> rounds) {
    }

    /** {@code organisation} "" for those who gave none; most participants first, then by name. */
    public record OrganisationCount(String organisation, int participants) {
    }

    public record Round(int roundIndex, String strategy, long openedAt, Long closedAt, List<Room> rooms) {
    }

    public record Room(String roomId, String name, String topic, List<Insight> insights) {
    }

    public record Insight(String insightId, String text, long at) {
    }

    /** What the report is made of for one meeting: its row, its record, and who of its participants is which member. */
    public record MeetingInput(Long startsAt, String mode, MeetingRecord record, Map<String, String> memberIds) {
    }

    public static NetworkReport of(String networkId, String name, String language, long members, long sharing,
            List<MeetingInput> inputs, long now) {
        List<MeetingSummary> meetings = new ArrayList<>();
        List<List<String>> rooms = new ArrayList<>();
        for (MeetingInput input : inputs) {
            MeetingRecord r = input.record();
            Map<String, Integer> byOrganisation = new TreeMap<>();
            r.attendance().forEach(a -> byOrganisation.merge(a.organisation() == null ? "" : a.organisation(), 1,
                    Integer::sum));
            List<OrganisationCount> attendance = byOrganisation.entrySet().stream()
                    .map(e -> new OrganisationCount(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingInt(OrganisationCount::participants).reversed()
                            .thenComparing(OrganisationCount::organisation))
                    .toList();
            List<Round> rounds = new ArrayList<>();
            for (MeetingRecord.RoundRecord round : r.breakoutRounds()) {
                List<Room> shown = new ArrayList<>();
                for (MeetingRecord.RoomRecord room : round.rooms()) {
                    shown.add(new Room(room.roomId(), room.name(), room.topic(), room.insights().stream()
                            .map(i -> new Insight(i.insightId(), i.text(), i.at())).toList()));
                    rooms.add(room.members().stream().map(m -> input.memberIds().get(m.participantId())).toList());
                }
                rounds.add(new Round(rounds.size(), round.strategy(), round.openedAt(), round.closedAt(), shown));
            }
            meetings.add(new MeetingSummary(r.meetingId(), r.title(), r.status(), input.startsAt(), input.mode(),
                    r.createdAt(), r.endedAt(), r.attendance().size(), attendance, rounds));
        }
        return new NetworkReport(networkId, name, language, now, members, sharing, MemberPairs.count(rooms),
                meetings);
    }

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "nl", Map.ofEntries(Map.entry("report", "Netwerkverslag"), Map.entry("meetings", "Bijeenkomsten"),
                    Map.entry("members", "Leden"), Map.entry("sharing", "in de ledenlijst"),
                    Map.entry("pairs", "Verschillende paren leden die samen in een groep zaten"),
                    Map.entry("startsAt", "Gepland"), Map.entry("created", "Aangemaakt"),
                    Map.entry("ended", "Beëindigd"), Map.entry("stillOpen", "nog bezig"),
                    Map.entry("notSaid", "niet opgegeven"), Map.entry("attendance", "Aanwezigheid"),
                    Map.entry("organisation", "Organisatie"), Map.entry("participants", "Deelnemers"),
                    Map.entry("noOrganisation", "(geen organisatie)"), Map.entry("round", "Ronde"),
                    Map.entry("insights", "Inzichten"), Map.entry("none", "Geen."), Map.entry("mode", "Vorm"),
                    Map.entry("online", "online"), Map.entry("inPerson", "op locatie"), Map.entry("hybrid", "hybride"),
                    Map.entry("topic", "Thema"), Map.entry("generated", "Gemaakt")),
            "en", Map.ofEntries(Map.entry("report", "Network report"), Map.entry("meetings", "Meetings"),
                    Map.entry("members", "Members"), Map.entry("sharing", "in the directory"),
                    Map.entry("pairs", "Distinct pairs of members who shared a room"),
                    Map.entry("startsAt", "Planned"), Map.entry("created", "Created"), Map.entry("ended", "Ended"),
                    Map.entry("stillOpen", "still running"), Map.entry("notSaid", "not said"),
                    Map.entry("attendance", "Attendance"), Map.entry("organisation", "Organisation"),
                    Map.entry("participants", "Participants"), Map.entry("noOrganisation", "(no organisation)"),
                    Map.entry("round", "Round"), Map.entry("insights", "Insights"), Map.entry("none", "None."),
                    Map.entry("mode", "Mode"), Map.entry("online", "online"), Map.entry("inPerson", "in person"),
                    Map.entry("hybrid", "hybrid"), Map.entry("topic", "Topic"), Map.entry("generated", "Generated")));

    /** ND8: the report for people, in the network's language; every user text escaped (L9). */
    public String markdown(ZoneId zone) {
        Map<String, String> w = WORDS.getOrDefault(language, WORDS.get("nl"));
        DateTimeFormatter dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(w.get("report")).append(": ").append(MeetingReport.text(name)).append("\n\n");
        md.append("- ").append(w.get("generated")).append(": ").append(dateTime.format(Instant.ofEpochMilli(generatedAt)))
                .append("\n");
        md.append("- ").append(w.get("members")).append(": ").append(members).append(" (").append(sharingInDirectory)
                .append(' ').append(w.get("sharing")).append(")\n");
        md.append("- ").append(w.get("meetings")).append(": ").append(meetings.size()).append("\n");
        md.append("- ").append(w.get("pairs")).append(": ").append(distinctMemberPairs).append("\n\n");
        for (MeetingSummary m : meetings) {
            md.append("## ").append(MeetingReport.text(m.title())).append("\n\n");
            md.append("- ").append(w.get("startsAt")).append(": ")
                    .append(m.startsAt() == null ? w.get("notSaid") : dateTime.format(Instant.ofEpochMilli(m.startsAt())))
                    .append("\n");
            if (m.mode() != null) {
                md.append("- ").append(w.get("mode")).append(": ").append(w.getOrDefault(m.mode(), m.mode())).append("\n");
            }
            md.append("- ").append(w.get("created")).append(": ")
                    .append(dateTime.format(Instant.ofEpochMilli(m.createdAt()))).append("\n");
            md.append("- ").append(w.get("ended")).append(": ")
                    .append(m.endedAt() == null ? w.get("stillOpen") : dateTime.format(Instant.ofEpochMilli(m.endedAt())))
                    .append("\n\n");
            md.append("### ").append(w.get("attendance")).append(" (").append(m.participants()).append(")\n\n");
            if (m.attendance().isEmpty()) {
                md.append(w.get("none")).append("\n\n");
            } else {
                md.append("| ").append(w.get("organisation")).append(" | ").append(w.get("participants")).append(" |\n");
                md.append("| --- | --- |\n");
                for (OrganisationCount o : m.attendance()) {
                    md.append("| ").append(o.organisation().isEmpty() ? w.get("noOrganisation")
                            : MeetingReport.text(o.organisation())).append(" | ").append(o.participants()).append(" |\n");
                }
                md.append("\n");
            }
            for (Round round : m.rounds()) {
                md.append("### ").append(w.get("round")).append(' ').append(round.roundIndex() + 1).append(": ")
                        .append(w.get("insights")).append("\n\n");
                for (Room room : round.rooms()) {
                    md.append("#### ").append(MeetingReport.text(room.name()));
                    if (room.topic() != null && !room.topic().isEmpty()) {
                        md.append(" (").append(w.get("topic")).append(": ").append(MeetingReport.text(room.topic()))
                                .append(')');
                    }
                    md.append("\n\n");
                    if (room.insights().isEmpty()) {
                        md.append(w.get("none")).append("\n\n");
                    } else {
                        room.insights().forEach(i -> md.append("- ").append(MeetingReport.text(i.text())).append("\n"));
                        md.append("\n");
                    }
                }
            }
        }
        return md.toString();
    }
}
