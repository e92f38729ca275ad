package dev.ledgerline.outbox.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The relay's meters: {@code ledgerline.outbox.events.relayed} (per topic), {@code ledgerline.outbox.errors} (per
 * stage: {@code publish}, {@code engine}, {@code election}) and the gauge {@code ledgerline.outbox.relay.lag}: now
 * minus the commit time of the newest row relayed, heartbeat rows included, so that an idle outbox shows a lag of
 * at most the heartbeat interval and a stuck relay a growing one. NaN on an instance that does not relay.
 */
final class RelayMetrics {
    static final String PUBLISH = "publish";
    static final String ENGINE = "engine";
    static final String ELECTION = "election";
    private static final String[] STAGES = {PUBLISH, ENGINE, ELECTION};

    private final MeterRegistry registry;
    private final Clock clock;
    private final Gauge lag;
    private volatile boolean relaying;
    private volatile long caughtUpTo;

    RelayMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        lag = Gauge.builder("ledgerline.outbox.relay.lag", this, RelayMetrics::lagSeconds)
                .description("Seconds from the commit of the newest outbox or heartbeat row relayed until now")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        // Registered at zero, so that an alert on their rate sees them before the first failure.
        for (String stage : STAGES) {
            errors(stage);
        }
    }

    /** This instance took over the slot; until its first row it counts its lag from now. */
    void startedRelaying() {
        caughtUpTo = clock.millis();
        relaying = true;
    }

    void stoppedRelaying() {
        relaying = false;
    }

    /** Unregisters the lag gauge, which reads this relay, so that a relay started later can register its own. */
    void close() {
        relaying = false;
        registry.remove(lag);
    }

    void relayed(String topic, int events) {
        Counter.builder("ledgerline.outbox.events.relayed")
                .description("Outbox events published to Kafka and acknowledged")
                .tag("topic", topic)
                .register(registry)
                .increment(events);
    }

    /** Every row up to this commit time is on Kafka. */
    void caughtUpTo(long committedAt) {
        caughtUpTo = Math.max(caughtUpTo, committedAt);
    }

    void error(String stage) {
        errors(stage).increment();
    }

    private Counter errors(String stage) {
        return Counter.builder("ledgerline.outbox.errors")
                .description("Failures of the outbox relay; each one restarts the engine or the election")
                .tag("stage", stage)
                .register(registry);
    }

    private double lagSeconds() {
        return relaying ? Math.max(0, clock.millis() - caughtUpTo) / 1000.0 : Double.NaN;
    }
}
