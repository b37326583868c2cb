package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R10 without a server: the bounds of sockets waiting for their hello, and the peer address of a handshake. */
class PendingHellosTest {

    @Test
    @DisplayName("[R10] at most perAddress sockets per address and total in all; a release counts once")
    void bounds() {
        PendingHellos pending = new PendingHellos(2, 3);
        PendingHellos.Wait a1 = pending.admit("a");
        PendingHellos.Wait a2 = pending.admit("a");
        assertThat(a1).isNotNull();
        assertThat(a2).isNotNull();
        assertThat(pending.admit("a")).as("a third from one address").isNull();
        assertThat(pending.admit("b")).isNotNull();
        assertThat(pending.admit("c")).as("a fourth in all").isNull();
        assertThat(pending.waiting()).isEqualTo(3);

        a1.release();
        a1.release();
        assertThat(pending.waitingFrom("a")).as("released once").isEqualTo(1);
        assertThat(pending.waiting()).isEqualTo(2);
        assertThat(pending.admit("c")).isNotNull();
        assertThat(pending.admit("a")).as("in all full again").isNull();
        a2.release();
        assertThat(pending.waitingFrom("a")).isZero();
        assertThat(pending.admit("a")).isNotNull();
    }

    @Test
    @DisplayName("[R10] many sockets opened and released leave nothing behind")
    void nothingLeftBehind() {
        PendingHellos pending = new PendingHellos(50, 2_000);
        for (int i = 0; i < 10_000; i++) {
            PendingHellos.Wait wait = pending.admit("10.0." + (i % 250) + ".1");
            assertThat(wait).isNotNull();
            wait.release();
        }
        assertThat(pending.waiting()).isZero();
        assertThat(pending.waitingFrom("10.0.0.1")).isZero();
    }

    @Test
    @DisplayName("[R10] the handshake's peer is host:port, an IPv6 host without brackets: the port is cut at the last colon")
    void peerHost() {
        assertThat(MeetingSocket.peerHost("127.0.0.1:54321")).isEqualTo("127.0.0.1");
        assertThat(MeetingSocket.peerHost("0:0:0:0:0:0:0:1:5678")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(MeetingSocket.peerHost("2001:db8:0:0:0:0:0:7:443")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(MeetingSocket.peerHost(null)).isNull();
    }
}
