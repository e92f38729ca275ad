package dev.ledgerline.ledger.quickbooks;

import dev.ledgerline.ledger.journal.DocumentKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a push reads of the ledger, read in a short transaction so that no transaction spans a request. */
final class PushData {
    private PushData() {
    }

    /** A line as sent; {@code tax} is the sales tax the ledger posted on it (zero when untaxed). */
    record Line(String itemId, String description, BigDecimal quantity, BigDecimal amount, BigDecimal tax) {
        boolean taxed() {
            return tax != null && tax.signum() > 0;
        }
    }

    /**
     * A posted document with what its QuickBooks counterpart needs: the lines and figures to send (an adjustment of
     * an invoice sends the invoice as it now stands), the money applied to the invoice (a payment), and the document
     * whose QuickBooks object an adjustment or void changes ({@code target}); {@code invoiceNumber} is the number of
     * the invoice document a later document belongs to.
     */
    record Document(UUID id, DocumentKind kind, String number, LocalDate date, LocalDate dueDate, String currency,
            BigDecimal total, UUID customer, UUID ledgerInvoiceId, UUID paymentId, UUID target, List<Line> lines,
            BigDecimal invoiceDiscount, BigDecimal tax, BigDecimal applied, boolean movesMoney, boolean invoiceVoided,
            String paymentExternalId, String invoiceNumber) {
    }

    record Customer(UUID id, String displayName, String email) {
    }

    record Item(String itemId, String name, String sku, BigDecimal unitPrice) {
    }

    /** A qbo_sync row as the push starts. */
    record Row(UUID id, String tenantId, SyncEntity entity, String localId, UUID subject, UUID requestId, String qboType,
            String qboId, String syncToken, int attempts) {
        static Row of(QuickBooksSyncEntity entity) {
            return new Row(entity.id, entity.tenantId, entity.entity, entity.localId, entity.subject, entity.requestId,
                    entity.qboType, entity.qboId, entity.syncToken, entity.attempts);
        }

        boolean synced() {
            return qboId != null;
        }
    }
}
