package io.kring.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Big chat messages (about 8 KB each) from several moderators, each as fast as R2 and R3 allow. Events carry
 * the change, so this is the traffic that fills a client who stops reading: no event grows with the meeting.
 */
final class ChatFlood {

    /** Each moderator sends at most one message per this many ms: under the 5 chat messages a second (R3). */
    private static final long MIN_GAP_MS = 220;

    private final List<WsClient> moderators;
    private final long[] lastSent;
    private int sent;

    ChatFlood(List<WsClient> moderators) {
        this.moderators = moderators;
        this.lastSent = new long[moderators.size()];
    }

    /** Sends the next message from the next moderator; its ack, or null when it was rate limited. */
    JsonNode sendNext() throws InterruptedException {
        int c = sent % moderators.size();
        long wait = lastSent[c] + MIN_GAP_MS - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        lastSent[c] = System.currentTimeMillis();
        JsonNode reply = moderators.get(c).command("chat.send", Map.of("text", text(sent)));
        if ("error".equals(reply.path("type").asText()) && "RATE_LIMITED".equals(reply.path("code").asText())) {
            Thread.sleep(250);
            return null;
        }
        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("ack");
        sent++;
        return reply;
    }

    int sent() {
        return sent;
    }

    /** A 2,000-character message of four-byte characters (about 8 KB on the wire), unique per message. */
    static String text(int n) {
        String prefix = "Message " + n + " ";
        return prefix + "\uD83D\uDE00".repeat(2000 - prefix.length());
    }
}
