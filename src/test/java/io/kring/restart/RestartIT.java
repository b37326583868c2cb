package io.kring.restart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * P1, P2, P3 through the packaged server: what was acknowledged survives {@code kill -9}, and a
 * reconnecting client is the same participant with the same hand, role and room.
 */
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("[P1][P2][P3] after kill -9 and a restart on the same data folder, every acknowledged change is there")
    void acknowledgedStateSurvivesKill9() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-it-");
        int port = KringProcess.freePort();
        String meetingId;
        Map<String, String> tokens;
        Map<String, JsonNode> before;
        long seqBefore;
        try (KringProcess first = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            JsonNode created = post(first, "/api/meetings",
                    "{\"title\":\"Lerend netwerk\",\"agenda\":[{\"title\":\"Welkom\",\"durationSeconds\":600},"
                            + "{\"title\":\"Groepswerk\",\"durationSeconds\":1200,\"kind\":\"breakout\"}]}");
            meetingId = created.get("meetingId").asText();
            String moderator = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Mia\",\"moderatorKey\":\"" + created.get("moderatorKey").asText() + "\"}").get("token").asText();
            String ann = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Ann\",\"organisation\":\"Bib Gent\"}").get("token").asText();
            String bo = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Bo\",\"organisation\":\"OCMW Aalst\"}").get("token").asText();
            tokens = Map.of("moderator", moderator, "ann", ann, "bo", bo);

            Client mia = Client.connect(first, meetingId, moderator);
            Client annClient = Client.connect(first, meetingId, ann);
            Client boClient = Client.connect(first, meetingId, bo);
            String itemId = mia.welcome.at("/state/agenda/items/0/itemId").asText();
            mia.command("agenda.start", Map.of("itemId", itemId));
            annClient.command("hand.raise", Map.of("kind", "reply"));
            boClient.command("hand.raise", Map.of("kind", "pointOfOrder"));
            annClient.command("chat.send", Map.of("text", "Goeiemorgen allemaal"));
            mia.command("meeting.announce", Map.of("text", "Pauze om 11u"));
            mia.command("breakout.open", Map.of("roomCount", 2, "strategy", "mixOrganisations",
                    "durationSeconds", 3600, "topics", java.util.List.of("Leesbevordering", "Vrijwilligers")));
            JsonNode lastAck = annClient.command("insight.add", Map.of("text", "Samenwerken met scholen werkt"));
            seqBefore = lastAck.get("seq").asLong();

            before = Map.of("moderator", state(first, meetingId, moderator), "ann", state(first, meetingId, ann),
                    "bo", state(first, meetingId, bo));
            first.kill();
        }

        try (KringProcess second = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            for (String who : before.keySet()) {
                JsonNode after = state(second, meetingId, tokens.get(who));
                assertThat(comparable(after)).as(who + "'s snapshot after the restart")
                        .isEqualTo(comparable(before.get(who)));
                assertThat(after.at("/participants").findValuesAsText("online")).as("nobody is connected after a restart")
                        .containsOnly("false");
            }
            Client ann = Client.connect(second, meetingId, tokens.get("ann"));
            assertThat(ann.welcome.get("seq").asLong()).as("seq only grows").isGreaterThanOrEqualTo(seqBefore);
            JsonNode state = ann.welcome.get("state");
            assertThat(state.at("/you/participantId").asText()).isEqualTo(before.get("ann").at("/you/participantId").asText());
            assertThat(state.at("/you/roomId").asText()).isEqualTo(before.get("ann").at("/you/roomId").asText()).isNotEmpty();
            assertThat(state.at("/queue/hands").findValuesAsText("kind")).containsExactly("pointOfOrder", "reply");
            assertThat(state.at("/breakouts/status").asText()).isEqualTo("open");
            JsonNode ack = ann.command("chat.send", Map.of("text", "Weer verbonden"));
            assertThat(ack.get("seq").asLong()).isGreaterThan(ann.welcome.get("seq").asLong());
        }
    }

    @Test
    @DisplayName("[P1][P9] kill -9 of PostgreSQL itself (postmaster and children) and of Kring right after the acks: every acknowledged command is there")
    void acknowledgedStateSurvivesKill9OfPostgres() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-pg-kill-it-").toAbsolutePath();
        int port = KringProcess.freePort();
        String meetingId;
        String annToken;
        java.util.List<String> sent = new java.util.ArrayList<>();
        long lastAck;
        try (KringProcess first = KringProcess.start(dataDir, port)) {
            JsonNode created = post(first, "/api/meetings", "{\"title\":\"Stroomonderbreking\",\"language\":\"nl\"}");
            meetingId = created.get("meetingId").asText();
            annToken = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Ann\",\"organisation\":\"Bib Gent\"}").get("token").asText();
            String boToken = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Bo\",\"organisation\":\"OCMW Aalst\"}").get("token").asText();
            Client ann = Client.connect(first, meetingId, annToken);
            Client bo = Client.connect(first, meetingId, boToken);
            for (int i = 1; i <= 5; i++) { // the chat limit is 5 a second (C6)
                String text = "bericht " + i;
                ann.command("chat.send", Map.of("text", text));
                sent.add(text);
            }
            for (int i = 0; i < 8; i++) {
                bo.command("hand.raise", Map.of("kind", "speak"));
                bo.command("hand.lower", Map.of());
            }
            lastAck = ann.command("hand.raise", Map.of("kind", "reply")).get("seq").asLong();
            first.killWithPostgres(dataDir); // right after the last ack: nothing may be waiting to be written
        }

        try (KringProcess second = KringProcess.start(dataDir, port)) {
            JsonNode after = state(second, meetingId, annToken);
            assertThat(after.at("/chat").findValuesAsText("text")).as("every acknowledged chat message")
                    .containsExactlyElementsOf(sent);
            assertThat(after.at("/queue/hands").findValuesAsText("kind")).as("the last acknowledged command").containsExactly("reply");
            Client ann = Client.connect(second, meetingId, annToken);
            assertThat(ann.welcome.get("seq").asLong()).as("seq only grows").isGreaterThanOrEqualTo(lastAck);
            ann.command("chat.send", Map.of("text", "weer daar"));
        }
    }

    @Test
    @DisplayName("[ops] SIGTERM: sockets are closed with 1001, the process exits by itself, and what was acknowledged is there after a restart")
    void sigtermClosesSocketsWith1001AndKeepsWhatWasAcknowledged() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "sigterm-it-");
        int port = KringProcess.freePort();
        String meetingId;
        String moderator;
        String ann;
        Map<String, JsonNode> before;
        long lastAckSeq;
        try (KringProcess first = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            JsonNode created = post(first, "/api/meetings", "{\"title\":\"Stuurgroep\",\"language\":\"nl\"}");
            meetingId = created.get("meetingId").asText();
            moderator = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Mia\",\"moderatorKey\":\"" + created.get("moderatorKey").asText() + "\"}").get("token").asText();
            ann = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Ann\",\"organisation\":\"Bib Gent\"}").get("token").asText();

            Client mia = Client.connect(first, meetingId, moderator);
            Client annClient = Client.connect(first, meetingId, ann);
            mia.command("agenda.add", Map.of("title", "Welkom", "durationSeconds", 300));
            mia.command("agenda.add", Map.of("title", "Begroting", "durationSeconds", 900));
            mia.command("agenda.next", Map.of());
            annClient.command("hand.raise", Map.of("kind", "reply"));
            annClient.command("chat.send", Map.of("text", "Ik moet om 11u weg"));
            lastAckSeq = mia.command("meeting.announce", Map.of("text", "Koffie staat klaar")).get("seq").asLong();
            before = Map.of("moderator", state(first, meetingId, moderator), "ann", state(first, meetingId, ann));

            long sigterm = System.nanoTime();
            int exitCode = first.terminate(Duration.ofSeconds(30));
            long exitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            for (Client client : java.util.List.of(mia, annClient)) {
                int code = client.closeCode.get(1, TimeUnit.SECONDS);
                assertThat(code).as("close code at SIGTERM (reason '%s', %d ms after SIGTERM), see %s", client.closeReason,
                        TimeUnit.NANOSECONDS.toMillis(client.closedAt - sigterm), first.log).isEqualTo(1001);
                assertThat(TimeUnit.NANOSECONDS.toMillis(client.closedAt - sigterm)).as("ms from SIGTERM to the close frame")
                        .isLessThan(5_000);
            }
            assertThat(exitCode).as("exit code after SIGTERM, see " + first.log).isIn(0, 143);
            System.out.printf("SIGTERM: sockets closed with %d after %d ms, process exited with %d after %d ms%n",
                    mia.closeCode.join(), TimeUnit.NANOSECONDS.toMillis(mia.closedAt - sigterm), exitCode, exitedMillis);
        }

        try (KringProcess second = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            assertThat(Files.readString(second.log)).as("the embedded PostgreSQL was stopped with Kring: no orphan to clear")
                    .doesNotContain("orphaned PostgreSQL").doesNotContain("Removing stale");
            for (Map.Entry<String, String> who : Map.of("moderator", moderator, "ann", ann).entrySet()) {
                JsonNode after = state(second, meetingId, who.getValue());
                assertThat(comparable(after)).as(who.getKey() + "'s snapshot after SIGTERM and a restart")
                        .isEqualTo(comparable(before.get(who.getKey())));
            }
            JsonNode state = state(second, meetingId, ann);
            assertThat(state.at("/agenda/items").findValuesAsText("title")).containsExactly("Welkom", "Begroting");
            assertThat(state.at("/agenda/items/0/status").asText()).isEqualTo("running");
            assertThat(state.at("/queue/hands").findValuesAsText("kind")).containsExactly("reply");
            assertThat(state.at("/chat").findValuesAsText("text")).containsExactly("Ik moet om 11u weg");
            assertThat(state.at("/announcement/text").asText()).isEqualTo("Koffie staat klaar");

            Client annAgain = Client.connect(second, meetingId, ann);
            assertThat(annAgain.welcome.get("seq").asLong()).as("seq only grows").isGreaterThanOrEqualTo(lastAckSeq);
            assertThat(annAgain.welcome.at("/state/you/participantId").asText())
                    .isEqualTo(before.get("ann").at("/you/participantId").asText());
        }
    }

    @Test
    @DisplayName("[BR12][P3] a breakout deadline that passed while the server was down is handled at start-up")
    void missedDeadlineIsHandledAtStartUp() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-deadline-it-");
        int port = KringProcess.freePort();
        String meetingId;
        String annToken;
        String moderatorToken;
        long endsAt;
        try (KringProcess first = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            JsonNode created = post(first, "/api/meetings", "{\"title\":\"Deadline\",\"language\":\"en\"}");
            meetingId = created.get("meetingId").asText();
            moderatorToken = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Mia\",\"moderatorKey\":\"" + created.get("moderatorKey").asText() + "\"}")
                    .get("token").asText();
            annToken = post(first, "/api/meetings/" + meetingId + "/participants", "{\"name\":\"Ann\"}")
                    .get("token").asText();
            Client mia = Client.connect(first, meetingId, moderatorToken);
            Client.connect(first, meetingId, annToken);
            mia.command("breakout.open", Map.of("roomCount", 1, "strategy", "random", "durationSeconds", 3,
                    "graceSeconds", 0));
            JsonNode open = state(first, meetingId, annToken);
            assertThat(open.at("/breakouts/status").asText()).isEqualTo("open");
            assertThat(open.at("/you/roomId").isNull()).isFalse();
            endsAt = open.at("/breakouts/endsAt").asLong();
            first.kill();
        }
        while (System.currentTimeMillis() < endsAt + 500) {
            Thread.sleep(100);
        }

        try (KringProcess second = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            // Before anyone connects or asks, the start-up loaded the meeting because its deadline was pending.
            String loaded = "[" + meetingId + "] meeting loaded";
            long loadDeadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < loadDeadline && !Files.readString(second.log).contains(loaded)) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(second.log)).as("loaded at start-up, before any request").contains(loaded);
            long deadline = System.currentTimeMillis() + 10_000;
            String status = "";
            while (System.currentTimeMillis() < deadline && !status.equals("closed")) {
                Thread.sleep(200);
                status = meetingStatus(second, meetingId, moderatorToken);
            }
            assertThat(status).as("the round closed at start-up").isEqualTo("closed");
            JsonNode after = state(second, meetingId, annToken);
            assertThat(after.at("/you/roomId").isNull()).as("Ann is back in the plenary").isTrue();
        }
    }

    @Test
    @DisplayName("[AP5][GM4][P1] a prepared 1-2-4-All killed in the middle: the open round is there after the restart, and next opens the next prepared round")
    void preparedSequenceContinuesAfterKill9() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-prepared-it-");
        int port = KringProcess.freePort();
        String meetingId;
        String moderatorToken;
        Map<String, String> participantTokens = new java.util.LinkedHashMap<>();
        JsonNode before;
        try (KringProcess first = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            JsonNode created = post(first, "/api/meetings", "{\"title\":\"1-2-4-All\",\"language\":\"en\",\"agenda\":["
                    + "{\"title\":\"Check-in\",\"durationSeconds\":300,\"description\":\"Your name and one word\"},"
                    + "{\"title\":\"Pairs\",\"durationSeconds\":600,\"kind\":\"breakout\","
                    + "\"breakout\":{\"groupSize\":2,\"strategy\":\"random\",\"graceSeconds\":0}},"
                    + "{\"title\":\"Fours\",\"durationSeconds\":900,\"kind\":\"breakout\","
                    + "\"breakout\":{\"groupSize\":4,\"strategy\":\"merge\",\"graceSeconds\":0}}]}");
            meetingId = created.get("meetingId").asText();
            moderatorToken = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Mia\",\"moderatorKey\":\"" + created.get("moderatorKey").asText() + "\"}")
                    .get("token").asText();
            for (String name : java.util.List.of("An", "Bo", "Cy", "Di")) {
                String token = post(first, "/api/meetings/" + meetingId + "/participants", "{\"name\":\"" + name + "\"}")
                        .get("token").asText();
                participantTokens.put(name, token);
                Client.connect(first, meetingId, token);
            }
            Client mia = Client.connect(first, meetingId, moderatorToken);
            mia.command("agenda.next", Map.of());
            mia.command("agenda.next", Map.of());
            before = state(first, meetingId, moderatorToken);
            assertThat(before.at("/agenda/items/1/status").asText()).isEqualTo("running");
            assertThat(before.at("/breakouts/rooms")).as("pairs").hasSize(2);
            first.kill();
        }

        try (KringProcess second = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            assertThat(comparable(state(second, meetingId, moderatorToken))).as("the snapshot after the restart")
                    .isEqualTo(comparable(before));
            for (String token : participantTokens.values()) {
                Client.connect(second, meetingId, token);
            }
            Client mia = Client.connect(second, meetingId, moderatorToken);
            mia.command("breakout.close", Map.of("graceSeconds", 0));
            mia.command("agenda.next", Map.of());
            JsonNode after = state(second, meetingId, moderatorToken);
            assertThat(after.at("/agenda/items/2/status").asText()).isEqualTo("running");
            assertThat(after.at("/breakouts/strategy").asText()).isEqualTo("merge");
            assertThat(after.at("/breakouts/roundIndex").asInt()).isEqualTo(1);
            assertThat(after.at("/breakouts/rooms")).as("the two pairs merged into one four").hasSize(1);
            assertThat(after.at("/breakouts/rooms/0/participantIds")).hasSize(4);
        }
    }

    @Test
    @DisplayName("[RB8][POLL3][P1] an open poll and a report-back in progress, killed: both are there after the restart, voting and next still work")
    void openPollAndReportBackSurviveKill9() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-reportback-it-");
        int port = KringProcess.freePort();
        String meetingId;
        String moderatorToken;
        String boToken;
        JsonNode before;
        try (KringProcess first = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            JsonNode created = post(first, "/api/meetings", "{\"title\":\"Oogst\",\"language\":\"en\"}");
            meetingId = created.get("meetingId").asText();
            moderatorToken = post(first, "/api/meetings/" + meetingId + "/participants",
                    "{\"name\":\"Mia\",\"moderatorKey\":\"" + created.get("moderatorKey").asText() + "\"}")
                    .get("token").asText();
            String anToken = post(first, "/api/meetings/" + meetingId + "/participants", "{\"name\":\"An\"}")
                    .get("token").asText();
            boToken = post(first, "/api/meetings/" + meetingId + "/participants", "{\"name\":\"Bo\"}")
                    .get("token").asText();
            Client an = Client.connect(first, meetingId, anToken);
            Client.connect(first, meetingId, boToken);
            Client mia = Client.connect(first, meetingId, moderatorToken);
            mia.command("breakout.open", Map.of("roomCount", 2, "strategy", "random", "durationSeconds", 600));
            an.command("insight.add", Map.of("text", "Samen oogsten"));
            mia.command("breakout.close", Map.of("graceSeconds", 0));
            mia.command("poll.open", Map.of("question", "Verder?", "options", java.util.List.of("ja", "nee"),
                    "showResults", "live"));
            String pollId = state(first, meetingId, moderatorToken).at("/polls/0/pollId").asText();
            an.command("poll.vote", Map.of("pollId", pollId, "choices", java.util.List.of(0)));
            mia.command("reportback.start", Map.of("secondsPerRoom", 120));
            before = state(first, meetingId, moderatorToken);
            assertThat(before.at("/reportback/roomId").asText()).isEqualTo(before.at("/breakouts/rooms/0/roomId").asText());
            assertThat(before.at("/polls/0/status").asText()).isEqualTo("open");
            first.kill();
        }

        try (KringProcess second = KringProcess.start(dataDir.toAbsolutePath(), port)) {
            assertThat(comparable(state(second, meetingId, moderatorToken))).as("the snapshot after the restart")
                    .isEqualTo(comparable(before));
            Client bo = Client.connect(second, meetingId, boToken);
            Client mia = Client.connect(second, meetingId, moderatorToken);
            String pollId = before.at("/polls/0/pollId").asText();
            bo.command("poll.vote", Map.of("pollId", pollId, "choices", java.util.List.of(1)));
            mia.command("reportback.next", Map.of());
            mia.command("poll.close", Map.of("pollId", pollId));
            JsonNode after = state(second, meetingId, moderatorToken);
            assertThat(after.at("/polls/0/results/counts").toString()).isEqualTo("[1,1]");
            assertThat(after.at("/reportback/roomId").asText()).isEqualTo(before.at("/breakouts/rooms/1/roomId").asText());
            assertThat(after.at("/reportback/endsAt").asLong()).isGreaterThan(before.at("/reportback/endsAt").asLong());
            mia.command("reportback.next", Map.of());
            assertThat(state(second, meetingId, moderatorToken).get("reportback").isNull()).isTrue();
        }
    }

    private String meetingStatus(KringProcess kring, String meetingId, String token) throws Exception {
        return state(kring, meetingId, token).at("/breakouts/status").asText();
    }

    /** A snapshot without what legitimately differs after a restart: the clock and who is online. */
    private static JsonNode comparable(JsonNode snapshot) {
        ObjectNode copy = snapshot.deepCopy();
        copy.remove("serverTime");
        copy.withArray("participants").forEach(p -> ((ObjectNode) p).remove("online"));
        return copy;
    }

    private JsonNode post(KringProcess kring, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(kring.uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private JsonNode state(KringProcess kring, String meetingId, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(kring.uri("/api/meetings/" + meetingId + "/state"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A minimal WebSocket client: hello, then commands answered by ack or error. */
    private static final class Client implements WebSocket.Listener {
        private final LinkedBlockingDeque<JsonNode> frames = new LinkedBlockingDeque<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private volatile long closedAt;
        private volatile String closeReason;
        private WebSocket socket;
        private JsonNode welcome;
        private int nextId;

        static Client connect(KringProcess kring, String meetingId, String token) throws Exception {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + kring.port + "/ws/meetings/" + meetingId), client)
                    .get(10, TimeUnit.SECONDS);
            client.socket.sendText("{\"type\":\"hello\",\"token\":\"" + token + "\"}", true).get(5, TimeUnit.SECONDS);
            client.welcome = client.await("welcome", null);
            return client;
        }

        JsonNode command(String type, Map<String, Object> fields) throws Exception {
            String id = "c" + (++nextId);
            ObjectNode frame = JSON.valueToTree(fields);
            frame.put("type", type);
            frame.put("id", id);
            socket.sendText(JSON.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
            JsonNode reply = await(null, id);
            assertThat(reply.get("type").asText()).as(type + " " + reply).isEqualTo("ack");
            return reply;
        }

        private JsonNode await(String type, String id) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    continue;
                }
                boolean typeMatches = type != null && type.equals(frame.path("type").asText());
                boolean idMatches = id != null && id.equals(frame.path("id").asText())
                        && !"event".equals(frame.path("type").asText());
                if (typeMatches || idMatches) {
                    return frame;
                }
            }
            throw new AssertionError("no " + (type != null ? type : "reply to " + id) + " within 10 s");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedAt = System.nanoTime();
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
