package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.ErrorCode;
import io.kring.meeting.Rejected;

/** The recap cache (docs/security.md): bounded, one value per version, one build per key at a time. */
class VersionedCacheTest {

    @Test
    @DisplayName("at most capacity keys: the least recently used one leaves first")
    void bounded() {
        VersionedCache<String> cache = new VersionedCache<>(3);
        for (int i = 0; i < 1_000; i++) {
            String key = "k" + i;
            cache.get(key, 1, () -> key);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.size()).isEqualTo(3);

        VersionedCache<String> used = new VersionedCache<>(2);
        used.get("a", 1, () -> "a");
        used.get("b", 1, () -> "b");
        used.get("a", 1, () -> "a"); // a was used last: b is the one to leave
        used.get("c", 1, () -> "c");
        assertThat(used.contains("a")).isTrue();
        assertThat(used.contains("b")).isFalse();
        assertThat(used.contains("c")).isTrue();
    }

    @Test
    @DisplayName("the same version is built once; a newer version builds again; an older one never replaces it")
    void perVersion() {
        VersionedCache<String> cache = new VersionedCache<>(10);
        AtomicInteger builds = new AtomicInteger();
        assertThat(cache.get("r", 5, () -> "v5#" + builds.incrementAndGet())).isEqualTo("v5#1");
        assertThat(cache.get("r", 5, () -> "v5#" + builds.incrementAndGet())).isEqualTo("v5#1");
        assertThat(cache.get("r", 6, () -> "v6#" + builds.incrementAndGet())).isEqualTo("v6#2");
        assertThat(cache.get("r", 5, () -> "v5#" + builds.incrementAndGet())).isEqualTo("v5#3");
        assertThat(cache.get("r", 6, () -> "v6#" + builds.incrementAndGet())).as("6 is still kept").isEqualTo("v6#2");
        cache.forget("r");
        assertThat(cache.contains("r")).isFalse();
    }

    @Test
    @DisplayName("a failed build keeps nothing: the next request builds again")
    void failureIsNotKept() {
        VersionedCache<String> cache = new VersionedCache<>(10);
        assertThatThrownBy(() -> cache.get("r", 1, () -> {
            throw new Rejected(ErrorCode.NOT_FOUND, "gone");
        })).isInstanceOf(Rejected.class);
        assertThat(cache.contains("r")).isFalse();
        assertThat(cache.get("r", 1, () -> "built")).isEqualTo("built");
    }

    @Test
    @DisplayName("many requests for the same key at once share one build")
    void concurrentRequestsShareOneBuild() throws Exception {
        VersionedCache<String> cache = new VersionedCache<>(10);
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch buildStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> cache.get("r", 7, () -> {
                    builds.incrementAndGet();
                    buildStarted.countDown();
                    await(release);
                    return "recap";
                })));
            }
            assertThat(buildStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // the others arrive while the first build runs
            release.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("recap");
            }
            assertThat(builds.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("those waiting for a build share its failure")
    void concurrentRequestsShareAFailure() throws Exception {
        VersionedCache<String> cache = new VersionedCache<>(10);
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch buildStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    arrived.countDown();
                    return cache.get("r", 7, () -> {
                        builds.incrementAndGet();
                        buildStarted.countDown();
                        await(release);
                        throw new Rejected(ErrorCode.UNAVAILABLE, "down");
                    });
                }));
            }
            assertThat(buildStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500); // every request is waiting for the one build by now
            release.countDown();
            for (Future<String> answer : answers) {
                assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(Rejected.class);
            }
            assertThat(builds.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
