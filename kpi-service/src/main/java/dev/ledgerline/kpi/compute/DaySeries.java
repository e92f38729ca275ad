package dev.ledgerline.kpi.compute;

import java.util.Arrays;
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

    /**
     * The sums of several ranges that all end on {@code lastEpochDay}, in one pass backwards from it: each
     * bucket is added once, and a range's sum is copied when the pass leaves its first day. Equal to
     * {@link #sum} of each range (sums are exact, so the order of the additions does not matter).
     *
     * @param firstEpochDays the first day of each range, each at most {@code lastEpochDay}
     * @return the sum of each range, in the order of {@code firstEpochDays}
     */
    public DayBucket[] sumsEndingOn(long lastEpochDay, long[] firstEpochDays) {
        var order = new Integer[firstEpochDays.length];
        var earliest = lastEpochDay;
        for (var i = 0; i < order.length; i++) {
            order[i] = i;
            earliest = Math.min(earliest, firstEpochDays[i]);
        }
        // Latest first day first: the pass backwards reaches the shortest range's start first.
        Arrays.sort(order, (a, b) -> Long.compare(firstEpochDays[b], firstEpochDays[a]));
        var sums = new DayBucket[firstEpochDays.length];
        var running = new DayBucket();
        var next = 0;
        for (var day : days.subMap(earliest, true, lastEpochDay, true).descendingMap().entrySet()) {
            while (next < order.length && firstEpochDays[order[next]] > day.getKey()) {
                sums[order[next++]] = running.copy();
            }
            running.add(day.getValue(), 1);
        }
        while (next < order.length) {
            sums[order[next++]] = running.copy();
        }
        return sums;
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
