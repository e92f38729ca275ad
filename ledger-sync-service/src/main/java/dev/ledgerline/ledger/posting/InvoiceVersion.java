package dev.ledgerline.ledger.posting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One version of an invoice as the CRM (or a won deal) states it, before the ledger checks its figures: amounts at
 * the wire's 4 decimals, all in {@code currency}, every optional figure as given (null when the CRM has none). Stored as the latest accepted version of
 * its invoice, so that it can be posted later (a connection record arriving late, a cut-off moved earlier).
 *
 * @param customerId the customers.v1 customer, when the source names it (won deals)
 * @param createdAt when the invoice came to exist, compared with the connection's syncInvoicesSince
 */
public record InvoiceVersion(
        InvoiceKey key,
        Instant sourceUpdatedAt,
        boolean deleted,
        Status status,
        String number,
        String customerId,
        String customerName,
        String customerEmail,
        String contactId,
        String accountId,
        String dealId,
        LocalDate issueDate,
        LocalDate dueDate,
        Instant createdAt,
        String currency,
        List<Line> lines,
        BigDecimal discountTotal,
        BigDecimal taxTotal,
        BigDecimal total,
        BigDecimal amountPaid,
        Instant paidAt,
        Instant voidedAt) {

    /** Normalised invoice status (the wire's InvoiceStatus without UNKNOWN, which the ledger refuses). */
    public enum Status {
        DRAFT, SENT, PARTIALLY_PAID, PAID, VOID
    }

    /**
     * One line as given: quantity × unit price is its list total; the discount is an amount or a rate of the list
     * total; the tax an amount or a rate of the net amount; {@code amount} is the net (after discount, before tax).
     */
    public record Line(String productId, String description, String sku, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal discountAmount, BigDecimal discountRate, BigDecimal taxRate, BigDecimal taxAmount,
            BigDecimal amount) {
    }

    /** This version with another creation time. */
    public InvoiceVersion createdAt(Instant created) {
        return new InvoiceVersion(key, sourceUpdatedAt, deleted, status, number, customerId, customerName,
                customerEmail, contactId, accountId, dealId, issueDate, dueDate, created, currency, lines,
                discountTotal, taxTotal, total, amountPaid, paidAt, voidedAt);
    }

    /** Whether the CRM considers the invoice issued: SENT, PARTIALLY_PAID or PAID. */
    public boolean issued() {
        return !deleted && (status == Status.SENT || status == Status.PARTIALLY_PAID || status == Status.PAID);
    }

    /** Whether the invoice is gone: voided or deleted in the CRM. */
    public boolean closed() {
        return deleted || status == Status.VOID;
    }
}
