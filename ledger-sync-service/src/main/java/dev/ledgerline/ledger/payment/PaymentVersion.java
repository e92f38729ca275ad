package dev.ledgerline.ledger.payment;

import dev.ledgerline.ledger.posting.RejectedRecord;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Payment;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One version of a CRM payment. {@code amount} is net of the refunds the CRM booked, so a refund arrives as a
 * smaller amount.
 */
public record PaymentVersion(String tenantId, String connectionId, String source, String externalId,
        Instant sourceUpdatedAt, boolean deleted, String invoiceId, String dealId, String contactId,
        String customerName, String customerEmail, BigDecimal amount, String currency, String method, String kind,
        String reference, Instant paidAt) {

    public static PaymentVersion of(Payment payment) {
        boolean deleted = payment.getOp() == Op.DELETE;
        if (!deleted && payment.getAmount() == null) {
            throw new RejectedRecord(RejectedRecord.INVALID_RECORD, "Payment " + payment.getExternalId() + " has no amount");
        }
        if (!deleted && payment.getAmount().getAmount().signum() < 0) {
            throw new RejectedRecord(RejectedRecord.INVALID_RECORD, "Payment " + payment.getExternalId()
                    + " has a negative amount " + payment.getAmount().getAmount().toPlainString()
                    + "; refunds arrive as a smaller amount of the payment they refund");
        }
        return new PaymentVersion(payment.getTenantId(), payment.getConnectionId(), payment.getSource().name(),
                payment.getExternalId(), payment.getSourceUpdatedAt(), deleted, payment.getInvoiceId(),
                payment.getDealId(), payment.getContactId(), payment.getCustomerName(), payment.getCustomerEmail(),
                payment.getAmount() == null ? null : payment.getAmount().getAmount(),
                payment.getAmount() == null ? null : payment.getAmount().getCurrency(), payment.getMethod(),
                payment.getKind().name(), payment.getReference(), payment.getPaidAt());
    }
}
