package dev.ledgerline.merge.deal;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.merge.resolve.CrmRecordEntity;
import dev.ledgerline.merge.resolve.Payloads;
import dev.ledgerline.merge.resolve.RecordState;
import dev.ledgerline.merge.resolve.Resolutions;
import dev.ledgerline.merge.tenant.TenantLock;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Op;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * crm.deals.v1: a deal is stored; the contacts and account it references come into scope (DEALS_ONLY) and are
 * resolved; it is published once gated (DealGate), re-published on every later version, and its DELETE propagates.
 */
@Singleton
public class DealHandler extends RecordHandler<Deal> {
    private final DealGate gate;
    private final Resolutions resolutions;
    private final TenantLock lock;

    DealHandler(DealGate gate, Resolutions resolutions, TenantLock lock) {
        super(Topics.DEALS, Deal.class, Deal::getTenantId);
        this.gate = gate;
        this.resolutions = resolutions;
        this.lock = lock;
    }

    @Override
    public Outcome handle(Deal deal) {
        lock.lock(deal.getTenantId());
        DealEntity stored = DealEntity.find(deal.getTenantId(), deal.getConnectionId(), deal.getExternalId());
        if (stored != null && !deal.getSourceUpdatedAt().isAfter(stored.sourceUpdatedAt)) {
            return Outcome.STALE;
        }
        if (deal.getOp() == Op.DELETE) {
            if (stored == null) {
                return Outcome.IGNORED;
            }
            if (DealEntity.PUBLISHED.equals(stored.state)) {
                gate.publishDelete(stored, deal);
            }
            stored.state = DealEntity.DELETED;
            stored.sourceUpdatedAt = deal.getSourceUpdatedAt();
            return Outcome.APPLIED;
        }
        if (stored == null) {
            stored = new DealEntity();
            stored.tenantId = deal.getTenantId();
            stored.connectionId = deal.getConnectionId();
            stored.externalId = deal.getExternalId();
            stored.state = DealEntity.PENDING;
        } else if (DealEntity.DELETED.equals(stored.state)) {
            stored.state = DealEntity.PENDING;
        }
        stored.source = deal.getSource().name();
        stored.payload = Payloads.encode(deal);
        stored.sourceUpdatedAt = deal.getSourceUpdatedAt();
        stored.primaryContactId = deal.getPrimaryContactId();
        stored.accountId = deal.getAccountId();
        stored.contactIds = deal.getContactIds().toArray(String[]::new);
        if (stored.id == null) {
            stored.persist();
        }
        boolean wasPublished = DealEntity.PUBLISHED.equals(stored.state);
        // Resolving the contacts it references may release it (then it is published with this version).
        bringIntoScope(deal);
        if (wasPublished || DealEntity.PENDING.equals(stored.state)) {
            String customerId = gate.customerOf(stored);
            if (customerId != null) {
                gate.publish(stored, customerId);
            }
        }
        return Outcome.APPLIED;
    }

    private void bringIntoScope(Deal deal) {
        Set<String> contactIds = new LinkedHashSet<>();
        if (deal.getPrimaryContactId() != null) {
            contactIds.add(deal.getPrimaryContactId());
        }
        contactIds.addAll(deal.getContactIds());
        for (String contactId : contactIds) {
            reconsiderIfOutOfScope(CrmRecordEntity.find(deal.getTenantId(), deal.getConnectionId(),
                    CrmRecordEntity.CONTACT, contactId));
        }
        if (deal.getAccountId() != null) {
            reconsiderIfOutOfScope(CrmRecordEntity.find(deal.getTenantId(), deal.getConnectionId(),
                    CrmRecordEntity.ACCOUNT, deal.getAccountId()));
        }
    }

    private void reconsiderIfOutOfScope(CrmRecordEntity record) {
        if (record != null && record.state == RecordState.OUT_OF_SCOPE) {
            resolutions.reconsider(record);
        }
    }
}
