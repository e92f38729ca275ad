package dev.ledgerline.ledger.payment;

/** What the ledger does with a payment's money. */
public enum PaymentRole {
    /** No invoice: posted on its own as a sales receipt (revenue). */
    RECEIPT,
    /** Counts towards its invoice's money received (posted in the invoice's documents). */
    INVOICE,
    /** Its invoice was voided or deleted before it was ever posted: posted on its own as customer credit. */
    UNAPPLIED,
    /** Its invoice is not in the ledger yet (unknown, a draft, or waiting for its connection record). */
    WAITING,
    /** Its invoice was created before the connection's cut-off: like the invoice, it never enters the ledger. */
    EXCLUDED,
    /** In another currency than its invoice: the ledger cannot apply it (see the reason). */
    REJECTED,
    /** Deleted in the CRM: whatever it posted is reversed. */
    DELETED
}
