package dev.ledgerline.ledger.payment;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Payment;
import jakarta.inject.Singleton;

/** crm.payments.v1. */
@Singleton
public class PaymentHandler extends RecordHandler<Payment> {
    private final PaymentLedger ledger;

    PaymentHandler(PaymentLedger ledger) {
        super(Topics.PAYMENTS, Payment.class, Payment::getTenantId);
        this.ledger = ledger;
    }

    @Override
    public Outcome handle(Payment payment) {
        return ledger.apply(PaymentVersion.of(payment));
    }
}
