package dev.ledgerline.connector.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sync metrics per connection and entity on /q/metrics: records fetched, published and rejected, published records
 * lacking a field (per field), CRM API calls and 429s, run duration (per connection) and sync lag, the time since the
 * newest source modification seen.
 */
@ApplicationScoped
public class SyncMetrics {
    static final String PREFIX = "ledgerline.sync.";

    private final MeterRegistry registry;
    private final Clock clock;
    /** Newest source modification seen per (connection, entity), epoch milliseconds. */
    private final Map<Tags, AtomicLong> newestSeen = new ConcurrentHashMap<>();

    SyncMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public void records(UUID connectionId, String entity, long fetched, long published, long rejected) {
        Tags tags = tags(connectionId, entity);
        increment("records.fetched", tags, fetched);
        increment("records.published", tags, published);
        increment("records.rejected", tags, rejected);
    }

    /** Published records of the entity that lack {@code field} (incomplete, not invalid). */
    public void missing(UUID connectionId, String entity, MissingField field, long records) {
        increment("records.missing", tags(connectionId, entity).and("field", field.jsonName()), records);
    }

    public void apiCalls(UUID connectionId, String entity, long calls, long rateLimited) {
        Tags tags = tags(connectionId, entity);
        increment("api.calls", tags, calls);
        increment("api.rate.limited", tags, rateLimited);
    }

    /** A source modification time seen for the entity; the lag gauge follows the newest one. */
    public void modificationSeen(UUID connectionId, String entity, Instant modifiedAt) {
        Tags tags = tags(connectionId, entity);
        AtomicLong newest = newestSeen.computeIfAbsent(tags, key -> {
            AtomicLong holder = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder(PREFIX + "lag", holder, this::lagSeconds).tags(key).baseUnit("seconds")
                    .description("now minus the newest source modification seen for the entity")
                    .register(registry);
            return holder;
        });
        newest.accumulateAndGet(modifiedAt.toEpochMilli(), Math::max);
    }

    public void runEnded(UUID connectionId, String trigger, String state, Duration duration) {
        Timer.builder(PREFIX + "run.duration").description("wall time of sync runs")
                .tags(Tags.of("connection", connectionId.toString(), "trigger", trigger, "state", state))
                .register(registry).record(duration);
    }

    private double lagSeconds(AtomicLong newest) {
        long seen = newest.get();
        return seen == Long.MIN_VALUE ? Double.NaN : (Instant.now(clock).toEpochMilli() - seen) / 1000.0;
    }

    private void increment(String name, Tags tags, long amount) {
        Counter counter = Counter.builder(PREFIX + name).tags(tags).register(registry);
        if (amount > 0) {
            counter.increment(amount);
        }
    }

    private static Tags tags(UUID connectionId, String entity) {
        return Tags.of("connection", connectionId.toString(), "entity", entity);
    }
}
