package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R2 as a sliding window, with the time passed in: no test here waits. */
class FrameLimitTest {

    private static final long T = 1_795_000_000_000L;
    private final FrameLimit limit = new FrameLimit();

    @Test
    @DisplayName("[R2] 20 frames within one second are admitted, the 21st is refused")
    void twentyOneInOneSecond() {
        for (int i = 0; i < 20; i++) {
            assertThat(limit.admit(T + i * 10)).as("frame %d", i + 1).isTrue();
        }
        assertThat(limit.admit(T + 999)).as("frame 21, 999 ms after the first").isFalse();
    }

    @Test
    @DisplayName("[R2] the window slides: a frame is admitted once the oldest of the last 20 is a second old")
    void windowSlides() {
        for (int i = 0; i < 20; i++) {
            limit.admit(T + i * 50);
        }
        assertThat(limit.admit(T + 999)).isFalse();
        assertThat(limit.admit(T + 1_000)).as("the first frame has left the window").isTrue();
        assertThat(limit.admit(T + 1_001)).as("the second is still in it (it came at +50)").isFalse();
        assertThat(limit.admit(T + 1_050)).isTrue();
    }

    @Test
    @DisplayName("[R2] not a fixed window: 20 at the end of one second and 20 at the start of the next are too many")
    void noBurstAcrossASecondBoundary() {
        for (int i = 0; i < 20; i++) {
            assertThat(limit.admit(T + 900 + i)).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(limit.admit(T + 1_000 + i)).as("frame at +%d ms", 1_000 + i).isFalse();
        }
    }

    @Test
    @DisplayName("[R2] refused frames do not count")
    void refusedFramesDoNotCount() {
        for (int i = 0; i < 20; i++) {
            limit.admit(T);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(limit.admit(T + 500 + i)).isFalse();
        }
        assertThat(limit.admit(T + 1_000)).as("only the 20 admitted at T were in the window").isTrue();
    }

    @Test
    @DisplayName("[R2, R3] a frame given back (its command was refused as RATE_LIMITED) frees its place")
    void givenBackFrameFreesItsPlace() {
        for (int i = 0; i < 20; i++) {
            limit.admit(T + i);
        }
        limit.giveBack();
        assertThat(limit.admit(T + 30)).isTrue();
        assertThat(limit.admit(T + 31)).isFalse();
    }

    @Test
    @DisplayName("[R2] quiet once no admitted frame is younger than a second")
    void quiet() {
        assertThat(limit.isQuiet(T)).isTrue();
        limit.admit(T);
        assertThat(limit.isQuiet(T + 999)).isFalse();
        assertThat(limit.isQuiet(T + 1_000)).isTrue();
    }

    @Test
    @DisplayName("[R2] a wall clock set back does not lock the participant out for the jump")
    void clockSetBack() {
        for (int i = 0; i < 20; i++) {
            limit.admit(T + 60_000);
        }
        assertThat(limit.admit(T)).isTrue();
    }
}
