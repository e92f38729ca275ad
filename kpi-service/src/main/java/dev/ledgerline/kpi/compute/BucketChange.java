package dev.ledgerline.kpi.compute;

/**
 * Add {@code delta} to the bucket at {@code key} (creating it when absent, deleting it when it becomes
 * {@link DayBucket#isEmpty() empty}). Deltas may be shared between changes: never mutate one.
 */
public record BucketChange(BucketKey key, DayBucket delta) {
}
