package dev.ledgerline.connector.sync;

/** What started a run. */
public enum SyncTrigger {
    API, SCHEDULE, WEBHOOK
}
