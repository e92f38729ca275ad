package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An invoice for a won deal, with copies of the deal's lines; paid by one or more payments. */
public final class Invoice extends Entity {
    private final String number;
    private final String currency;
    private final LocalDate invoiceDate;
    private final LocalDate dueDate;
    private final BigDecimal billed;
    private final Long contactId;
    private final Long accountId;
    private final long dealId;
    private final List<Long> lineItemIds;
    private InvoiceStatus status;
    private BigDecimal paid = BigDecimal.ZERO.setScale(2);
    private Instant paidAt;

    Invoice(long id, Instant createdAt, String number, String currency, LocalDate invoiceDate, LocalDate dueDate,
            BigDecimal billed, Long contactId, Long accountId, long dealId, List<Long> lineItemIds,
            InvoiceStatus status) {
        super(id, createdAt);
        this.number = number;
        this.currency = currency;
        this.invoiceDate = invoiceDate;
        this.dueDate = dueDate;
        this.billed = billed;
        this.contactId = contactId;
        this.accountId = accountId;
        this.dealId = dealId;
        this.lineItemIds = List.copyOf(lineItemIds);
        this.status = status;
    }

    public String number() {
        return number;
    }

    public String currency() {
        return currency;
    }

    public LocalDate invoiceDate() {
        return invoiceDate;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    /** The invoice total. */
    public BigDecimal billed() {
        return billed;
    }

    /** What payments have settled so far. */
    public BigDecimal paid() {
        return paid;
    }

    /** What is still due; zero once paid, the whole total while a draft or voided one is unpaid. */
    public BigDecimal balance() {
        return billed.subtract(paid);
    }

    /** When the last payment settled it in full; null until then. */
    public Instant paidAt() {
        return paidAt;
    }

    public InvoiceStatus status() {
        return status;
    }

    public Long contactId() {
        return contactId;
    }

    public Long accountId() {
        return accountId;
    }

    public long dealId() {
        return dealId;
    }

    public List<Long> lineItemIds() {
        return lineItemIds;
    }

    void status(InvoiceStatus status, Instant at) {
        this.status = status;
        touch(at);
    }

    /** Books a payment: the balance shrinks; paid in full, the invoice is paid. */
    void settle(BigDecimal amount, Instant at) {
        paid = paid.add(amount);
        if (paid.compareTo(billed) >= 0) {
            status = InvoiceStatus.PAID;
            paidAt = at;
        }
        touch(at);
    }
}
