package dev.ledgerline.connector.sync;

/** QUEUED until the connection's lease is taken; SKIPPED for an entity the CRM does not expose to this connection. */
public enum SyncRunState {
    QUEUED, RUNNING, SUCCEEDED, SKIPPED, FAILED
}
