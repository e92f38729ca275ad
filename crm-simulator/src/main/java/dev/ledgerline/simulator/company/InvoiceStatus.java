package dev.ledgerline.simulator.company;

/** An invoice's state: drafted, sent and open (possibly partly paid), paid, or voided. */
public enum InvoiceStatus {
    DRAFT, OPEN, PAID, VOIDED
}
