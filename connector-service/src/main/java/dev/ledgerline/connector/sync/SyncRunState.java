package dev.ledgerline.connector.sync;

/**
 * QUEUED until the connection's lease is taken; SKIPPED for an entity the CRM does not expose to this connection;
 * INCOMPLETE for a run (and the entity it was in) that stopped on purpose before reading everything, to go on from
 * its cursors in the next run.
 */
public enum SyncRunState {
    QUEUED, RUNNING, SUCCEEDED, SKIPPED, INCOMPLETE, FAILED
}
