package io.kring.live;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Operations metrics, exported at {@code /q/metrics} in Prometheus format (docs/performance.md). */
@ApplicationScoped
public class KringMetrics {

    private final MeterRegistry registry;
    private final Timer storeCommit;
    private final Timer fanOut;
    private final Counter slowConsumersClosed;

    public KringMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.storeCommit = Timer.builder("kring.store.commit").description("Time to store one command's events")
                .publishPercentileHistogram().register(registry);
        this.fanOut = Timer.builder("kring.fanout").description("Time to serialize and queue one event for its audience")
                .publishPercentileHistogram().register(registry);
        this.slowConsumersClosed = Counter.builder("kring.connections.slow.closed")
                .description("Connections closed with 1013 because they did not read their events").register(registry);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void command(String command, String result) {
        registry.counter("kring.commands", "command", command, "result", result).increment();
    }

    public void slowConsumerClosed() {
        slowConsumersClosed.increment();
    }

    void storeCommit(long nanos) {
        storeCommit.record(nanos, TimeUnit.NANOSECONDS);
    }

    void fanOut(long nanos) {
        fanOut.record(nanos, TimeUnit.NANOSECONDS);
    }
}
