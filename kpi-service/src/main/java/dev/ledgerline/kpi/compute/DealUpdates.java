package dev.ledgerline.kpi.compute;

import java.util.List;

/**
 * The per-deal state machine: given the stored state and an incoming version, what to store and which
 * bucket deltas to apply. Pure functions, so a Kafka Streams processor and {@link TenantKpiState} share them.
 */
public final class DealUpdates {
    private DealUpdates() {
    }

    /** Applies one version (UPSERT or DELETE) to the stored state ({@code current} null when none). */
    public static StateUpdate<DealState> apply(TenantProfile profile, DealState current, DealVersion incoming) {
        if (!incoming.deleted()) {
            var reason = validate(incoming);
            if (reason != null) {
                return new StateUpdate<>(RecordOutcome.rejected(reason), current, List.of());
            }
        }
        var lastOpen = rememberOpen(current == null ? null : current.lastOpen(), incoming);
        var stale = current != null && incoming.sourceUpdatedAt() < current.latest().sourceUpdatedAt();
        // A stale version is not the latest, yet a stale OPEN version may be the last open one seen.
        var next = new DealState(stale ? current.latest() : incoming, lastOpen);
        return new StateUpdate<>(
                stale ? RecordOutcome.STALE : RecordOutcome.ACCEPTED,
                next,
                Contributions.dealChange(profile, current, next));
    }

    /** Applies a tombstone: the deal and all its contributions are gone, its version history forgotten. */
    public static StateUpdate<DealState> tombstone(TenantProfile profile, DealState current) {
        return new StateUpdate<>(RecordOutcome.REMOVED, null, Contributions.dealChange(profile, current, null));
    }

    /** Why an UPSERT version is invalid, or null when it is valid. */
    public static RejectReason validate(DealVersion deal) {
        if (deal.createdAt() == null) {
            return RejectReason.MISSING_CREATED_AT;
        }
        if (deal.stage() == null) {
            return RejectReason.MISSING_STAGE_CATEGORY;
        }
        if (isNegative(deal.amount()) || isNegative(deal.amountInHomeCurrency())) {
            return RejectReason.NEGATIVE_AMOUNT;
        }
        if (deal.stage().isClosed() && deal.closedAt() == null) {
            return RejectReason.CLOSED_WITHOUT_CLOSED_AT;
        }
        if (deal.stage().isClosed() && deal.closedAt() < deal.createdAt()) {
            return RejectReason.CLOSED_BEFORE_CREATED;
        }
        return null;
    }

    private static boolean isNegative(Amount amount) {
        return amount != null && amount.value().signum() < 0;
    }

    private static DealState.LastOpen rememberOpen(DealState.LastOpen known, DealVersion incoming) {
        var isOpen = !incoming.deleted() && incoming.stage() == DealStage.OPEN;
        if (isOpen && (known == null || incoming.sourceUpdatedAt() >= known.sourceUpdatedAt())) {
            return new DealState.LastOpen(incoming.sourceUpdatedAt(), incoming.probability());
        }
        return known;
    }
}
