package dev.ledgerline.kpi.compute;

import java.util.TreeMap;

/**
 * The buckets of one slice of a tenant, by epoch day, with the running total of their stock deltas.
 *
 * <p>A window query sums the non-empty buckets of its days. The stock at the end of day T is the running
 * total minus the deltas of the days after T, so its cost is the number of non-empty days after T: zero for
 * today, small for recent days, and never growing with the length of history before T.
 */
public final class DaySeries {
    private final TreeMap<Long, DayBucket> days = new TreeMap<>();
    private StockPosition stockTotal = StockPosition.ZERO;

    public void apply(long epochDay, DayBucket delta) {
        var bucket = days.computeIfAbsent(epochDay, day -> new DayBucket());
        bucket.add(delta, 1);
        if (bucket.isEmpty()) {
            days.remove(epochDay);
        }
        stockTotal = stockTotal.plus(delta.stockDelta(), 1);
    }

    /** The sum of the buckets from {@code range.first} to {@code range.last}, both inclusive. */
    public DayBucket sum(DayRange range) {
        var sum = new DayBucket();
        for (var bucket : days.subMap(range.firstEpochDay(), true, range.lastEpochDay(), true).values()) {
            sum.add(bucket, 1);
        }
        return sum;
    }

    /** The open-deal stock at the end of {@code epochDay}. */
    public StockPosition stockAt(long epochDay) {
        var stock = stockTotal;
        for (var later : days.tailMap(epochDay, false).values()) {
            stock = stock.plus(later.stockDelta(), -1);
        }
        return stock;
    }

    /** The days with a non-empty bucket. */
    public int dayCount() {
        return days.size();
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }
}
