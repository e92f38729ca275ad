package dev.ledgerline.connector.sync;

/** FULL re-reads every object from the list endpoints; INCREMENTAL reads what changed since the cursor. */
public enum SyncMode {
    FULL, INCREMENTAL
}
