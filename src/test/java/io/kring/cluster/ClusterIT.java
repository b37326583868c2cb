package io.kring.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.browser.ClusterBrowser;
import io.kring.database.EmbeddedDb;

/**
 * Two packaged Kring nodes on one PostgreSQL behind Debian's nginx (architecture section 10, issue 15, rules
 * N1..N4). One pair of nodes serves every test: the test that kills a node runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** Short, so the SIGSTOP test waits little; long enough that a node starved of CPU on a busy CI machine keeps it. */
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static EmbeddedDb.Server postgres;
    private static ClusterNode a;
    private static ClusterNode b;
    private static Nginx nginx;
    private static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(Nginx.isInstalled(), "nginx is not installed (.ci/run installs it)");
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-it-");
        postgres = EmbeddedDb.startServer(dir.resolve("postgres"), true,
                Path.of("target", "postgres-binaries").toAbsolutePath());
        int balancerPort = ClusterNode.freePort();
        String balancer = "http://127.0.0.1:" + balancerPort;
        a = new ClusterNode("a", ClusterNode.freePort(), balancer + "/node/a", dir, postgres.jdbcUrl(),
                postgres.password(), LEASE);
        b = new ClusterNode("b", ClusterNode.freePort(), balancer + "/node/b", dir, postgres.jdbcUrl(),
                postgres.password(), LEASE);
        a.start(); // side by side: Flyway serialises the two migrations with a PostgreSQL lock of its own
        b.start();
        a.awaitReady();
        b.awaitReady();
        nginx = Nginx.start(dir.resolve("nginx"), balancerPort, List.of(a, b));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { nginx, a, b, postgres }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(0)
    @DisplayName("[N1][N3] the node the balancer sends a meeting to owns it; the other node answers 307 and closes sockets with 4307 to the owner")
    void theOtherNodeSendsClientsToTheOwner() throws Exception {
        TestMeeting meeting = TestMeeting.create("Routering");
        String ann = meeting.join("Ann");
        ClusterNode owner = ownerOf(meeting.id);
        ClusterNode other = owner == a ? b : a;
        assertThat(owner).as("owner_node names a node").isNotNull();

        HttpResponse<String> redirected = NO_REDIRECTS.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + other.port + "/api/meetings/" + meeting.id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirected.statusCode()).isEqualTo(307);
        assertThat(redirected.headers().firstValue("Location")).contains(owner.url + "/api/meetings/" + meeting.id);

        FollowingClient.Attempt direct = FollowingClient.attempt("http://127.0.0.1:" + other.port, meeting.id, ann);
        assertThat(direct.closeCode()).as("the other node welcomes nobody to this meeting").isEqualTo(4307);
        assertThat(direct.closeReason()).as("the reason is the owner's address").isEqualTo(owner.url);

        FollowingClient followed = FollowingClient.connect("http://127.0.0.1:" + other.port, meeting.id, ann,
                Duration.ofSeconds(10));
        assertThat(followed.base).as("followed the 4307 to the owner's address").isEqualTo(owner.url);
        followed.command("chat.send", Map.of("text", "via de eigenaar"));
        assertThat(ownerOf(meeting.id)).as("nobody took it over").isSameAs(owner);
        followed.abort();
    }

    @Test
    @Order(1)
    @DisplayName("[N3] the web client in Chromium, sent by the balancer to the node that does not own the meeting, follows the 307 and the 4307 to the owner and connects")
    void theWebClientFollowsToTheOwner() throws Exception {
        assumeTrue(ClusterBrowser.available(), "no Chromium (.ci/run installs it)");
        TestMeeting meeting = null;
        for (int attempt = 0; attempt < 20 && meeting == null; attempt++) {
            TestMeeting candidate = TestMeeting.create("Doorverwijzing", "en");
            // node a takes it at its first use; keep it if the balancer sends its paths to node b
            assertThat(NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port
                    + "/api/meetings/" + candidate.id)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            int throughBalancer = NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(nginx.http("/api/meetings/"
                    + candidate.id))).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            if (throughBalancer == 307) {
                meeting = candidate;
            }
        }
        assertThat(meeting).as("a meeting whose id hashes to node b").isNotNull();
        try (ClusterBrowser ann = ClusterBrowser.join(nginx.http("/m/" + meeting.id), "Ann")) {
            ann.sees("Connected");
            assertThat(ownerOf(meeting.id)).as("followed, not taken over").isSameAs(a);
            assertThat(one("select count(*) from meeting_event where meeting_id = ? and type = 'ParticipantJoined'",
                    meeting.id)).as("joined through the 307").isEqualTo(1L);
        }
    }

    @Test
    @Order(2)
    @DisplayName("[N2][N4] a frozen owner (SIGSTOP) loses the meeting after the lease; woken up (SIGCONT) it stores nothing more and its clients end up on the new owner")
    void aFrozenOwnerCannotWriteWhenItWakesUp() throws Exception {
        TestMeeting meeting = TestMeeting.create("Bevroren eigenaar");
        String ann = meeting.join("Ann");
        String bo = meeting.join("Bo");
        ClusterNode owner = ownerOf(meeting.id);
        ClusterNode other = owner == a ? b : a;
        long epochBefore = epochOf(meeting.id);
        FollowingClient annClient = FollowingClient.connect(nginx.http(""), meeting.id, ann, Duration.ofSeconds(10));
        annClient.command("chat.send", Map.of("text", "voor de pauze"));

        owner.signal("STOP");
        try {
            // After the lease PostgreSQL ends the frozen node's session and frees its lock: the other node may take it.
            FollowingClient boClient = FollowingClient.connect("http://127.0.0.1:" + other.port, meeting.id, bo,
                    Duration.ofSeconds(30), false);
            boClient.command("chat.send", Map.of("text", "bij de nieuwe eigenaar"));
            assertThat(ownerOf(meeting.id)).isSameAs(other);
            assertThat(epochOf(meeting.id)).as("a new epoch").isGreaterThan(epochBefore);
            long seqBefore = lastSeq(meeting.id);

            CompletableFuture<JsonNode> frozenReply = CompletableFuture.supplyAsync(() -> {
                try {
                    return annClient.send("chat.send", Map.of("text", "tijdens de pauze"), Duration.ofSeconds(20));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300); // the frame waits in the frozen node's socket
            owner.signal("CONT");
            JsonNode reply = frozenReply.get(25, TimeUnit.SECONDS);
            assertThat(reply == null || "error".equals(reply.path("type").asText()))
                    .as("the woken node acknowledges nothing: " + reply).isTrue();
            if (reply != null) {
                assertThat(reply.path("code").asText()).isEqualTo("UNAVAILABLE");
            }

            FollowingClient annAgain = FollowingClient.connect(nginx.http(""), meeting.id, ann, Duration.ofSeconds(15));
            assertThat(ownerOf(meeting.id)).as("still the new owner").isSameAs(other);
            assertThat(annAgain.welcome.at("/state/chat").findValuesAsText("text"))
                    .containsExactly("voor de pauze", "bij de nieuwe eigenaar");
            annAgain.command("chat.send", Map.of("text", "weer samen"));
            Thread.sleep(500);
            assertThat(storedTexts(meeting.id)).as("stored events of the meeting")
                    .doesNotContain("tijdens de pauze").contains("voor de pauze", "bij de nieuwe eigenaar", "weer samen");
            assertThat(lastSeq(meeting.id)).isGreaterThan(seqBefore);
            assertThat(eventSeqsAreGapless(meeting.id)).isTrue();
            annAgain.abort();
            boClient.abort();
        } finally {
            owner.signal("CONT");
        }
    }

    @Test
    @Order(3)
    @DisplayName("[N4] kill -9 of the owner: every client is welcomed again by the other node within 10 s, with every acknowledged command")
    void killOfTheOwnerMovesTheMeeting() throws Exception {
        TestMeeting meeting = TestMeeting.create("Stroomuitval");
        String mia = meeting.moderator("Mia");
        String ann = meeting.join("Ann");
        String bo = meeting.join("Bo");
        ClusterNode owner = ownerOf(meeting.id);
        ClusterNode other = owner == a ? b : a;
        List<FollowingClient> clients = new ArrayList<>();
        for (String token : List.of(mia, ann, bo)) {
            clients.add(FollowingClient.connect(nginx.http(""), meeting.id, token, Duration.ofSeconds(10)));
        }
        clients.get(1).command("chat.send", Map.of("text", "een"));
        clients.get(2).command("hand.raise", Map.of("kind", "speak"));
        clients.get(1).command("chat.send", Map.of("text", "twee"));
        long lastAck = clients.get(0).command("meeting.announce", Map.of("text", "Pauze om 11u")).get("seq").asLong();

        long killed = System.nanoTime();
        owner.kill();
        List<CompletableFuture<FollowingClient>> again = new ArrayList<>();
        for (String token : List.of(mia, ann, bo)) {
            again.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return FollowingClient.connect(nginx.http(""), meeting.id, token, Duration.ofSeconds(10));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<FollowingClient> welcomed : again) {
            FollowingClient client = welcomed.get(15, TimeUnit.SECONDS);
            assertThat(client.welcome.get("seq").asLong()).as("seq only grows").isGreaterThanOrEqualTo(lastAck);
            JsonNode state = client.welcome.get("state");
            assertThat(state.at("/chat").findValuesAsText("text")).containsExactly("een", "twee");
            assertThat(state.at("/queue/hands").size()).isEqualTo(1);
            assertThat(state.at("/announcement/text").asText()).isEqualTo("Pauze om 11u");
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.printf("kill -9 of the owner: every client welcomed again by the other node after %d ms%n", tookMillis);
        assertThat(tookMillis).as("from kill -9 to the last welcome").isLessThan(10_000);
        assertThat(ownerOf(meeting.id)).isSameAs(other);
        for (CompletableFuture<FollowingClient> welcomed : again) {
            welcomed.join().command("chat.send", Map.of("text", "verder"));
        }
        assertThat(eventSeqsAreGapless(meeting.id)).isTrue();
    }

    @Test
    @Order(4)
    @DisplayName("[N1][N4][N5] many meetings opened and ended through the balancer while a node is killed and restarted: every ack is stored at its seq, seqs have no gap, ended meetings hold no lock")
    void manyMeetingsWhileANodeDiesAndComesBack() throws Exception {
        ClusterNode dead = a.isAlive() ? b : a;
        ClusterNode victim = dead == a ? b : a;
        dead.start().awaitReady(); // the node killed by the previous test comes back
        int workers = 6;
        int meetingsEach = 5;
        List<Map<String, Long>> acked = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> meetingIds = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            running.add(pool.submit(() -> {
                for (int m = 0; m < meetingsEach; m++) {
                    Map<String, Long> texts = new java.util.LinkedHashMap<>();
                    TestMeeting meeting = retrying(() -> TestMeeting.create("Stress " + worker + "-"));
                    meetingIds.add(meeting.id);
                    String mia = retrying(() -> meeting.moderator("Mia"));
                    String ann = retrying(() -> meeting.join("Ann"));
                    FollowingClient[] clients = { null, null };
                    String[] tokens = { mia, ann };
                    for (int i = 0; i < 6; i++) {
                        int who = i % 2;
                        String text = meeting.id + "/" + i;
                        JsonNode reply = null;
                        for (int attempt = 0; attempt < 50 && (reply == null || !"ack".equals(reply.path("type").asText())); attempt++) {
                            if (clients[who] == null || clients[who].closed.isDone()) {
                                clients[who] = FollowingClient.connect(nginx.http(""), meeting.id, tokens[who],
                                        Duration.ofSeconds(20));
                            }
                            reply = clients[who].send("chat.send", Map.of("text", text + "#" + attempt), Duration.ofSeconds(10));
                            if (reply != null && "ack".equals(reply.path("type").asText())) {
                                texts.put(text + "#" + attempt, reply.get("seq").asLong());
                            } else {
                                Thread.sleep(100);
                            }
                        }
                        assertThat(reply).as("chat %s acknowledged in the end", text).isNotNull();
                    }
                    JsonNode end = null;
                    for (int attempt = 0; attempt < 50 && (end == null || !"ack".equals(end.path("type").asText())); attempt++) {
                        if ("ended".equals(one("select status from meeting where meeting_id = ?", meeting.id))) {
                            break; // ended, but the ack was lost with its node
                        }
                        if (clients[0] == null || clients[0].closed.isDone()) {
                            clients[0] = FollowingClient.connect(nginx.http(""), meeting.id, mia, Duration.ofSeconds(20));
                        }
                        end = clients[0].send("meeting.end", Map.of(), Duration.ofSeconds(10));
                    }
                    for (FollowingClient client : clients) {
                        if (client != null) {
                            client.abort();
                        }
                    }
                    acked.add(texts);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        while (done.get() < workers * meetingsEach / 3) {
            Thread.sleep(50);
        }
        victim.kill();
        long killedAt = System.nanoTime();
        victim.start();
        for (java.util.concurrent.Future<?> worker : running) {
            worker.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();
        victim.awaitReady();
        System.out.printf("stress: %d meetings through the balancer, %s killed after a third, restarted; %d s%n",
                meetingIds.size(), victim.name, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt));

        int acks = 0;
        for (Map<String, Long> texts : acked) {
            for (Map.Entry<String, Long> ack : texts.entrySet()) {
                String meetingId = ack.getKey().substring(0, ack.getKey().indexOf('/'));
                assertThat(storedTextAt(meetingId, ack.getValue())).as("the event at the acknowledged seq")
                        .isEqualTo(ack.getKey());
                acks++;
            }
        }
        assertThat(acks).isEqualTo(workers * meetingsEach * 6);
        for (String meetingId : meetingIds) {
            assertThat(eventSeqsAreGapless(meetingId)).as("seqs of " + meetingId).isTrue();
            assertThat(one("select status from meeting where meeting_id = ?", meetingId)).isEqualTo("ended");
            assertThat(epochOf(meetingId)).as("taken at least once").isGreaterThanOrEqualTo(1L);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long held;
        do {
            held = (Long) one("select count(*) from pg_locks l join meeting m on ((l.classid::bigint << 32) | l.objid::bigint)"
                    + " = hashtextextended(m.meeting_id, 0) where l.locktype = 'advisory' and m.status = 'ended'"
                    + " and m.title like ?", "Stress%");
        } while (held > 0 && System.nanoTime() < deadline && sleep(100));
        assertThat(held).as("locks still held on ended meetings (they left memory)").isZero();
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    /** Through the balancer, a request may meet a node that just died: once more, a moment later. */
    private static <T> T retrying(java.util.concurrent.Callable<T> work) throws Exception {
        for (int attempt = 0;; attempt++) {
            try {
                return work.call();
            } catch (Exception | AssertionError e) {
                if (attempt >= 30) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    static String storedTextAt(String meetingId, long seq) throws Exception {
        try (Connection c = sql(); PreparedStatement query = c.prepareStatement(
                "select payload::jsonb ->> 'text' from meeting_event where meeting_id = ? and seq = ?")) {
            query.setString(1, meetingId);
            query.setLong(2, seq);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** A meeting created through the balancer. */
    record TestMeeting(String id, String moderatorKey) {
        static TestMeeting create(String title) throws Exception {
            return create(title, "nl");
        }

        static TestMeeting create(String title, String language) throws Exception {
            JsonNode created = post(nginx.http("/api/meetings"),
                    "{\"title\":\"" + title + "\",\"language\":\"" + language + "\"}");
            return new TestMeeting(created.get("meetingId").asText(), created.get("moderatorKey").asText());
        }

        String join(String name) throws Exception {
            return post(nginx.http("/api/meetings/" + id + "/participants"),
                    "{\"name\":\"" + name + "\",\"organisation\":\"Bib\"}").get("token").asText();
        }

        String moderator(String name) throws Exception {
            return post(nginx.http("/api/meetings/" + id + "/participants"),
                    "{\"name\":\"" + name + "\",\"moderatorKey\":\"" + moderatorKey + "\"}").get("token").asText();
        }
    }

    static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST " + url + ": " + response.body()).isBetween(200, 299);
        return FollowingClient.JSON.readTree(response.body());
    }

    static Connection sql() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", postgres.password());
        return DriverManager.getConnection(postgres.jdbcUrl(), properties);
    }

    static ClusterNode ownerOf(String meetingId) throws Exception {
        String node = (String) one("select owner_node from meeting where meeting_id = ?", meetingId);
        return a.url.equals(node) ? a : b.url.equals(node) ? b : null;
    }

    static long epochOf(String meetingId) throws Exception {
        return (Long) one("select owner_epoch from meeting where meeting_id = ?", meetingId);
    }

    static long lastSeq(String meetingId) throws Exception {
        return (Long) one("select last_seq from meeting where meeting_id = ?", meetingId);
    }

    /** The events' seqs are 1..last_seq without a gap or a double. */
    static boolean eventSeqsAreGapless(String meetingId) throws Exception {
        Object gapless = one("select count(*) = max(e.seq) and min(e.seq) = 1 and max(e.seq) = (select last_seq from meeting m"
                + " where m.meeting_id = e.meeting_id) from meeting_event e where e.meeting_id = ? group by e.meeting_id",
                meetingId);
        return Boolean.TRUE.equals(gapless);
    }

    static List<String> storedTexts(String meetingId) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection c = sql(); PreparedStatement query = c.prepareStatement(
                "select payload::jsonb ->> 'text' from meeting_event where meeting_id = ? and type = 'ChatMessageSent' order by seq")) {
            query.setString(1, meetingId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    texts.add(rows.getString(1));
                }
            }
        }
        return texts;
    }

    private static Object one(String sql, String parameter) throws Exception {
        try (Connection c = sql(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getObject(1) : null;
            }
        }
    }
}
