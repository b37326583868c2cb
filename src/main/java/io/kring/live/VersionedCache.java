package io.kring.live;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A small cache of values that are costly to build, each kept with the version it was built for (a recap with
 * the meeting's last stored seq): a request for the same version shares it, a newer version builds it again.
 * At most {@code capacity} keys, the least recently used leaves first. For one key only one build runs at a time:
 * whoever asks meanwhile waits for it instead of building the same thing beside it, so a burst of requests for
 * one link costs one build, not one each.
 */
final class VersionedCache<V> {

    private record Entry<V>(long version, V value) {
    }

    private record Build<V>(long version, CompletableFuture<V> result) {
    }

    private final int capacity;
    private final Map<String, Entry<V>> entries;
    private final Map<String, Build<V>> building = new HashMap<>();

    VersionedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > VersionedCache.this.capacity;
            }
        };
    }

    /**
     * The value of {@code key} at {@code version}: the kept one, the one a running build of this version
     * yields (or its failure), or one built now by {@code build}. A failed build keeps nothing.
     */
    V get(String key, long version, Supplier<V> build) {
        while (true) {
            Build<V> running;
            Build<V> mine = null;
            synchronized (this) {
                Entry<V> kept = entries.get(key);
                if (kept != null && kept.version() == version) {
                    return kept.value();
                }
                running = building.get(key);
                if (running == null) {
                    mine = new Build<>(version, new CompletableFuture<>());
                    building.put(key, mine);
                }
            }
            if (mine != null) {
                return buildNow(key, mine, build);
            }
            if (running.version() == version) {
                return await(running.result());
            }
            // A build of another version runs: wait for it, whatever it gives, then it is this one's turn.
            running.result().handle((value, failure) -> null).join();
        }
    }

    /** Forgets {@code key}'s value (a withdrawn recap): it must not be held on to for a link that is dead. */
    synchronized void forget(String key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized boolean contains(String key) {
        return entries.containsKey(key);
    }

    private V buildNow(String key, Build<V> mine, Supplier<V> build) {
        try {
            V value = build.get();
            synchronized (this) {
                Entry<V> kept = entries.get(key);
                // A request that read an older version before a newer one was kept must not put it back.
                if (kept == null || kept.version() <= mine.version()) {
                    entries.put(key, new Entry<>(mine.version(), value));
                }
            }
            mine.result().complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.result().completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                building.remove(key, mine);
            }
        }
    }

    private static <V> V await(CompletableFuture<V> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
