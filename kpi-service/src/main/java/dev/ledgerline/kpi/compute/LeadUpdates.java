package dev.ledgerline.kpi.compute;

import java.util.List;

/** The per-lead state machine; the same version rules as {@link DealUpdates}, without the open memory. */
public final class LeadUpdates {
    private LeadUpdates() {
    }

    public static StateUpdate<LeadVersion> apply(TenantProfile profile, LeadVersion current, LeadVersion incoming) {
        if (!incoming.deleted()) {
            var reason = validate(incoming);
            if (reason != null) {
                return new StateUpdate<>(RecordOutcome.rejected(reason), current, List.of());
            }
        }
        if (current != null && incoming.sourceUpdatedAt() < current.sourceUpdatedAt()) {
            return new StateUpdate<>(RecordOutcome.STALE, current, List.of());
        }
        return new StateUpdate<>(RecordOutcome.ACCEPTED, incoming, Contributions.leadChange(profile, current, incoming));
    }

    public static StateUpdate<LeadVersion> tombstone(TenantProfile profile, LeadVersion current) {
        return new StateUpdate<>(RecordOutcome.REMOVED, null, Contributions.leadChange(profile, current, null));
    }

    /** Why an UPSERT version is invalid, or null when it is valid. */
    public static RejectReason validate(LeadVersion lead) {
        if (lead.createdAt() == null) {
            return RejectReason.MISSING_CREATED_AT;
        }
        return lead.progress() == null ? RejectReason.MISSING_LEAD_STATUS : null;
    }
}
