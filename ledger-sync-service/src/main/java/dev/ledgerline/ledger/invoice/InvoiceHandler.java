package dev.ledgerline.ledger.invoice;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Invoice;
import jakarta.inject.Singleton;

/** crm.invoices.v1. */
@Singleton
public class InvoiceHandler extends RecordHandler<Invoice> {
    private final InvoiceLedger ledger;

    InvoiceHandler(InvoiceLedger ledger) {
        super(Topics.INVOICES, Invoice.class, Invoice::getTenantId);
        this.ledger = ledger;
    }

    @Override
    public Outcome handle(Invoice invoice) {
        return ledger.apply(InvoiceVersions.fromInvoice(invoice));
    }
}
