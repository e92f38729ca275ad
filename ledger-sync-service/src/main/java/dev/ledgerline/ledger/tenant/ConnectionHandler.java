package dev.ledgerline.ledger.tenant;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.ledger.invoice.InvoiceLedger;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.ConnectionSettings;
import jakarta.inject.Singleton;

/** crm.connections.v1: the cut-off and the won-deal setting; invoices waiting for them are looked at again. */
@Singleton
public class ConnectionHandler extends RecordHandler<ConnectionSettings> {
    private final InvoiceLedger invoices;

    ConnectionHandler(InvoiceLedger invoices) {
        super(Topics.CONNECTIONS, ConnectionSettings.class, ConnectionSettings::getTenantId);
        this.invoices = invoices;
    }

    @Override
    public Outcome handle(ConnectionSettings settings) {
        ConnectionEntity connection = ConnectionEntity.find(settings.getTenantId(), settings.getConnectionId());
        if (connection != null && settings.getUpdatedAt().isBefore(connection.updatedAt)) {
            return Outcome.STALE;
        }
        boolean created = connection == null;
        if (created) {
            connection = new ConnectionEntity();
            connection.tenantId = settings.getTenantId();
            connection.connectionId = settings.getConnectionId();
        }
        connection.source = settings.getSource().name();
        connection.syncInvoicesSince = settings.getSyncInvoicesSince();
        connection.invoiceOnWonDeal = settings.getInvoiceOnWonDeal();
        connection.updatedAt = settings.getUpdatedAt();
        if (created) {
            connection.persist();
        }
        invoices.reconsider(connection);
        return Outcome.APPLIED;
    }
}
