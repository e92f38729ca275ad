package dev.ledgerline.ledger.invoice;

import dev.ledgerline.ledger.rest.CustomerRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A ledger invoice as {@code GET /invoices} shows it. {@code status}: OPEN (nothing applied), PARTIALLY_PAID, PAID,
 * VOID; {@code openBalance} is what the customer still owes on it, {@code customerCredit} what was received beyond
 * its total (or for it once voided).
 */
public record InvoiceView(UUID id, String number, String status, String origin, String source, String connectionId,
        String externalId, CustomerRef customer, String dealId, String currency, LocalDate issueDate,
        LocalDate dueDate, List<Line> lines, BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal total,
        BigDecimal amountApplied, BigDecimal openBalance, BigDecimal customerCredit) {

    public record Line(String description, String productId, String itemId, String sku, BigDecimal quantity,
            BigDecimal unitPrice, BigDecimal discountAmount, BigDecimal taxAmount, BigDecimal amount) {
    }

    /** Status filter of {@code GET /invoices}. */
    public enum Status {
        OPEN, PARTIALLY_PAID, PAID, VOID
    }
}
