package dev.ledgerline.connector.sync;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The versions (last-modified times) of the records a connection published recently, per entity, in
 * {@code sync_published_version}. A search re-reads a lookback overlap before its cursor because search indexes
 * late, and webhooks publish changes ahead of the schedule: without this, every such record would be published a
 * second time. Callers run inside a transaction.
 */
final class PublishedVersions {
    /**
     * How far behind an entity's cursor versions are kept: at least the longest lookback of any CRM sync (HubSpot:
     * 5 minutes), since a record older than cursor − lookback cannot be re-read unless it changes again.
     */
    static final Duration RETENTION = Duration.ofMinutes(30);

    private PublishedVersions() {
    }

    /** The ids among {@code candidates} whose version, or a newer one, was already published. */
    static Set<String> alreadyPublished(UUID connectionId, String entity, Map<String, Instant> candidates) {
        Set<String> published = new HashSet<>();
        if (candidates.isEmpty()) {
            return published;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                        select external_id, modified_at from sync_published_version
                        where connection_id = ?1 and entity = ?2 and external_id in (?3)""")
                .setParameter(1, connectionId).setParameter(2, entity)
                .setParameter(3, new ArrayList<>(candidates.keySet()))
                .getResultList();
        for (Object[] row : rows) {
            String id = (String) row[0];
            Instant stored = toInstant(row[1]);
            if (!stored.isBefore(candidates.get(id))) {
                published.add(id);
            }
        }
        return published;
    }

    /** Remembers the published versions; a stored newer version stays. */
    static void remember(UUID connectionId, String entity, Map<String, Instant> versions) {
        if (versions.isEmpty()) {
            return;
        }
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into sync_published_version (connection_id, entity, external_id, modified_at)
                    values (?, ?, ?, ?)
                    on conflict (connection_id, entity, external_id)
                    do update set modified_at = greatest(sync_published_version.modified_at, excluded.modified_at)""")) {
                for (Map.Entry<String, Instant> version : versions.entrySet()) {
                    insert.setObject(1, connectionId);
                    insert.setString(2, entity);
                    insert.setString(3, version.getKey());
                    insert.setTimestamp(4, Timestamp.from(version.getValue()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Forgets versions that a search from {@code cursor} can no longer re-read. */
    static void forgetBehind(UUID connectionId, String entity, Instant cursor) {
        Panache.getEntityManager().createNativeQuery("""
                        delete from sync_published_version
                        where connection_id = ?1 and entity = ?2 and modified_at < ?3""")
                .setParameter(1, connectionId).setParameter(2, entity)
                .setParameter(3, cursor.minus(RETENTION))
                .executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
