package dev.ledgerline.ledger.quickbooks;

/** PENDING: to be pushed (again); SYNCED: QuickBooks holds it ({@code qbo_id}); FAILED: given up, with the reason. */
public enum SyncState {
    PENDING, SYNCED, FAILED
}
