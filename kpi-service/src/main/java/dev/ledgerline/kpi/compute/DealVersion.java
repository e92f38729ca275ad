package dev.ledgerline.kpi.compute;

/**
 * One received version of a deal, reduced to what the KPIs read; independent of the time zone and home
 * currency so that it can be re-derived when they change. Instants are epoch milliseconds; boxed fields are
 * null when the record does not carry them.
 *
 * @param deleted true for a DELETE record: a version that removes the deal's contributions
 */
public record DealVersion(
        long sourceUpdatedAt,
        boolean deleted,
        Long createdAt,
        Long closedAt,
        DealStage stage,
        Amount amount,
        Amount amountInHomeCurrency,
        Double probability,
        String ownerId,
        String pipelineId,
        String leadSource) {

    /** A DELETE record: every other field is irrelevant. */
    public static DealVersion deletion(long sourceUpdatedAt) {
        return new DealVersion(sourceUpdatedAt, true, null, null, null, null, null, null, null, null, null);
    }
}
