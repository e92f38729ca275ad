package dev.ledgerline.ledger.invoice;

import dev.ledgerline.ledger.journal.DocumentDraft;
import dev.ledgerline.ledger.journal.DocumentKind;
import dev.ledgerline.ledger.journal.Journal;
import dev.ledgerline.ledger.journal.PostedDocument;
import dev.ledgerline.ledger.payment.PaymentEntity;
import dev.ledgerline.ledger.posting.JournalDraft;
import dev.ledgerline.ledger.posting.InvoiceKey;
import dev.ledgerline.ledger.posting.MoneyAllocation;
import dev.ledgerline.ledger.tenant.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Posts the documents of an invoice, and settles its money: the money received for an invoice is the larger of the
 * CRM's "amount paid" on the invoice and the sum of the payment records that name it, so that money the CRM reports
 * both ways (the invoice turns PAID, and a payment record arrives) is applied once. Each change of that figure is one
 * document: a PAYMENT when it grows (applied up to the invoice total, the excess as customer credit), an ADJUSTMENT
 * (a refund) when it shrinks.
 */
@ApplicationScoped
public class InvoicePostings {
    private final Journal journal;
    private final Tenants tenants;

    InvoicePostings(Journal journal, Tenants tenants) {
        this.journal = journal;
        this.tenants = tenants;
    }

    /** A payment as the cause of a posting, dated when the money was received. */
    public Cause causeOf(PaymentEntity payment) {
        return new Cause(payment.externalId, tenants.dateOf(payment.tenantId,
                payment.paidAt != null ? payment.paidAt : payment.sourceUpdatedAt));
    }

    /** The record that caused a posting: the document's source id and its accounting date. */
    public record Cause(String sourceExternalId, LocalDate date) {
    }

    /** Posts a document of the invoice with the next revision. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PostedDocument post(LedgerInvoiceEntity invoice, DocumentKind kind, Cause cause, BigDecimal total,
            List<DocumentDraft.SoldLine> lines, JournalDraft entry) {
        invoice.revision++;
        PostedDocument posted = journal.post(new DocumentDraft(invoice.tenantId, kind, invoice.id, null,
                invoice.revision, number(invoice, kind), cause.date(), kind == DocumentKind.INVOICE ? invoice.dueDate : null,
                invoice.customer, invoice.connectionId, invoice.source, cause.sourceExternalId(), invoice.dealId,
                kind == DocumentKind.INVOICE ? null : invoice.invoiceDocumentId, invoice.currency, total, lines, entry));
        invoice.lastDocumentId = posted.document().id;
        return posted;
    }

    /**
     * Brings the invoice's money received up to date. Payments newly applied to it (when it is first posted after
     * they arrived) each post their own document first; what remains is posted for the cause.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(LedgerInvoiceEntity invoice, List<PaymentEntity> newlyApplied, Cause cause) {
        BigDecimal recorded = PaymentEntity.recordedFor(invoice.id);
        BigDecimal running = recorded;
        for (PaymentEntity payment : newlyApplied) {
            running = running.subtract(payment.amount);
        }
        for (PaymentEntity payment : newlyApplied) {
            running = running.add(payment.amount);
            if (running.compareTo(invoice.received) > 0) {
                receive(invoice, running, causeOf(payment));
            }
        }
        BigDecimal target = invoice.crmAmountPaid.max(recorded);
        if (target.compareTo(invoice.received) != 0) {
            receive(invoice, target, cause);
        }
    }

    private void receive(LedgerInvoiceEntity invoice, BigDecimal received, Cause cause) {
        MoneyAllocation before = invoice.allocation();
        MoneyAllocation after = MoneyAllocation.of(invoice.receivable(), received);
        BigDecimal change = after.received().subtract(before.received());
        boolean refund = change.signum() < 0;
        JournalDraft entry = before.changeTo(after, refund ? "Refund of a payment" : "Payment received");
        post(invoice, refund ? DocumentKind.ADJUSTMENT : DocumentKind.PAYMENT, cause, change, List.of(), entry);
        invoice.allocate(after);
    }

    /** The CRM number for the invoice itself; the invoice's number, kind and revision for the documents after it. */
    private static String number(LedgerInvoiceEntity invoice, DocumentKind kind) {
        String base = invoice.number != null ? invoice.number
                : (invoice.origin == InvoiceKey.Origin.WON_DEAL ? "DEAL-" : "INV-")
                        + invoice.externalId;
        return kind == DocumentKind.INVOICE ? base
                : base + "/" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + invoice.revision;
    }
}
