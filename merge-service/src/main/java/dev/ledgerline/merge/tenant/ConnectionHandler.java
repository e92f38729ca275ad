package dev.ledgerline.merge.tenant;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.merge.catalog.ProductHandler;
import dev.ledgerline.merge.resolve.CrmRecordEntity;
import dev.ledgerline.merge.resolve.RecordState;
import dev.ledgerline.merge.resolve.Resolutions;
import dev.ledgerline.merge.review.ReviewItemEntity;
import dev.ledgerline.merge.review.ReviewReason;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.ConnectionSettings;
import dev.ledgerline.wire.CustomerScope;
import jakarta.inject.Singleton;

/**
 * crm.connections.v1: a connection's autoMerge, customerScope and syncProducts. A change applies to the records
 * already held: auto-merge turned on creates the customers that waited for review for want of a match; ALL_CONTACTS
 * resolves the contacts out of scope; syncProducts turned on brings the stored products into the catalog. A change
 * the other way keeps what exists (customers and items are never taken back by a setting).
 */
@Singleton
public class ConnectionHandler extends RecordHandler<ConnectionSettings> {
    private final Resolutions resolutions;
    private final ProductHandler products;
    private final TenantLock lock;

    ConnectionHandler(Resolutions resolutions, ProductHandler products, TenantLock lock) {
        super(Topics.CONNECTIONS, ConnectionSettings.class, ConnectionSettings::getTenantId);
        this.resolutions = resolutions;
        this.products = products;
        this.lock = lock;
    }

    @Override
    public Outcome handle(ConnectionSettings settings) {
        lock.lock(settings.getTenantId());
        ConnectionSettingsEntity stored = ConnectionSettingsEntity.find(settings.getTenantId(),
                settings.getConnectionId());
        if (stored != null && settings.getUpdatedAt().isBefore(stored.updatedAt)) {
            return Outcome.STALE;
        }
        ConnectionRules before = ConnectionRules.of(settings.getTenantId(), settings.getConnectionId());
        if (stored == null) {
            stored = new ConnectionSettingsEntity();
            stored.tenantId = settings.getTenantId();
            stored.connectionId = settings.getConnectionId();
        }
        stored.source = settings.getSource().name();
        stored.autoMerge = settings.getAutoMerge();
        stored.customerScope = settings.getCustomerScope().name();
        stored.syncProducts = settings.getSyncProducts();
        stored.updatedAt = settings.getUpdatedAt();
        if (!stored.isPersistent()) {
            stored.persist();
        }
        String tenant = stored.tenantId;
        String connection = stored.connectionId;
        if (!before.autoMerge() && stored.autoMerge) {
            for (CrmRecordEntity record : CrmRecordEntity.inState(tenant, connection, RecordState.IN_REVIEW)) {
                ReviewItemEntity open = ReviewItemEntity.openFor(record.id);
                if (open != null && open.reason == ReviewReason.NO_MATCH_AUTO_MERGE_OFF) {
                    resolutions.reconsider(record);
                }
            }
        }
        if (!before.allContacts() && settings.getCustomerScope() == CustomerScope.ALL_CONTACTS) {
            CrmRecordEntity.inState(tenant, connection, RecordState.OUT_OF_SCOPE).forEach(resolutions::reconsider);
        }
        if (!before.syncProducts() && stored.syncProducts) {
            products.syncAll(tenant, connection);
        }
        return Outcome.APPLIED;
    }
}
