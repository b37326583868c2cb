package io.kring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

    @Test
    void allowsTheLimitInAWindowAndTellsWhenTheOldestSlotFrees() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, 60_000, 100);
        assertThat(limiter.tryAcquire("a", 0).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", 10_000).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", 20_000).allowed()).isTrue();
        SlidingWindowLimiter.Decision refused = limiter.tryAcquire("a", 30_000);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);
        assertThat(limiter.tryAcquire("b", 30_000).allowed()).as("another key").isTrue();
    }

    @Test
    void theWindowSlidesNoDoubleBurstAtAnEdge() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, 60_000, 100);
        assertThat(limiter.tryAcquire("a", 59_000).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", 59_500).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", 61_000).allowed()).as("a fixed minute bucket would allow this").isFalse();
        assertThat(limiter.tryAcquire("a", 119_001).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", 119_002).allowed()).isFalse();
    }

    @Test
    void refusedAttemptsDoNotCountSoRetryAfterIsTrue() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, 60_000, 100);
        assertThat(limiter.tryAcquire("a", 0).allowed()).isTrue();
        for (int t = 1; t < 60_000; t += 1_000) {
            assertThat(limiter.tryAcquire("a", t).allowed()).isFalse();
        }
        SlidingWindowLimiter.Decision last = limiter.tryAcquire("a", 59_500);
        assertThat(last.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.tryAcquire("a", 60_000).allowed()).isTrue();
    }

    @Test
    void remembersAtMostMaxKeysForgettingTheLeastRecentlySeen() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, 60_000, 3);
        limiter.tryAcquire("a", 0);
        limiter.tryAcquire("b", 0);
        limiter.tryAcquire("c", 0);
        assertThat(limiter.tryAcquire("a", 1).allowed()).as("a is still limited and now most recent").isFalse();
        limiter.tryAcquire("d", 2);
        assertThat(limiter.trackedKeys()).isEqualTo(3);
        assertThat(limiter.tryAcquire("b", 3).allowed()).as("b was forgotten").isTrue();
        assertThat(limiter.tryAcquire("a", 4).allowed()).as("a was kept").isFalse();
    }

    @Test
    void aLargeLimitGrowsItsLogOnlyWithUse() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1_000_000, 60_000, 10);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryAcquire("a", i).allowed()).isTrue();
        }
    }
}
