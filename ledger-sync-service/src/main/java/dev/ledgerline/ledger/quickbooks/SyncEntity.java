package dev.ledgerline.ledger.quickbooks;

/** What a qbo_sync row pushes: a ledger customer or item, or a posted document by its kind. */
public enum SyncEntity {
    CUSTOMER, ITEM, INVOICE, SALES_RECEIPT, PAYMENT, ADJUSTMENT, VOID
}
