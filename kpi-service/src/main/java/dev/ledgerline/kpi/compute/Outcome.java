package dev.ledgerline.kpi.compute;

/** What became of one input record. */
public enum Outcome {
    /** It is the deal's or lead's latest state now (a DELETE version included). */
    ACCEPTED,
    /** Older than the stored version: ignored, except that a stale OPEN deal version may still update the
     * remembered last-open probability. */
    STALE,
    /** Invalid: nothing changed; dead-letter it. */
    REJECTED,
    /** A tombstone: the state and every contribution are gone. */
    REMOVED
}
