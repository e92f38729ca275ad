package dev.ledgerline.ledger.quickbooks;

import dev.ledgerline.ledger.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The qbo_sync rows: queued, claimed, and each push's outcome, each change in a short transaction of its own. */
@ApplicationScoped
class SyncRows {
    private static final int REASON_MAX = 2000;

    private final EntityManager entityManager;
    private final QuickBooksConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    SyncRows(EntityManager entityManager, QuickBooksConfig config, MeterRegistry registry, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Queues the documents posted since the company's cursor (from the ledger's committed state, never inside a
     * posting). A tenant's documents are posted by one consumer thread, so their seq follows their commit order;
     * the last 100 before the cursor are looked at again all the same (a rebalance can let two threads overlap for
     * a moment), and a document already queued is left as it is.
     */
    @Transactional
    int enqueue(String tenantId) {
        QuickBooksCompanyEntity company = entityManager.find(QuickBooksCompanyEntity.class, tenantId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (company == null || !company.enabled) {
            return 0;
        }
        long from = Math.max(0, company.documentCursor - 100);
        // One statement per round: a document queued before conflicts and stays as it is.
        Object[] result = (Object[]) entityManager.createNativeQuery("""
                with batch as (select id, kind, seq, coalesce(ledger_invoice_id, payment_id) as subject from ledger_document
                                where tenant_id = ?1 and seq > ?2 order by seq limit 10000),
                     queued as (insert into qbo_sync (id, tenant_id, entity, local_id, document_seq, subject, state,
                                                      attempts, request_id, next_attempt_at, created_at, updated_at)
                                select gen_random_uuid(), ?1, kind, id::text, seq, subject, 'PENDING', 0,
                                       gen_random_uuid(), ?3, ?3, ?3 from batch
                                on conflict (tenant_id, entity, local_id) do nothing returning 1)
                select (select count(*) from queued), (select coalesce(max(seq), 0) from batch)""")
                .setParameter(1, tenantId).setParameter(2, from).setParameter(3, clock.instant()).getSingleResult();
        int queued = ((Number) result[0]).intValue();
        company.documentCursor = Math.max(company.documentCursor, ((Number) result[1]).longValue());
        return queued;
    }

    /** The tenant's customer or item row, created PENDING with its requestid if absent. */
    @Transactional
    PushData.Row dependency(String tenantId, SyncEntity entity, String localId) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                insert into qbo_sync (id, tenant_id, entity, local_id, state, attempts, request_id, next_attempt_at,
                                      created_at, updated_at)
                values (?1, ?2, ?3, ?4, 'PENDING', 0, ?5, ?6, ?6, ?6)
                on conflict (tenant_id, entity, local_id) do nothing""")
                .setParameter(1, Ids.of("qbo-sync", tenantId, entity.name(), localId)).setParameter(2, tenantId)
                .setParameter(3, entity.name()).setParameter(4, localId).setParameter(5, UUID.randomUUID())
                .setParameter(6, now).executeUpdate();
        return PushData.Row.of(QuickBooksSyncEntity.find(tenantId, entity, localId));
    }

    /** The row of a document, null if it is not queued (yet). */
    @Transactional
    PushData.Row document(String tenantId, SyncEntity entity, UUID documentId) {
        QuickBooksSyncEntity row = QuickBooksSyncEntity.find(tenantId, entity, documentId.toString());
        return row == null ? null : PushData.Row.of(row);
    }

    /** The row of a document of any kind (the target of an adjustment or void). */
    @Transactional
    PushData.Row anyDocument(String tenantId, UUID documentId) {
        QuickBooksSyncEntity row = QuickBooksSyncEntity.find("tenantId = ?1 and localId = ?2 and documentSeq is not null",
                tenantId, documentId.toString()).firstResult();
        return row == null ? null : PushData.Row.of(row);
    }

    /**
     * Claims the company's due rows for this round: their next attempt moves a lease ahead, so that a crashed
     * instance's rows come back, and FOR UPDATE SKIP LOCKED lets instances claim side by side.
     */
    @Transactional
    List<PushData.Row> claim(String tenantId, int limit) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("""
                select id from qbo_sync where tenant_id = ?1 and state = 'PENDING' and document_seq is not null
                   and next_attempt_at <= ?2 order by document_seq limit ?3 for update skip locked""", UUID.class)
                .setParameter(1, tenantId).setParameter(2, now).setParameter(3, limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        entityManager.createQuery("update QuickBooksSyncEntity set nextAttemptAt = ?1 where id in ?2")
                .setParameter(1, now.plus(config.companyLease())).setParameter(2, ids).executeUpdate();
        return QuickBooksSyncEntity.<QuickBooksSyncEntity>list("id in ?1 order by documentSeq", ids).stream()
                .map(PushData.Row::of).toList();
    }

    @Transactional
    void synced(UUID rowId, String qboType, String qboId, String syncToken) {
        QuickBooksSyncEntity row = QuickBooksSyncEntity.findById(rowId);
        row.state = SyncState.SYNCED;
        row.qboType = qboType;
        row.qboId = qboId;
        row.syncToken = syncToken;
        row.reason = null;
        row.updatedAt = clock.instant();
        registry.counter("ledgerline.ledger.quickbooks.pushed", "entity", row.entity.name()).increment();
    }

    /** A newer SyncToken of an object after one of its updates. */
    @Transactional
    void syncToken(UUID rowId, String syncToken) {
        QuickBooksSyncEntity row = QuickBooksSyncEntity.findById(rowId);
        row.syncToken = syncToken;
        row.updatedAt = clock.instant();
    }

    /** Not now: what the row needs is not in QuickBooks yet; looked at again shortly, no attempt counted. */
    @Transactional
    void waiting(UUID rowId, String reason) {
        QuickBooksSyncEntity row = QuickBooksSyncEntity.findById(rowId);
        row.reason = cut(reason);
        row.nextAttemptAt = clock.instant().plus(config.pollInterval().multipliedBy(2));
        row.updatedAt = clock.instant();
    }

    /**
     * A failed attempt: tried again after a backoff while the error may pass and attempts remain (throttling counts
     * none), otherwise FAILED with the reason.
     */
    @Transactional
    void failed(UUID rowId, QuickBooksException error) {
        QuickBooksSyncEntity row = QuickBooksSyncEntity.findById(rowId);
        Instant now = clock.instant();
        boolean throttled = error instanceof QuickBooksException.Fault fault && fault.throttled();
        if (!throttled) {
            row.attempts++;
        }
        row.reason = cut(error.getMessage());
        row.updatedAt = now;
        if (error.retryable() && row.attempts < config.maxAttempts()) {
            row.nextAttemptAt = now.plus(backoff(row.attempts));
        } else {
            row.state = SyncState.FAILED;
            registry.counter("ledgerline.ledger.quickbooks.failed", "entity", row.entity.name()).increment();
        }
    }

    private Duration backoff(int attempts) {
        Duration backoff = config.initialBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
    }

    private static String cut(String reason) {
        return reason == null || reason.length() <= REASON_MAX ? reason : reason.substring(0, REASON_MAX);
    }
}
