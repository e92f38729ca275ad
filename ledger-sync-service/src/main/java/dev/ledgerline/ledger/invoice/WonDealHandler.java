package dev.ledgerline.ledger.invoice;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.ledger.posting.InvoiceKey;
import dev.ledgerline.ledger.tenant.ConnectionEntity;
import dev.ledgerline.ledger.tenant.Tenants;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.ResolvedDeal;
import jakarta.inject.Singleton;

/**
 * deals.resolved.v1, for connections that invoice won deals (ConnectionSettings.invoiceOnWonDeal, off by default):
 * a deal reaching WON is invoiced from its line items and prices; a deal invoiced this way that leaves WON is voided.
 * Deals of other connections are passed over; until the connection record is known, won deals are kept and wait.
 */
@Singleton
public class WonDealHandler extends RecordHandler<ResolvedDeal> {
    private final InvoiceLedger ledger;
    private final Tenants tenants;

    WonDealHandler(InvoiceLedger ledger, Tenants tenants) {
        super(Topics.RESOLVED_DEALS, ResolvedDeal.class, ResolvedDeal::getTenantId);
        this.ledger = ledger;
        this.tenants = tenants;
    }

    @Override
    public Outcome handle(ResolvedDeal resolved) {
        Deal deal = resolved.getDeal();
        ConnectionEntity connection = ConnectionEntity.find(resolved.getTenantId(), deal.getConnectionId());
        if (connection != null && !connection.invoiceOnWonDeal) {
            return Outcome.IGNORED;
        }
        boolean known = SourceInvoiceEntity.find(new InvoiceKey(resolved.getTenantId(), deal.getConnectionId(),
                deal.getSource().name(), InvoiceKey.Origin.WON_DEAL, deal.getExternalId())) != null;
        boolean won = InvoiceVersions.isWon(resolved);
        if (won ? !InvoiceVersions.hasSomethingToInvoice(resolved) : !known) {
            // Nothing to invoice: neither line items nor an amount, or a deal that never was invoiced as won.
            return Outcome.IGNORED;
        }
        return ledger.apply(InvoiceVersions.fromWonDeal(resolved, tenants.zoneOf(resolved.getTenantId())));
    }
}
