package dev.ledgerline.kpi.compute;

/**
 * One received version of a lead, reduced to what the KPIs read. This is also the whole per-lead state
 * the engine keeps: the latest accepted version.
 *
 * @param progress null when the record carries no status
 */
public record LeadVersion(
        long sourceUpdatedAt, boolean deleted, Long createdAt, LeadProgress progress, String ownerId, String leadSource) {

    public static LeadVersion deletion(long sourceUpdatedAt) {
        return new LeadVersion(sourceUpdatedAt, true, null, null, null, null);
    }
}
