package dev.ledgerline.kpi.compute;

import java.util.Arrays;

/**
 * The buckets of one slice of a tenant, by epoch day, with the running total of their stock deltas.
 *
 * <p>A window query sums the non-empty buckets of its days. The stock at the end of day T is the running
 * total minus the deltas of the days after T, so its cost is the number of non-empty days after T: zero for
 * today, small for recent days, and never growing with the length of history before T.
 *
 * <p>The days are a sorted primitive array beside their buckets, found by binary search: every record applies
 * its deltas here, and a tree map of boxed days cost a fifth of the topology's time (JFR); a new day shifts at
 * most a few hundred references, and days are added far more rarely than they are updated.
 */
public final class DaySeries {
    private static final int INITIAL_CAPACITY = 8;

    private long[] days = new long[INITIAL_CAPACITY];
    private DayBucket[] buckets = new DayBucket[INITIAL_CAPACITY];
    private int size;
    /** The running total of the buckets' stock deltas (only its stock fields are used). */
    private final DayBucket stockTotal = new DayBucket();

    public void apply(long epochDay, DayBucket delta) {
        var index = Arrays.binarySearch(days, 0, size, epochDay);
        if (index < 0) {
            index = -index - 1;
            insert(index, epochDay);
        }
        var bucket = buckets[index];
        bucket.add(delta, 1);
        if (bucket.isEmpty()) {
            remove(index);
        }
        delta.addStockTo(stockTotal, 1);
    }

    /** The sum of the buckets from {@code range.first} to {@code range.last}, both inclusive. */
    public DayBucket sum(DayRange range) {
        var sum = new DayBucket();
        for (var i = firstAtOrAfter(range.firstEpochDay()); i < size && days[i] <= range.lastEpochDay(); i++) {
            sum.add(buckets[i], 1);
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
        for (var i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Latest first day first: the pass backwards reaches the shortest range's start first.
        Arrays.sort(order, (a, b) -> Long.compare(firstEpochDays[b], firstEpochDays[a]));
        var sums = new DayBucket[firstEpochDays.length];
        var running = new DayBucket();
        var next = 0;
        for (var i = firstAtOrAfter(lastEpochDay + 1) - 1; i >= 0 && next < order.length; i--) {
            while (next < order.length && firstEpochDays[order[next]] > days[i]) {
                sums[order[next++]] = running.copy();
            }
            if (next < order.length) {
                running.add(buckets[i], 1);
            }
        }
        while (next < order.length) {
            sums[order[next++]] = running.copy();
        }
        return sums;
    }

    /** The open-deal stock at the end of {@code epochDay}. */
    public StockPosition stockAt(long epochDay) {
        var stock = new DayBucket();
        stockTotal.addStockTo(stock, 1);
        for (var i = firstAtOrAfter(epochDay + 1); i < size; i++) {
            buckets[i].addStockTo(stock, -1);
        }
        return stock.stockDelta();
    }

    /** The days with a non-empty bucket. */
    public int dayCount() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The index of the first day at or after {@code epochDay}; {@code size} when there is none. */
    private int firstAtOrAfter(long epochDay) {
        var index = Arrays.binarySearch(days, 0, size, epochDay);
        return index >= 0 ? index : -index - 1;
    }

    private void insert(int index, long epochDay) {
        if (size == days.length) {
            days = Arrays.copyOf(days, size * 2);
            buckets = Arrays.copyOf(buckets, size * 2);
        }
        System.arraycopy(days, index, days, index + 1, size - index);
        System.arraycopy(buckets, index, buckets, index + 1, size - index);
        days[index] = epochDay;
        buckets[index] = new DayBucket();
        size++;
    }

    private void remove(int index) {
        System.arraycopy(days, index + 1, days, index, size - index - 1);
        System.arraycopy(buckets, index + 1, buckets, index, size - index - 1);
        size--;
        buckets[size] = null;
    }
}
