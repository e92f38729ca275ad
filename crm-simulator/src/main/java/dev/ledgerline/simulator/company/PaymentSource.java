package dev.ledgerline.simulator.company;

/** What the customer paid through: an invoice's payment link, or a checkout without an invoice. */
public enum PaymentSource {
    INVOICE, CHECKOUT
}
