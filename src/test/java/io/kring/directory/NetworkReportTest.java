package io.kring.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.directory.NetworkFixture.Member;
import io.kring.directory.NetworkFixture.Network;
import io.kring.testing.Api;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/** ND8, ND9: the network report over two meetings with breakout rounds, through HTTP, WebSocket and PostgreSQL. */
@QuarkusTest
class NetworkReportTest {

    /** Opens a manual round with these rooms (lists of participants) and closes it at once. */
    private static void round(TestParticipant moderator, List<List<TestParticipant>> rooms, Runnable whileOpen) {
        Map<String, Object> assignments = new LinkedHashMap<>();
        for (int i = 0; i < rooms.size(); i++) {
            for (TestParticipant p : rooms.get(i)) {
                assignments.put(p.id(), i);
            }
        }
        moderator.ack("breakout.open", "roomCount", rooms.size(), "strategy", "manual", "durationSeconds", 600,
                "assignments", assignments);
        whileOpen.run();
        moderator.ack("breakout.close", "graceSeconds", 0);
    }

    @Test
    @DisplayName("[ND8, ND9] the report lists each meeting's attendance by organisation and every round's insights, and counts each pair of members who shared a room once, across meetings")
    void reportAcrossMeetings() {
        Network network = NetworkFixture.create("Report network", "en");
        String first = NetworkFixture.planMeeting(network, "First [meeting]");
        Api.Joined coordinator = NetworkFixture.coordinatorJoins(network, first, "Coordinator");
        Member a = NetworkFixture.join(first, "Ann", "City", null);
        Member b = NetworkFixture.join(first, "Bo", "City", null);
        Member c = NetworkFixture.join(first, "Cas", "Care team", null);
        Member d = NetworkFixture.join(first, "Dee", null, null);
        List<TestParticipant> open = new ArrayList<>();
        try {
            TestParticipant mo = TestParticipant.connect(coordinator);
            open.add(mo);
            TestParticipant pa = TestParticipant.connect(a.joined());
            TestParticipant pb = TestParticipant.connect(b.joined());
            TestParticipant pc = TestParticipant.connect(c.joined());
            TestParticipant pd = TestParticipant.connect(d.joined());
            open.addAll(List.of(pa, pb, pc, pd));
            round(mo, List.of(List.of(pa, pb), List.of(pc, pd)),
                    () -> pa.ack("insight.add", "text", "Share [the](http://x.example) budget"));
            round(mo, List.of(List.of(pa, pc), List.of(pb, pd)), () -> pd.ack("insight.add", "text", "Meet monthly"));

            String second = NetworkFixture.planMeeting(network, "Second");
            Api.Joined coordinator2 = NetworkFixture.coordinatorJoins(network, second, "Coordinator");
            Member a2 = NetworkFixture.join(second, "Ann", "City", a.memberToken());
            Member b2 = NetworkFixture.join(second, "Bo", "City", b.memberToken());
            Member e = NetworkFixture.join(second, "Eva", "School", null);
            assertThat(a2.memberId()).isEqualTo(a.memberId());
            assertThat(b2.memberId()).isEqualTo(b.memberId());
            TestParticipant mo2 = TestParticipant.connect(coordinator2);
            TestParticipant pa2 = TestParticipant.connect(a2.joined());
            TestParticipant pb2 = TestParticipant.connect(b2.joined());
            TestParticipant pe = TestParticipant.connect(e.joined());
            open.addAll(List.of(mo2, pa2, pb2, pe));
            // Ann and Bo meet again (no new pair); Eva meets both (two new pairs)
            round(mo2, List.of(List.of(pa2, pb2, pe)), () -> pe.ack("insight.add", "text", "Third insight"));
        } finally {
            open.forEach(TestParticipant::close);
        }

        JsonNode report = Api.json(NetworkFixture.report(network.networkId(), network.coordinatorKey(), "json"), 200);
        assertThat(report.path("networkId").asText()).isEqualTo(network.networkId());
        assertThat(report.path("distinctMemberPairs").asLong()).as("[ND9] AB, CD, AC, BD, AE, BE").isEqualTo(6);
        assertThat(report.path("members").asLong()).as("the coordinator joins as a member too").isGreaterThanOrEqualTo(5);
        JsonNode meetings = report.path("meetings");
        assertThat(meetings).hasSize(2);
        JsonNode m1 = meetings.get(0);
        assertThat(m1.path("title").asText()).isEqualTo("First [meeting]");
        assertThat(m1.path("participants").asInt()).isEqualTo(5);
        Map<String, Integer> byOrganisation = new LinkedHashMap<>();
        m1.path("attendance").forEach(o -> byOrganisation.put(o.path("organisation").asText(), o.path("participants").asInt()));
        assertThat(byOrganisation).containsExactly(Map.entry("", 2), Map.entry("City", 2), Map.entry("Care team", 1));
        assertThat(m1.path("rounds")).hasSize(2);
        assertThat(m1.path("rounds").get(0).path("strategy").asText()).isEqualTo("manual");
        assertThat(m1.path("rounds").get(0).path("rooms").get(0).path("insights").get(0).path("text").asText())
                .isEqualTo("Share [the](http://x.example) budget");
        assertThat(m1.path("rounds").get(1).path("rooms").get(1).path("insights").get(0).path("text").asText())
                .isEqualTo("Meet monthly");
        JsonNode m2 = meetings.get(1);
        assertThat(m2.path("title").asText()).isEqualTo("Second");
        assertThat(m2.path("rounds").get(0).path("rooms").get(0).path("insights").get(0).path("text").asText())
                .isEqualTo("Third insight");
        assertThat(report.toString()).as("insights carry no author").doesNotContain(a.memberToken());

        var md = NetworkFixture.report(network.networkId(), network.coordinatorKey(), null);
        assertThat(md.statusCode()).isEqualTo(200);
        assertThat(md.contentType()).startsWith("text/markdown");
        String text = md.asString();
        assertThat(text).startsWith("# Network report: Report network")
                .contains("Distinct pairs of members who shared a room: 6")
                .contains("## First \\[meeting\\]")
                .contains("| City | 2 |", "| Care team | 1 |", "| (no organisation) | 2 |")
                .contains("- Share \\[the\\]\\(http\u2060://x.example\\) budget")
                .contains("- Meet monthly", "- Third insight")
                .doesNotContain("[the](");
    }
}
