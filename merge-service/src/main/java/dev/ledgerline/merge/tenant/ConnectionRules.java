package dev.ledgerline.merge.tenant;

import dev.ledgerline.wire.CustomerScope;

/**
 * A connection's resolution settings, with the ConnectionSettings defaults (auto-merge on, DEALS_ONLY, products
 * synced) for a connection whose settings have not arrived yet.
 */
public record ConnectionRules(boolean autoMerge, CustomerScope customerScope, boolean syncProducts) {
    public static final ConnectionRules DEFAULTS = new ConnectionRules(true, CustomerScope.DEALS_ONLY, true);

    public static ConnectionRules of(String tenantId, String connectionId) {
        ConnectionSettingsEntity settings = ConnectionSettingsEntity.find(tenantId, connectionId);
        return settings == null ? DEFAULTS : new ConnectionRules(settings.autoMerge,
                CustomerScope.valueOf(settings.customerScope), settings.syncProducts);
    }

    public boolean allContacts() {
        return customerScope == CustomerScope.ALL_CONTACTS;
    }
}
