package dev.ledgerline.kpi.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * When the KPI processor publishes on kpi.values.v1: every {@code interval} (each key at most once per interval).
 *
 * <p>While its task catches up on a backlog, publishing is deferred: when every record processed since the previous
 * emission punctuation was produced more than {@code catchUpAge} ago (the newest such record timestamp is that old),
 * the values computed from them are stale already and will change again within the backlog, and encoding them
 * would take the stream thread away from the backlog (at full speed the topology emits about three KpiValues per
 * input record). A deferral never lasts longer than {@code maxDeferral}, so values keep moving during a long
 * catch-up, and a punctuation that finds no new record (the backlog is done) publishes at once. A zero
 * {@code catchUpAge} turns deferral off.
 */
public record EmitPolicy(Duration interval, Duration catchUpAge, Duration maxDeferral) {
    public static final Duration DEFAULT_CATCH_UP_AGE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_DEFERRAL = Duration.ofSeconds(30);

    public EmitPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(catchUpAge, "catchUpAge");
        Objects.requireNonNull(maxDeferral, "maxDeferral");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The emit interval must be positive: " + interval);
        }
        if (catchUpAge.isNegative() || maxDeferral.isNegative()) {
            throw new IllegalArgumentException("The catch-up age and the maximal deferral cannot be negative");
        }
    }

    /** Publishing every {@code interval}, never deferred. */
    public static EmitPolicy every(Duration interval) {
        return new EmitPolicy(interval, Duration.ZERO, Duration.ZERO);
    }

    boolean defers() {
        return !catchUpAge.isZero() && !maxDeferral.isZero();
    }
}
