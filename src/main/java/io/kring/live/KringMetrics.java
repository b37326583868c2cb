package io.kring.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Operations metrics, exported at {@code /q/metrics} in Prometheus format (docs/performance.md). */
@ApplicationScoped
public class KringMetrics {

    private final MeterRegistry registry;
    private final Timer storeCommit;
    private final Timer fanOut;
    private final DistributionSummary commandsPerCommit;
    private final Counter slowConsumersClosed;
    private final Counter silentPeersDropped;
    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();

    public KringMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.storeCommit = Timer.builder("kring.store.commit").description("Time to store the events of one transaction")
                .publishPercentileHistogram().register(registry);
        this.fanOut = Timer.builder("kring.fanout")
                .description("Time to serialize and queue the events of one commit for their audiences")
                .publishPercentileHistogram().register(registry);
        // Group commit: _count is the number of transactions that stored participants' commands, _sum the
        // commands they stored (the bench reads "commits per burst" from it).
        this.commandsPerCommit = DistributionSummary.builder("kring.commit.batch").baseUnit("commands")
                .description("Participants' commands handled in one transaction (group commit)").register(registry);
        this.slowConsumersClosed = Counter.builder("kring.connections.slow.closed")
                .description("Connections closed with 1013 because they did not read their events").register(registry);
        this.silentPeersDropped = Counter.builder("kring.connections.silent.dropped")
                .description("Connections dropped because they answered no ping for the silence timeout")
                .register(registry);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        // Micrometer keeps only a weak reference to a gauge's source unless told otherwise: the lambda
        // would be collected and the gauge read NaN.
        gauges.add(Gauge.builder(name, value).description(description).strongReference(true).register(registry));
    }

    /**
     * The registry may outlive this application (tests restart Quarkus in one JVM, and Micrometer's
     * global registry keeps meters by name): a gauge left behind would keep reading the old state.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
    }

    public void command(String command, String result) {
        registry.counter("kring.commands", "command", command, "result", result).increment();
    }

    public void slowConsumerClosed() {
        slowConsumersClosed.increment();
    }

    public void silentPeerDropped() {
        silentPeersDropped.increment();
    }

    /** A meeting looked up in the store: found (loaded into memory) or missing (E6). */
    void meetingLookedUp(boolean found) {
        registry.counter("kring.meetings.lookups", "result", found ? "found" : "missing").increment();
    }

    void storeCommit(long nanos) {
        storeCommit.record(nanos, TimeUnit.NANOSECONDS);
    }

    void commandsCommitted(int commands) {
        commandsPerCommit.record(commands);
    }

    void fanOut(long nanos) {
        fanOut.record(nanos, TimeUnit.NANOSECONDS);
    }
}
