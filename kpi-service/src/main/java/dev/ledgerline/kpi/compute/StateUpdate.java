package dev.ledgerline.kpi.compute;

import java.util.List;

/**
 * The result of one input record for one deal or lead key: what to store and which buckets to change.
 *
 * @param state the state to store under the key now; null means delete the key. Equal to the current
 *     state when nothing changed (REJECTED, or STALE without effect).
 * @param changes bucket deltas to apply; empty when no KPI changes (e.g. a re-sync of the same state)
 */
public record StateUpdate<S>(RecordOutcome outcome, S state, List<BucketChange> changes) {
}
