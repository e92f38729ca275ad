package dev.ledgerline.connector.sync;

import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.tenant.TenantSettingsEntity;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * One run as a CRM implementation sees it: its connection and mode, the stored cursors, and
 * {@link #publish(Page)}, which writes a page to Kafka and only then moves the cursor and the run's counts.
 */
public final class SyncRun {
    static final Duration LEASE_TTL = Duration.ofMinutes(2);

    private final UUID runId;
    private final ConnectionEntity connection;
    private final SyncMode mode;
    private final RecordPublisher publisher;
    private final SyncLeases leases;
    private final SyncMetrics metrics;
    private final boolean leased;
    private final Clock clock;

    /**
     * @param leased whether the run holds the connection's lease (and must keep it to go on); a webhook run does not
     *               take the lease, as it never moves a cursor
     */
    SyncRun(UUID runId, ConnectionEntity connection, SyncMode mode, RecordPublisher publisher, SyncLeases leases,
            SyncMetrics metrics, boolean leased, Clock clock) {
        this.runId = runId;
        this.connection = connection;
        this.mode = mode;
        this.publisher = publisher;
        this.leases = leases;
        this.metrics = metrics;
        this.leased = leased;
        this.clock = clock;
    }

    /** A normalised record, its key and the fields it lacks (counted per run when it is published). */
    public record Keyed(String externalId, SpecificRecord value, Set<MissingField> missing) {
    }

    /** An object that could not be normalised: dead-lettered with its raw JSON, counted, and passed over. */
    public record Rejected(String externalId, String reason, String rawJson) {
    }

    /**
     * One page of one entity; {@code cursor} is the newest (modified time, id) in it, null when the page does not
     * advance a cursor (archived objects, owners).
     */
    public record Page(String entity, String topic, List<Keyed> records, List<Rejected> rejected, SyncCursor cursor) {

        /** A normalised batch as a page. */
        public static Page of(String entity, String topic, NormalizedBatch<? extends SpecificRecord> batch,
                SyncCursor cursor) {
            List<Keyed> records = new ArrayList<>();
            for (SpecificRecord record : batch.records()) {
                String externalId = (String) record.get(record.getSchema().getField("externalId").pos());
                records.add(new Keyed(externalId, record, batch.missing(externalId)));
            }
            List<Rejected> rejected = batch.rejections().stream()
                    .map(r -> new Rejected(r.externalId(), r.reason(), r.rawJson())).toList();
            return new Page(entity, topic, records, rejected, cursor);
        }

        /** Moves the cursor {@code key} to {@code cursor} and publishes nothing (the end of an unordered read). */
        public static Page cursorOnly(String key, String topic, SyncCursor cursor) {
            return new Page(key, topic, List.of(), List.of(), cursor);
        }
    }

    /** A DELETE record (counted as a deletion when it is published). */
    private static boolean isDelete(Keyed record) {
        return "DELETE".equals(String.valueOf(record.value().get(record.value().getSchema().getField("op").pos())));
    }

    public UUID id() {
        return runId;
    }

    public ConnectionEntity connection() {
        return connection;
    }

    public SyncMode mode() {
        return mode;
    }

    /** Where the last incremental read of this entity ended; empty for a FULL run or the first one. */
    public Optional<SyncCursor> cursor(String entity) {
        if (mode == SyncMode.FULL) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> SyncCursorEntity.<SyncCursorEntity>find(
                        "connectionId = ?1 and entity = ?2", connection.id, entity).firstResultOptional()
                .map(stored -> new SyncCursor(stored.modifiedAt, stored.lastId)));
    }

    /**
     * Writes the page's records not published before (see {@link PublishedVersions}) and its dead letters, waits for
     * Kafka's acknowledgement, then stores the published versions, the cursor and the counts, including the fields
     * the published records lack.
     */
    public void publish(Page page) {
        // Pages in cursor order may carry deletions inline (Salesforce's IsDeleted rows), re-read at the boundary like
        // any row: their versions count too. Elsewhere a DELETE always goes out.
        Map<String, Instant> versions = versions(page.records(), page.cursor() != null);
        // Only incremental search pages (those with a cursor) skip versions already out. A FULL run re-publishes
        // everything, as asked; a webhook names objects that changed, possibly in ways their last-modified time
        // does not show (associations), so what it reads always goes out, and is remembered for the next search.
        boolean skipPublished = mode != SyncMode.FULL && page.cursor() != null;
        Set<String> seen = versions.isEmpty() || !skipPublished ? Set.of()
                : QuarkusTransaction.requiringNew().call(() ->
                        PublishedVersions.alreadyPublished(connection.id, page.entity(), versions));
        List<Keyed> fresh = page.records().stream().filter(record -> !seen.contains(record.externalId())).toList();
        versions.keySet().removeAll(seen);

        RecordPublisher.Batch batch = publisher.batch();
        for (Keyed record : fresh) {
            batch.send(page.topic(), key(record.externalId()), record.value());
        }
        for (Rejected rejected : page.rejected()) {
            batch.send(Topics.dlq(page.topic()), key(rejected.externalId()), deadLetter(page.topic(), rejected));
        }
        batch.await();
        Map<MissingField, Long> missing = missingCounts(fresh);
        if (page.cursor() != null && !page.entity().contains("#")) {
            metrics.modificationSeen(connection.id, page.entity(), page.cursor().modifiedAt());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (!page.records().isEmpty() || !page.rejected().isEmpty()) {
                SyncRunEntityStats stats = stats(page.entity());
                stats.fetched += page.records().size() + page.rejected().size();
                stats.published += fresh.size();
                stats.rejected += page.rejected().size();
                stats.deleted += fresh.stream().filter(SyncRun::isDelete).count();
            }
            missing.forEach((field, records) -> SyncRunMissing.add(runId, page.entity(), field, records));
            PublishedVersions.remember(connection.id, page.entity(), versions);
            if (page.cursor() != null) {
                if (!leased) {
                    throw new IllegalStateException("a run without the connection's lease may not move a cursor");
                }
                SyncCursorEntity cursor = SyncCursorEntity.<SyncCursorEntity>find(
                        "connectionId = ?1 and entity = ?2", connection.id, page.entity()).firstResultOptional()
                        .orElseGet(() -> newCursor(page.entity()));
                if (cursor.modifiedAt == null || !page.cursor().modifiedAt().isBefore(cursor.modifiedAt)) {
                    cursor.modifiedAt = page.cursor().modifiedAt();
                    cursor.lastId = page.cursor().lastId();
                }
                cursor.updatedAt = Instant.now(clock);
                cursor.persist();
                PublishedVersions.forgetBehind(connection.id, page.entity(), cursor.modifiedAt);
            }
        });
        if (!page.records().isEmpty() || !page.rejected().isEmpty()) {
            metrics.records(connection.id, page.entity(), page.records().size() + page.rejected().size(),
                    fresh.size(), page.rejected().size());
        }
        missing.forEach((field, records) -> metrics.missing(connection.id, page.entity(), field, records));
        if (leased && !leases.renew(connection.id, runId, LEASE_TTL)) {
            throw new IllegalStateException("the run lost its lease on the connection; another run took over");
        }
    }

    /** How many of the records lack each field. */
    private static Map<MissingField, Long> missingCounts(List<Keyed> records) {
        Map<MissingField, Long> counts = new EnumMap<>(MissingField.class);
        for (Keyed record : records) {
            record.missing().forEach(field -> counts.merge(field, 1L, Long::sum));
        }
        return counts;
    }

    /** External id → source last-modified time of the UPSERT records, and of the DELETE records if asked. */
    private static Map<String, Instant> versions(List<Keyed> records, boolean withDeletes) {
        Map<String, Instant> versions = new HashMap<>();
        for (Keyed record : records) {
            SpecificRecord value = record.value();
            Object op = value.get(value.getSchema().getField("op").pos());
            Object modified = value.get(value.getSchema().getField("sourceUpdatedAt").pos());
            boolean counted = withDeletes || "UPSERT".equals(String.valueOf(op));
            if (record.externalId() != null && counted && modified instanceof Instant at) {
                versions.put(record.externalId(), at);
            }
        }
        return versions;
    }

    /** An entity the connection cannot read (missing scope, object not enabled): reported, not a failure. */
    public void skip(String entity, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            SyncRunEntityStats stats = stats(entity);
            stats.state = SyncRunState.SKIPPED;
            stats.message = reason;
        });
    }

    /** The entity in which the run stopped on purpose (see {@link RunStopped}): left incomplete, with the reason. */
    public void stopIn(String entity, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            SyncRunEntityStats stats = stats(entity);
            stats.state = SyncRunState.INCOMPLETE;
            stats.message = reason;
        });
    }

    /**
     * The settings of the connection's tenant that normalisation needs (home currency, time zone); a tenant without
     * settings cannot be synced yet.
     */
    public TenantSettingsEntity tenantSettings() {
        TenantSettingsEntity tenant = QuarkusTransaction.requiringNew()
                .call(() -> TenantSettingsEntity.findById(connection.tenantId));
        if (tenant == null) {
            throw new IllegalStateException("tenant " + connection.tenantId
                    + " has no settings yet: set its home currency and time zone (PUT /api/tenants/{tenant}/settings)");
        }
        return tenant;
    }

    /** Marks an entity done (listed with zero counts when nothing changed); its counts stay as the pages left them. */
    public void finish(String entity) {
        QuarkusTransaction.requiringNew().run(() -> {
            SyncRunEntityStats stats = stats(entity);
            if (stats.state == SyncRunState.RUNNING) {
                stats.state = SyncRunState.SUCCEEDED;
            }
        });
    }

    /** Adds the CRM client's call counts to the run. */
    public void countCalls(long apiCalls, long rateLimited) {
        QuarkusTransaction.requiringNew().run(() -> {
            SyncRunEntity run = SyncRunEntity.findById(runId);
            run.apiCalls = apiCalls;
            run.rateLimited = rateLimited;
        });
    }

    /** The CRM calls one entity took (including its 429 answers), for the per-entity metrics. */
    public void countEntityCalls(String entity, long apiCalls, long rateLimited) {
        metrics.apiCalls(connection.id, entity, apiCalls, rateLimited);
    }

    /** An object without an id (a rejection) is keyed with an empty id part. */
    private String key(String externalId) {
        return Keys.of(connection.tenantId, connection.crm.name(), externalId == null ? "" : externalId);
    }

    private SyncRunEntityStats stats(String entity) {
        SyncRunEntityStats.Key key = new SyncRunEntityStats.Key();
        key.runId = runId;
        key.entity = entity;
        SyncRunEntityStats stats = SyncRunEntityStats.findById(key);
        if (stats == null) {
            stats = new SyncRunEntityStats();
            stats.runId = runId;
            stats.entity = entity;
            stats.state = SyncRunState.RUNNING;
            stats.persist();
        }
        return stats;
    }

    private SyncCursorEntity newCursor(String entity) {
        SyncCursorEntity cursor = new SyncCursorEntity();
        cursor.connectionId = connection.id;
        cursor.entity = entity;
        return cursor;
    }

    private DeadLetter deadLetter(String topic, Rejected rejected) {
        return DeadLetter.newBuilder()
                .setOriginalTopic(topic)
                // Never on a topic: the object failed before it could be published.
                .setOriginalPartition(-1)
                .setOriginalOffset(-1)
                .setOriginalKey(java.nio.ByteBuffer.wrap(key(rejected.externalId()).getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(java.nio.ByteBuffer.wrap(rejected.rawJson().getBytes(StandardCharsets.UTF_8)))
                .setTenantId(connection.tenantId)
                .setReasonCode("NOT_NORMALISABLE")
                .setErrorMessage(rejected.reason())
                .setStage("connector-service/" + connection.crm.name().toLowerCase() + "-sync")
                .setFailedAt(Instant.now(clock))
                .build();
    }
}
