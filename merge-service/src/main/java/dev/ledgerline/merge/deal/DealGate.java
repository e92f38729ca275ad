package dev.ledgerline.merge.deal;

import dev.ledgerline.merge.customer.SourceLinkEntity;
import dev.ledgerline.merge.resolve.CrmRecordEntity;
import dev.ledgerline.merge.resolve.Payloads;
import dev.ledgerline.outbox.Outbox;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.ResolvedDeal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;

/**
 * Deal gating: a deal is published on deals.resolved.v1 with its customer once its account or primary contact (the
 * first contact when it names no primary one) is linked; until then it is pending. Linking a record releases the
 * deals waiting for it; moving or merging re-publishes the deals that follow it.
 */
@ApplicationScoped
public class DealGate {
    private final Outbox outbox;
    private final Clock clock;
    private final EntityManager entities;

    DealGate(Outbox outbox, Clock clock, EntityManager entities) {
        this.outbox = outbox;
        this.clock = clock;
        this.entities = entities;
    }

    /** The customer the deal is sold to, or null while neither its account nor its primary contact is linked. */
    public String customerOf(DealEntity deal) {
        String viaAccount = linkedCustomer(deal, CrmRecordEntity.ACCOUNT, deal.accountId);
        return viaAccount != null ? viaAccount : linkedCustomer(deal, CrmRecordEntity.CONTACT, gatingContact(deal));
    }

    /** Publishes (or re-publishes) the deal with its current customer. */
    public void publish(DealEntity deal, String customerId) {
        deal.state = DealEntity.PUBLISHED;
        deal.customerId = customerId;
        deal.resolvedAt = clock.instant();
        outbox.append(Topics.RESOLVED_DEALS, key(deal), ResolvedDeal.newBuilder()
                .setTenantId(deal.tenantId)
                .setCustomerId(customerId)
                .setDeal(Payloads.deal(deal.payload))
                .setResolvedAt(deal.resolvedAt)
                .build());
    }

    /** A published deal deleted in the CRM: the DELETE with its last customer, then the tombstone. */
    public void publishDelete(DealEntity deal, Deal delete) {
        outbox.append(Topics.RESOLVED_DEALS, key(deal), ResolvedDeal.newBuilder()
                .setTenantId(deal.tenantId)
                .setCustomerId(deal.customerId)
                .setDeal(delete)
                .setResolvedAt(clock.instant())
                .build());
        outbox.appendTombstone(Topics.RESOLVED_DEALS, key(deal));
    }

    /** A record was linked: the pending deals it gates go out now. */
    public void release(CrmRecordEntity record) {
        for (DealEntity deal : gatedBy(record, DealEntity.PENDING)) {
            String customerId = customerOf(deal);
            if (customerId != null) {
                publish(deal, customerId);
            }
        }
    }

    /** A record moved to another customer: the published deals it gates follow it. */
    public void republishFollowing(CrmRecordEntity record) {
        for (DealEntity deal : gatedBy(record, DealEntity.PUBLISHED)) {
            String customerId = customerOf(deal);
            if (customerId != null && !customerId.equals(deal.customerId)) {
                publish(deal, customerId);
            }
        }
    }

    /** A customer merged into another: its published deals are re-published with the survivor. */
    public void republishCustomer(String tenantId, String fromCustomerId, String toCustomerId) {
        List<DealEntity> moved = DealEntity.list("tenantId = ?1 and customerId = ?2 and state = ?3", tenantId,
                fromCustomerId, DealEntity.PUBLISHED);
        moved.forEach(deal -> publish(deal, toCustomerId));
    }

    public boolean referencesContact(String tenantId, String connectionId, String contactId) {
        return count("""
                select count(*) from deal where tenant_id = ?1 and connection_id = ?2 and state <> 'DELETED'
                   and (primary_contact_id = ?3 or cast(?3 as varchar) = any(contact_ids))""",
                tenantId, connectionId, contactId) > 0;
    }

    public boolean referencesAccount(String tenantId, String connectionId, String accountId) {
        return DealEntity.count("tenantId = ?1 and connectionId = ?2 and accountId = ?3 and state <> ?4", tenantId,
                connectionId, accountId, DealEntity.DELETED) > 0;
    }

    @SuppressWarnings("unchecked")
    private List<DealEntity> gatedBy(CrmRecordEntity record, String state) {
        if (!record.isContact()) {
            return DealEntity.list("tenantId = ?1 and connectionId = ?2 and accountId = ?3 and state = ?4 order by id",
                    record.tenantId, record.connectionId, record.externalId, state);
        }
        return entities.createNativeQuery("""
                select * from deal where tenant_id = ?1 and connection_id = ?2 and state = ?4
                   and (primary_contact_id = ?3 or (primary_contact_id is null and contact_ids[1] = ?3))
                 order by id""", DealEntity.class)
                .setParameter(1, record.tenantId).setParameter(2, record.connectionId)
                .setParameter(3, record.externalId).setParameter(4, state)
                .getResultList();
    }

    private long count(String sql, Object... parameters) {
        var query = entities.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    private static String gatingContact(DealEntity deal) {
        if (deal.primaryContactId != null) {
            return deal.primaryContactId;
        }
        return deal.contactIds.length == 0 ? null : deal.contactIds[0];
    }

    private static String linkedCustomer(DealEntity deal, String entityType, String externalId) {
        if (externalId == null) {
            return null;
        }
        CrmRecordEntity record = CrmRecordEntity.find(deal.tenantId, deal.connectionId, entityType, externalId);
        SourceLinkEntity link = record == null ? null : SourceLinkEntity.ofRecord(record.id);
        return link == null ? null : link.customerId;
    }

    private static String key(DealEntity deal) {
        return Keys.of(deal.tenantId, deal.source, deal.externalId);
    }
}
