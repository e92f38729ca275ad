package dev.ledgerline.ledger.journal;

import dev.ledgerline.ledger.posting.InvoiceFigures.LineFigures;
import dev.ledgerline.ledger.posting.JournalDraft;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A document about to be posted. Its subject is an invoice ({@code ledgerInvoiceId}) or a payment posted on its own
 * ({@code paymentId}); {@code revision} numbers the subject's documents 1, 2, … and, with the subject, makes the
 * natural key that keeps a redelivered record from posting twice.
 *
 * @param lines what was sold (invoices, sales receipts), with the catalog item of each line when known
 */
public record DocumentDraft(
        String tenantId,
        DocumentKind kind,
        UUID ledgerInvoiceId,
        UUID paymentId,
        int revision,
        String number,
        LocalDate date,
        LocalDate dueDate,
        UUID customer,
        String connectionId,
        String source,
        String sourceExternalId,
        String dealId,
        UUID relatedDocumentId,
        String currency,
        BigDecimal total,
        List<SoldLine> lines,
        JournalDraft journal) {

    /** A line of the document and the catalog item it sells (null for a free-text line or an unknown product). */
    public record SoldLine(LineFigures figures, String itemId) {
    }

    /** The subject the document belongs to. */
    public UUID subject() {
        return ledgerInvoiceId != null ? ledgerInvoiceId : paymentId;
    }
}
