package dev.ledgerline.ledger.customer;

/** How a ledger customer came to exist. */
public enum CustomerOrigin {
    /** From customers.v1 (identity resolution), or a customer the ledger created that customers.v1 then claimed. */
    CUSTOMERS,
    /** Created for an invoice whose customer matched neither a source link nor an email. */
    INVOICE,
    /** Created for a payment without invoice whose payer matched nothing. */
    PAYMENT,
    /** Named by a won deal before its customers.v1 record arrived. */
    WON_DEAL
}
