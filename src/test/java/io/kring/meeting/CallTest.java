package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CALL-rules (docs/meeting-rules.md; protocol.md section 7 "Calls"). */
@DisplayName("Calls: a link for the plenary and one per room")
class CallTest {

    static final String BASE = "https://meet.example.org/";
    static final String LINK = "https://meet\\.example\\.org/Kring-[A-Za-z0-9_-]{20,}";

    private static MeetingFixture withCalls() {
        MeetingFixture f = MeetingFixture.withCalls(BASE, 5);
        f.moderator("Mo");
        return f;
    }

    @Test
    @DisplayName("[CALL1] with a base configured, the meeting starts with its own unguessable plenary link")
    void plenaryLinkAtCreation() {
        MeetingFixture f = withCalls();
        String an = f.participant("An");
        String url = f.view(an).meeting().callUrl();
        assertThat(url).matches(LINK);
        assertThat(f.view("mo").meeting().callUrl()).isEqualTo(url);
        assertThat(MeetingFixture.withCalls(BASE, 6).meeting.callUrl()).as("another meeting, another link")
                .isNotEqualTo(url);
    }

    @Test
    @DisplayName("[CALL1] without a base, no links: the meeting and its rooms have null")
    void noBaseNoLinks() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        f.run("mo", open(2, "random", 600));
        assertThat(f.view(an).meeting().callUrl()).isNull();
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::callUrl).containsOnlyNulls();
    }

    @Test
    @DisplayName("[CALL1] every room of every round gets its own link, different from the others")
    void roomLinks() {
        MeetingFixture f = withCalls();
        for (int i = 0; i < 4; i++) {
            f.participant("P" + i);
        }
        Set<String> seen = new HashSet<>();
        seen.add(f.meeting.callUrl());
        for (int round = 0; round < 2; round++) {
            f.run("mo", open(3, "random", 600, 0));
            for (MeetingView.RoomView room : f.breakouts("mo").rooms()) {
                assertThat(room.callUrl()).matches(LINK);
                assertThat(seen.add(room.callUrl())).as("a new link").isTrue();
            }
            f.run("mo", new CloseBreakouts(0));
        }
    }

    @Test
    @DisplayName("[CALL1] the draws are stored in the events: a replay gives the same links")
    void replayIsExact() {
        MeetingFixture f = withCalls();
        String an = f.participant("An");
        f.run("mo", open(2, "random", 600));
        Meeting replayed = f.replayed();
        assertThat(replayed.callUrl()).isEqualTo(f.meeting.callUrl());
        assertThat(replayed.viewFor("mo", f.now).breakouts()).isEqualTo(f.view("mo").breakouts());
        assertThat(replayed.viewFor(an, f.now).breakouts()).isEqualTo(f.view(an).breakouts());
    }

    @Test
    @DisplayName("[CALL2] a moderator sets and clears the plenary link for everyone (meeting.updated)")
    void moderatorSetsPlenaryLink() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        Outcome set = f.run("mo", new SetMeetingCall("https://zoom.example.com/j/123?pwd=abc"));
        Notice notice = noticeOf(set, MeetingEvent.MeetingCallChanged.class);
        assertThat(notice.name()).isEqualTo("meeting.updated");
        assertThat(notice.deliveries()).singleElement().extracting(Notice.Delivery::audience)
                .isEqualTo(Audience.EVERYONE);
        assertThat(((MeetingView.Info) data(notice.deliveries().get(0)).get("meeting")).callUrl())
                .isEqualTo("https://zoom.example.com/j/123?pwd=abc");
        assertThat(f.view(an).meeting().callUrl()).isEqualTo("https://zoom.example.com/j/123?pwd=abc");
        assertThat(f.run("mo", new SetMeetingCall("https://zoom.example.com/j/123?pwd=abc")).events())
                .as("the same link again changes nothing").isEmpty();
        f.run("mo", new SetMeetingCall(null));
        assertThat(f.view(an).meeting().callUrl()).isNull();
        assertThat(f.replayed().callUrl()).isNull();
    }

    @Test
    @DisplayName("[CALL2] only moderators set the plenary link")
    void participantsMayNotSetLink() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        assertThat(f.code(an, new SetMeetingCall("https://meet.example.org/x"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.view(an).meeting().callUrl()).isNull();
    }

    @Test
    @DisplayName("[CALL4] only https:// URLs with a host, 1..500 characters: javascript:, http:, relative, spaces are INVALID")
    void onlyHttps() {
        MeetingFixture f = withCalls();
        String before = f.meeting.callUrl();
        for (String bad : List.of("javascript:alert(1)", "JAVASCRIPT:alert(1)", "http://meet.example.org/x",
                "//meet.example.org/x", "/kamer", "meet.example.org/x", "https://", "https:///pad",
                "https://meet.example.org/a b", "https://meet.example.org/\u0000", "https://meet.example.org/\n/x",
                "https://meet.example.org/é", "https://evil@meet.example.org/", "data:text/html,hi", "",
                "https://meet.example.org/" + "x".repeat(500), "HTTPS://meet.example.org/x", "   ", " https://a.b/ c")) {
            assertThat(f.code("mo", new SetMeetingCall(bad))).as(bad).isEqualTo(ErrorCode.INVALID);
        }
        assertThat(f.meeting.callUrl()).as("a rejected command changes nothing").isEqualTo(before);
        String longest = "https://meet.example.org/" + "x".repeat(500 - 25);
        assertThat(longest).hasSize(500);
        f.run("mo", new SetMeetingCall(longest));
        assertThat(f.meeting.callUrl()).isEqualTo(longest);
    }

    @Test
    @DisplayName("[CALL4] a link is trimmed like every text field before it is checked, and kept trimmed")
    void linksAreTrimmed() {
        MeetingFixture f = withModerator();
        f.participant("An");
        f.run("mo", new SetMeetingCall(" https://meet.example.org/x\t\n"));
        assertThat(f.meeting.callUrl()).isEqualTo("https://meet.example.org/x");
        assertThat(f.run("mo", new SetMeetingCall("https://meet.example.org/x ")).events())
                .as("the same link once trimmed changes nothing").isEmpty();
        f.run("mo", new OpenBreakouts(2, "selfSelect", 600, null, null, null,
                List.of("  https://meet.example.org/a ", "\thttps://meet.example.org/b")));
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::callUrl)
                .containsExactly("https://meet.example.org/a", "https://meet.example.org/b");
        assertThat(f.replayed().callUrl()).isEqualTo("https://meet.example.org/x");
    }

    @Test
    @DisplayName("[CALL3] breakout.open callUrls override the generated links per room, in room order")
    void callUrlsOverride() {
        MeetingFixture f = withCalls();
        f.participant("An");
        f.participant("Bo");
        f.run("mo", new OpenBreakouts(3, "random", 600, null, null, null,
                List.of("https://teams.example.com/kamer-1", "https://teams.example.com/kamer-2")));
        List<MeetingView.RoomView> rooms = f.breakouts("mo").rooms();
        assertThat(rooms.get(0).callUrl()).isEqualTo("https://teams.example.com/kamer-1");
        assertThat(rooms.get(1).callUrl()).isEqualTo("https://teams.example.com/kamer-2");
        assertThat(rooms.get(2).callUrl()).as("the rest generated").matches(LINK);
    }

    @Test
    @DisplayName("[CALL3] callUrls without a base: given rooms have their link, the others none")
    void callUrlsWithoutBase() {
        MeetingFixture f = withModerator();
        f.run("mo", new OpenBreakouts(2, "selfSelect", 600, null, null, null, List.of("https://meet.example.org/a")));
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::callUrl)
                .containsExactly("https://meet.example.org/a", null);
    }

    @Test
    @DisplayName("[CALL3, CALL4] more callUrls than rooms, or a bad one, is INVALID and opens nothing")
    void callUrlsChecked() {
        MeetingFixture f = withCalls();
        f.participant("An");
        assertThat(f.code("mo", new OpenBreakouts(1, "random", 600, null, null, null,
                List.of("https://a.example/1", "https://a.example/2")))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "random", 600, null, null, null,
                List.of("javascript:alert(1)")))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "random", 600, null, null, null,
                List.of("http://a.example/1")))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.breakouts("mo").status()).isEqualTo("closed");
        assertThat(f.breakouts("mo").roundId()).isNull();
    }

    @Test
    @DisplayName("[CALL5] a room's link shows to its members and the moderators, to nobody else")
    void roomLinkVisibility() {
        MeetingFixture f = withCalls();
        String an = f.participant("An");
        String bo = f.participant("Bo");
        String late = f.joinOnly("Late", "", null); // joined, never connected: not assigned
        f.run("mo", new OpenBreakouts(2, "manual", 600, null, null, Map.of(an, 0, bo, 1)));
        List<String> roomIds = f.roomIds();
        MeetingView.RoomView anOwn = f.room(an, roomIds.get(0));
        assertThat(anOwn.callUrl()).matches(LINK);
        assertThat(f.room(an, roomIds.get(1)).callUrl()).as("another room's link").isNull();
        assertThat(f.room(bo, roomIds.get(1)).callUrl()).matches(LINK);
        assertThat(f.room(bo, roomIds.get(0)).callUrl()).isNull();
        assertThat(f.breakouts(late).rooms()).extracting(MeetingView.RoomView::callUrl).containsOnlyNulls();
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::callUrl).allMatch(u -> u.matches(LINK));
        // moved into the other room: a fresh snapshot with that room's link
        Outcome moved = f.run("mo", new MoveToBreakoutRoom(an, roomIds.get(1)));
        assertThat(moved.resync()).contains(an);
        assertThat(f.room(an, roomIds.get(1)).callUrl()).isEqualTo(f.room("mo", roomIds.get(1)).callUrl());
        assertThat(f.room(an, roomIds.get(0)).callUrl()).isNull();
        // the round closed: nobody is in a room, the links show no more
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::callUrl).containsOnlyNulls();
        assertThat(f.breakouts(an).rooms()).extracting(MeetingView.RoomView::callUrl).containsOnlyNulls();
    }

    @Test
    @DisplayName("[CALL5] breakouts.opened is split: moderators all links, each room its own, the others none")
    void openedSplitByAudience() {
        MeetingFixture f = withCalls();
        String an = f.participant("An");
        String bo = f.participant("Bo");
        String late = f.joinOnly("Late", "", null);
        Outcome opened = f.run("mo", new OpenBreakouts(2, "manual", 600, null, null, Map.of(an, 0, bo, 1)));
        Notice notice = noticeOf(opened, MeetingEvent.BreakoutsOpened.class);
        assertThat(notice.deliveries()).hasSize(4);
        List<String> roomIds = f.roomIds();
        assertThat(links(notice, "mo")).allMatch(u -> u != null && u.matches(LINK));
        assertThat(links(notice, an)).containsExactly(f.room(an, roomIds.get(0)).callUrl(), null);
        assertThat(links(notice, bo)).containsExactly(null, f.room(bo, roomIds.get(1)).callUrl());
        assertThat(links(notice, late)).containsOnlyNulls();
        for (String viewer : List.of("mo", an, bo, late)) {
            assertThat(breakoutsOf(notice, viewer)).as(viewer + ": the event shows what the snapshot shows")
                    .isEqualTo(f.breakouts(viewer));
        }
    }

    @Test
    @DisplayName("[CALL5] without links breakouts.opened stays one delivery for everyone")
    void openedWithoutLinksOneDelivery() {
        MeetingFixture f = withModerator();
        f.participant("An");
        Notice notice = noticeOf(f.run("mo", open(2, "random", 600)), MeetingEvent.BreakoutsOpened.class);
        assertThat(notice.deliveries()).singleElement().extracting(Notice.Delivery::audience)
                .isEqualTo(Audience.EVERYONE);
    }

    @Test
    @DisplayName("[CALL6] the report never contains a call link")
    void reportHasNoLinks() {
        MeetingFixture f = withCalls();
        String an = f.participant("An");
        f.run("mo", new SetMeetingCall("https://zoom.example.com/j/999"));
        f.run("mo", new OpenBreakouts(2, "random", 600, 0, null, null, List.of("https://teams.example.com/k1")));
        f.run(an, new AddInsight("Goed gesprek"));
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", open(2, "random", 600));
        String record = EventsApplyPropertiesTest.json(MeetingRecord.of(f.events, f.now));
        assertThat(record).contains("Goed gesprek").doesNotContain("https://").doesNotContain("Kring-")
                .doesNotContain("callUrl");
    }

    @Test
    @DisplayName("[CALL1] the base is checked like any link; 24 URL-safe characters follow Kring-")
    void baseChecked() {
        assertThatThrownBy(() -> CallLinks.from("http://meet.example.org/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallLinks.from("javascript:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallLinks.from("https://meet.example.org/?room=")).isInstanceOf(IllegalArgumentException.class);
        assertThat(CallLinks.from(" ").enabled()).isFalse();
        assertThat(CallLinks.from(null).enabled()).isFalse();
        String link = CallLinks.from("https://meet.example.org/team-", new Random(1)).next();
        assertThat(link).matches("https://meet\\.example\\.org/team-Kring-[A-Za-z0-9_-]{24}");
        assertThat(CallLinks.from(BASE).next()).matches(LINK);
    }

    private static MeetingView.Breakouts breakoutsOf(Notice notice, String viewer) {
        return (MeetingView.Breakouts) data(deliveryFor(notice, viewer).orElseThrow()).get("breakouts");
    }

    private static List<String> links(Notice notice, String viewer) {
        return breakoutsOf(notice, viewer).rooms().stream().map(MeetingView.RoomView::callUrl).toList();
    }
}
