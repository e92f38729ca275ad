package dev.ledgerline.kpi.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * When the KPI processor publishes on kpi.values.v1.
 *
 * <p>A punctuation runs every {@code interval}. It publishes the changed values of each tenant's ALL slice (the
 * tenant-wide KPIs: what dashboards and most subscribers read) at every punctuation, and those of the other
 * dimensions (owner, pipeline, lead source) at most every {@code dimensionInterval}, each key at most once per
 * publication. A change therefore waits at most one interval for its ALL values and one dimension interval for
 * the rest, and the encoding work stays proportional to what changed: at 5,000 changes a second, every
 * dimension slice of a busy tenant changes within a second, so publishing them every 100 ms would encode each
 * value ten times a second for values that subscribers read far less often.
 *
 * <p>While its task catches up on a backlog, publishing is deferred: when every record processed since a
 * punctuation was produced more than {@code catchUpAge} ago (the newest such record timestamp is that old), the
 * values computed from them are stale already and will change again within the backlog, and encoding them would
 * take the stream thread away from the backlog (at full speed the topology emits about three KpiValues per input
 * record). The task counts as caught up again once no punctuation for a {@code dimensionInterval} saw only old
 * records, so values go out within about a second of the backlog's end; a deferral never lasts longer than
 * {@code maxDeferral}, so values keep moving during a long catch-up. A zero {@code catchUpAge} turns deferral off.
 */
public record EmitPolicy(Duration interval, Duration dimensionInterval, Duration catchUpAge, Duration maxDeferral) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_DIMENSION_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CATCH_UP_AGE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_DEFERRAL = Duration.ofSeconds(30);

    public EmitPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(dimensionInterval, "dimensionInterval");
        Objects.requireNonNull(catchUpAge, "catchUpAge");
        Objects.requireNonNull(maxDeferral, "maxDeferral");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The emit interval must be positive: " + interval);
        }
        if (dimensionInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("The dimension emit interval " + dimensionInterval
                    + " cannot be shorter than the emit interval " + interval);
        }
        if (catchUpAge.isNegative() || maxDeferral.isNegative()) {
            throw new IllegalArgumentException("The catch-up age and the maximal deferral cannot be negative");
        }
    }

    /** The service's defaults: 100 ms, dimensions every second, deferral after 2 s for at most 30 s. */
    public static EmitPolicy defaults() {
        return new EmitPolicy(DEFAULT_INTERVAL, DEFAULT_DIMENSION_INTERVAL, DEFAULT_CATCH_UP_AGE, DEFAULT_MAX_DEFERRAL);
    }

    /** Publishing every slice every {@code interval}, never deferred (tests that drive the wall clock). */
    public static EmitPolicy every(Duration interval) {
        return new EmitPolicy(interval, interval, Duration.ZERO, Duration.ZERO);
    }

    boolean defers() {
        return !catchUpAge.isZero() && !maxDeferral.isZero();
    }
}
