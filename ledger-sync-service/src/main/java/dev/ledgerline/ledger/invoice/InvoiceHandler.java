package dev.ledgerline.ledger.invoice;

import dev.ledgerline.ledger.consume.Outcome;
import dev.ledgerline.ledger.consume.RecordHandler;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Invoice;
import jakarta.enterprise.context.ApplicationScoped;

/** crm.invoices.v1. */
@ApplicationScoped
public class InvoiceHandler implements RecordHandler<Invoice> {
    private final InvoiceLedger ledger;

    InvoiceHandler(InvoiceLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String topic() {
        return Topics.INVOICES;
    }

    @Override
    public Class<Invoice> type() {
        return Invoice.class;
    }

    @Override
    public String tenantOf(Invoice value) {
        return value.getTenantId();
    }

    @Override
    public Outcome handle(Invoice invoice) {
        return ledger.apply(InvoiceVersions.fromInvoice(invoice));
    }
}
