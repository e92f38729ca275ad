package dev.ledgerline.ledger.payment;

import dev.ledgerline.ledger.consume.Outcome;
import dev.ledgerline.ledger.consume.RecordHandler;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Payment;
import jakarta.enterprise.context.ApplicationScoped;

/** crm.payments.v1. */
@ApplicationScoped
public class PaymentHandler implements RecordHandler<Payment> {
    private final PaymentLedger ledger;

    PaymentHandler(PaymentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String topic() {
        return Topics.PAYMENTS;
    }

    @Override
    public Class<Payment> type() {
        return Payment.class;
    }

    @Override
    public String tenantOf(Payment value) {
        return value.getTenantId();
    }

    @Override
    public Outcome handle(Payment payment) {
        return ledger.apply(PaymentVersion.of(payment));
    }
}
