package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * R10 on the real socket: the sockets that have not said hello yet are bounded per client address and in all
 * (here 3 and 6); one more is closed at once with 1013. Loopback is a trusted proxy here, so each socket says
 * which address it comes from in {@code X-Forwarded-For}, as behind a reverse proxy. Every step runs well within
 * the 10 s a socket may wait for its hello.
 */
@QuarkusTest
@TestProfile(PendingHelloLimitTest.FewPending.class)
class PendingHelloLimitTest {

    public static class FewPending implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kring.websocket.max-hello-pending-per-address", "3",
                    "kring.websocket.max-hello-pending", "6",
                    "kring.trusted-proxies", "127.0.0.0/8,::1");
        }
    }

    private static final Duration SOON = Duration.ofSeconds(5);

    @Inject
    PendingHellos pending;

    private final List<TestParticipant> sockets = new ArrayList<>();

    @BeforeEach
    void nothingWaits() {
        await().atMost(SOON).until(() -> pending.waiting() == 0);
    }

    private TestParticipant openFrom(String meetingId, String address) {
        TestParticipant socket = TestParticipant.openFrom(meetingId, address);
        sockets.add(socket);
        return socket;
    }

    private void awaitWaiting(String address, int count) {
        await().atMost(SOON).until(() -> pending.waitingFrom(address) == count);
    }

    private static void assertRefused(TestParticipant socket) {
        assertThat(socket.awaitClose()).isEqualTo(1013);
        assertThat(socket.closeReason()).isEqualTo(MeetingSocket.TOO_MANY_WAITING_REASON);
    }

    private void closeAll() {
        sockets.forEach(TestParticipant::close);
        sockets.clear();
    }

    @Test
    @DisplayName("[R10] a fourth socket from one address without a hello is closed with 1013; other addresses are not"
            + " touched; a socket stops counting once its hello is accepted, or when it closes")
    void perAddress() {
        String address = "198.51.100.20";
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined an = m.join("An");
            for (int i = 0; i < 3; i++) {
                openFrom(m.id(), address);
            }
            awaitWaiting(address, 3);
            assertRefused(openFrom(m.id(), address));
            assertThat(sockets.subList(0, 3)).noneMatch(TestParticipant::isClosed);

            openFrom(m.id(), "198.51.100.21");
            awaitWaiting("198.51.100.21", 1);

            TestParticipant first = sockets.get(0);
            first.sendJson(Map.of("type", "hello", "token", an.token()));
            first.welcome();
            awaitWaiting(address, 2);
            TestParticipant tab = TestParticipant.connectFrom(an, address);
            sockets.add(tab);
            awaitWaiting(address, 2);
            openFrom(m.id(), address);
            awaitWaiting(address, 3);
            assertRefused(openFrom(m.id(), address));

            sockets.get(1).close();
            awaitWaiting(address, 2);
            TestParticipant again = openFrom(m.id(), address);
            awaitWaiting(address, 3);
            assertThat(again.isClosed()).isFalse();
            assertThat(first.isClosed() || tab.isClosed()).as("the sockets that said hello stay").isFalse();
        } finally {
            closeAll();
        }
    }

    @Test
    @DisplayName("[R10] past the bound of waiting sockets in all, any address is closed with 1013; a close makes room")
    void inAll() {
        try (TestMeeting m = TestMeeting.create()) {
            for (int i = 0; i < 3; i++) {
                openFrom(m.id(), "198.51.100.30");
                openFrom(m.id(), "198.51.100.31");
            }
            await().atMost(SOON).until(() -> pending.waiting() == 6);
            assertRefused(openFrom(m.id(), "198.51.100.32"));
            assertRefused(openFrom(m.id(), "2001:db8::32"));

            sockets.get(0).close();
            await().atMost(SOON).until(() -> pending.waiting() == 5);
            openFrom(m.id(), "198.51.100.32");
            awaitWaiting("198.51.100.32", 1);
            assertThat(sockets.get(sockets.size() - 1).isClosed()).isFalse();
        } finally {
            closeAll();
        }
    }

    @Test
    @DisplayName("[R10] addresses of one IPv6 /64 count together, as for the HTTP limits")
    void ipv6Network() {
        try (TestMeeting m = TestMeeting.create()) {
            openFrom(m.id(), "2001:db8:1:2::a");
            openFrom(m.id(), "2001:db8:1:2::b");
            openFrom(m.id(), "2001:db8:1:2:ffff::c");
            await().atMost(SOON).until(() -> pending.waiting() == 3);
            assertRefused(openFrom(m.id(), "2001:db8:1:2::d"));
            openFrom(m.id(), "2001:db8:1:3::a");
            await().atMost(SOON).until(() -> pending.waiting() == 4);
        } finally {
            closeAll();
        }
    }
}
