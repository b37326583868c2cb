package io.kring.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} events per key in any window of {@code windowMillis} (a sliding log: exact, no
 * burst of twice the limit at a bucket edge). Memory is bounded: at most {@code maxKeys} keys, each with
 * at most {@code limit} timestamps; past {@code maxKeys} the key seen least recently is forgotten.
 * Refused events are not recorded, so a client that waits {@link Decision#retryAfterSeconds()} gets in.
 * Time is passed in.
 */
final class SlidingWindowLimiter {

    /** The answer for one event: allowed, or refused with the whole seconds until a slot frees. */
    record Decision(boolean allowed, long retryAfterSeconds) {
    }

    /** The timestamps of one key's recent events, oldest first, in a ring that grows up to the limit. */
    private static final class Log {
        long[] times = new long[4];
        int start;
        int size;

        long oldest() {
            return times[start];
        }

        void dropOlderThan(long cutoff) {
            while (size > 0 && times[start] <= cutoff) {
                start = (start + 1) % times.length;
                size--;
            }
        }

        void add(long time, int limit) {
            if (size == times.length) {
                long[] grown = new long[Math.min(limit, times.length * 2)];
                for (int i = 0; i < size; i++) {
                    grown[i] = times[(start + i) % times.length];
                }
                times = grown;
                start = 0;
            }
            times[(start + size) % times.length] = time;
            size++;
        }
    }

    private final int limit;
    private final long windowMillis;
    private final Map<String, Log> logs;

    SlidingWindowLimiter(int limit, long windowMillis, int maxKeys) {
        if (limit < 1 || windowMillis < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("limit, window and key count must be positive");
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.logs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Log> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Records an event of {@code key} at {@code nowMillis} if the limit allows it. */
    synchronized Decision tryAcquire(String key, long nowMillis) {
        Log log = logs.computeIfAbsent(key, k -> new Log());
        log.dropOlderThan(nowMillis - windowMillis);
        if (log.size >= limit) {
            long waitMillis = log.oldest() + windowMillis - nowMillis;
            return new Decision(false, Math.max(1, (waitMillis + 999) / 1000));
        }
        log.add(nowMillis, limit);
        return new Decision(true, 0);
    }

    /** How many keys are remembered now (for tests of the bound). */
    synchronized int trackedKeys() {
        return logs.size();
    }

    @Override
    public String toString() {
        return "SlidingWindowLimiter" + Arrays.asList(limit, windowMillis);
    }
}
