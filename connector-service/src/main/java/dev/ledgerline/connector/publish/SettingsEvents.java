package dev.ledgerline.connector.publish;

import dev.ledgerline.outbox.Outbox;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.ConnectionSettings;
import dev.ledgerline.wire.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes tenant and connection settings through the outbox, in the transaction that changed them: the change and
 * its event commit or roll back together, and the relay delivers the event even if this process dies right after
 * the commit. Keyed tenant (tenants.v1) and tenant|connection (crm.connections.v1).
 */
@ApplicationScoped
public class SettingsEvents {
    private final Outbox outbox;

    SettingsEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void tenantSettingsChanged(TenantSettings settings) {
        outbox.append(Topics.TENANTS, Keys.of(settings.getTenantId()), settings);
    }

    public void connectionChanged(ConnectionSettings settings) {
        outbox.append(Topics.CONNECTIONS, Keys.of(settings.getTenantId(), settings.getConnectionId()), settings);
    }
}
