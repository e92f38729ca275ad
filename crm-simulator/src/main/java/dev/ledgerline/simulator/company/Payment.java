package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.time.Instant;

/** Money a customer sent (or tried to): against an invoice, or at a checkout without one. */
public final class Payment extends Entity {
    private final BigDecimal amount;
    private final String currency;
    private final String method;
    private final PaymentSource source;
    private final String reference;
    private final String customerEmail;
    private final Long invoiceId;
    private final Long dealId;
    private final Long contactId;
    private PaymentStatus status;
    private BigDecimal refunded = BigDecimal.ZERO.setScale(2);

    Payment(long id, Instant initiatedAt, BigDecimal amount, String currency, String method, PaymentSource source,
            String reference, String customerEmail, Long invoiceId, Long dealId, Long contactId,
            PaymentStatus status) {
        super(id, initiatedAt);
        this.amount = amount;
        this.currency = currency;
        this.method = method;
        this.source = source;
        this.reference = reference;
        this.customerEmail = customerEmail;
        this.invoiceId = invoiceId;
        this.dealId = dealId;
        this.contactId = contactId;
        this.status = status;
    }

    /** The amount initially paid (or attempted), before refunds. */
    public BigDecimal amount() {
        return amount;
    }

    public BigDecimal refunded() {
        return refunded;
    }

    public String currency() {
        return currency;
    }

    /** Payment method: card, ach, sepa. */
    public String method() {
        return method;
    }

    public PaymentSource source() {
        return source;
    }

    public String reference() {
        return reference;
    }

    public String customerEmail() {
        return customerEmail;
    }

    public Long invoiceId() {
        return invoiceId;
    }

    public Long dealId() {
        return dealId;
    }

    public Long contactId() {
        return contactId;
    }

    public PaymentStatus status() {
        return status;
    }

    /** When the payment was initiated (its creation). */
    public Instant initiatedAt() {
        return createdAt();
    }

    void refund(BigDecimal amount, Instant at) {
        refunded = refunded.add(amount);
        status = PaymentStatus.PARTIALLY_REFUNDED;
        touch(at);
    }
}
