package dev.ledgerline.simulator.company;

/** A payment's state: money arrived (and possibly went partly back), or the attempt failed. */
public enum PaymentStatus {
    SUCCEEDED, FAILED, PARTIALLY_REFUNDED
}
