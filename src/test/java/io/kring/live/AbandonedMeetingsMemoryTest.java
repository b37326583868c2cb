package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.config.KringConfig;
import io.kring.testing.Api;
import io.kring.testing.TestParticipant;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** E1 (issue 10 finding 4): created-and-abandoned meetings do not stay in the heap. */
@QuarkusTest
class AbandonedMeetingsMemoryTest {

    private static final int MEETINGS = 10_000;
    private static final int AGENDA_ITEMS = 5;

    @Inject
    LiveMeetings meetings;
    @Inject
    MeetingMemory memory;
    @Inject
    Clock clock;
    @Inject
    KringConfig config;
    @Inject
    MeterRegistry registry;

    @Test
    @DisplayName("[E1] 10,000 meetings created through the HTTP API and abandoned keep a few MB of heap at most")
    void abandonedMeetingsLeaveTheHeap() throws Exception {
        long baseline = usedHeapAfterGc();
        double inMemoryBefore = inMemory();
        Set<String> inMemoryAtTheStart = meetings.inMemory().stream().map(meeting -> meeting.id).collect(Collectors.toSet());
        List<String> ids = createMeetings();
        long withMeetings = usedHeapAfterGc();
        // Each of them by id: the gauge also counts meetings of earlier tests, which the scheduled sweep may take.
        assertThat(ids).allMatch(meetings::isInMemory);
        assertThat(inMemory() - inMemoryBefore).isGreaterThanOrEqualTo(MEETINGS - inMemoryBefore);

        memory.sweep(clock.millis() + config.memory().idleTime().toMillis() + 1000);

        long after = usedHeapAfterGc();
        System.out.printf("heap: %d MB before, %d MB with %d meetings, %d MB after the sweep%n", baseline >> 20,
                withMeetings >> 20, MEETINGS, after >> 20);
        assertThat(ids).noneMatch(meetings::isInMemory);
        // The sweep, told a later time, also loads the stored meetings of earlier tests whose deadline comes within
        // the window of that time (E2): those may come into memory now, and count in the app-wide gauge.
        double gauge = inMemory();
        long loadedMeanwhile = meetings.inMemory().stream().filter(meeting -> !inMemoryAtTheStart.contains(meeting.id))
                .count();
        assertThat(gauge).as("meetings in memory, %d of earlier tests loaded meanwhile", loadedMeanwhile)
                .isLessThanOrEqualTo(inMemoryBefore + loadedMeanwhile);
        assertThat(after - baseline).as("heap kept by %d abandoned meetings", MEETINGS).isLessThan(8L << 20);
        // and each of them is still there, loaded again on use
        assertThat(Api.meeting(ids.get(MEETINGS / 2)).path("title").asText()).isEqualTo("Abandoned");
    }

    private List<String> createMeetings() throws Exception {
        StringBuilder agenda = new StringBuilder();
        for (int i = 0; i < AGENDA_ITEMS; i++) {
            agenda.append(i == 0 ? "" : ",").append("{\"title\":\"Item ").append(i).append("\",\"durationSeconds\":600}");
        }
        String body = "{\"title\":\"Abandoned\",\"language\":\"en\",\"agenda\":[" + agenda + "]}";
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + Api.port() + "/api/meetings");
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < MEETINGS; i++) {
                created.add(workers.submit(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    return TestParticipant.JSON.readTree(response.body()).path("meetingId").asText();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : created) {
                ids.add(id.get());
            }
            return ids;
        } finally {
            workers.shutdown();
        }
    }

    private double inMemory() {
        return registry.find("kring.meetings.memory").gauge().value();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // A few rounds: one System.gc() may leave finalizable or softly reachable garbage behind.
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
