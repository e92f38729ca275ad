package dev.ledgerline.kpi.compute;

/** The outcome of one record, with the reason when it was rejected. */
public record RecordOutcome(Outcome outcome, RejectReason reason) {
    static final RecordOutcome ACCEPTED = new RecordOutcome(Outcome.ACCEPTED, null);
    static final RecordOutcome STALE = new RecordOutcome(Outcome.STALE, null);
    static final RecordOutcome REMOVED = new RecordOutcome(Outcome.REMOVED, null);

    static RecordOutcome rejected(RejectReason reason) {
        return new RecordOutcome(Outcome.REJECTED, reason);
    }
}
