package dev.ledgerline.consume;

/** What became of one input record (a tag of the records metric; the processed-event log keeps it). */
public enum Outcome {
    /** The service's state changed (something was stored, posted or published). */
    APPLIED,
    /** An older version than the one the service holds: nothing changed. */
    STALE,
    /** Nothing for the service in it (a setting turned off, a record the service does not keep). */
    IGNORED,
    /** Processed before (same content): skipped. */
    DUPLICATE,
    /** Refused or undecodable: sent to the topic's .dlq with the reason. */
    DEAD_LETTERED,
    /** A tombstone after a DELETE record: the DELETE carried the change. */
    TOMBSTONE
}
