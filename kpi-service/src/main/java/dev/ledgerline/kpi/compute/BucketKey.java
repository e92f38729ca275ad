package dev.ledgerline.kpi.compute;

/** Identifies a {@link DayBucket}: a tenant's dimension value on one calendar day (epoch day, tenant zone). */
public record BucketKey(String tenantId, Slice slice, long epochDay) {
}
