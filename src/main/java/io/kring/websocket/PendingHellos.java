package io.kring.websocket;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.kring.config.KringConfig;

/**
 * R10: the connections that have not said hello yet, counted per client address and in all. Until its hello a
 * socket costs the server memory and a timer but proves nothing (no token yet), and it may stay 10 s: without a
 * bound a script could open sockets faster than they time out and fill the heap. Past either bound a new socket
 * is closed at once; a socket stops counting as soon as its hello is accepted, or when it closes.
 */
@Singleton
public class PendingHellos {

    private final int perAddress;
    private final int total;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private int waiting;

    @Inject
    public PendingHellos(KringConfig config) {
        this(config.websocket().maxHelloPendingPerAddress(), config.websocket().maxHelloPending());
    }

    PendingHellos(int perAddress, int total) {
        if (perAddress < 1 || total < 1) {
            throw new IllegalArgumentException("kring.websocket.max-hello-pending(-per-address) must be at least 1");
        }
        this.perAddress = perAddress;
        this.total = total;
    }

    /** One socket waiting for its hello, counted until {@link #release()} (which counts once, however often called). */
    final class Wait {

        private final String address;
        private boolean released;

        private Wait(String address) {
            this.address = address;
        }

        void release() {
            synchronized (PendingHellos.this) {
                if (released) {
                    return;
                }
                released = true;
                waiting--;
                byAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    /** Counts a new socket from {@code address} (a limit key), or null when a bound is reached: close it. */
    synchronized Wait admit(String address) {
        int fromAddress = byAddress.getOrDefault(address, 0);
        if (waiting >= total || fromAddress >= perAddress) {
            return null;
        }
        waiting++;
        byAddress.put(address, fromAddress + 1);
        return new Wait(address);
    }

    /** How many sockets from {@code address} wait for their hello now. */
    synchronized int waitingFrom(String address) {
        return byAddress.getOrDefault(address, 0);
    }

    /** How many sockets wait for their hello now, in all. */
    synchronized int waiting() {
        return waiting;
    }
}
