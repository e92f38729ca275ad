package dev.ledgerline.kpi.compute;

import java.util.Arrays;

/**
 * Whole days → number of won deals, as two parallel arrays sorted by day; never holds a zero count.
 *
 * <p>A bucket holds a handful of entries and a delta one, so sorted arrays beat a tree map: no entry object per
 * day, no boxing, and adding one histogram to another is a binary search per entry (JFR: the tree map's
 * insertions were a tenth of the topology's time).
 */
final class DurationHistogram {
    private static final long[] NONE = new long[0];

    private long[] days = NONE;
    private long[] counts = NONE;
    private int size;

    /** Adds {@code count} (negative to remove) won deals of {@code day} days. */
    void add(long day, long count) {
        if (count == 0) {
            return;
        }
        var index = Arrays.binarySearch(days, 0, size, day);
        if (index >= 0) {
            var next = counts[index] + count;
            if (next == 0) {
                remove(index);
            } else {
                counts[index] = next;
            }
            return;
        }
        insert(-index - 1, day, count);
    }

    /** Adds {@code other} times {@code sign}. */
    void add(DurationHistogram other, int sign) {
        for (var i = 0; i < other.size; i++) {
            add(other.days[i], sign * other.counts[i]);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Nearest rank over whole days: the smallest day with at least {@code percent} % of {@code total} at or
     * below it, or null when there is none (no won deal).
     */
    Long nearestRank(int percent, long total) {
        long atOrBelow = 0;
        for (var i = 0; i < size; i++) {
            atOrBelow += counts[i];
            if (100 * atOrBelow >= (long) percent * total) {
                return days[i];
            }
        }
        return null;
    }

    boolean sameAs(DurationHistogram other) {
        return size == other.size && Arrays.equals(days, 0, size, other.days, 0, size)
                && Arrays.equals(counts, 0, size, other.counts, 0, size);
    }

    private void insert(int index, long day, long count) {
        if (size == days.length) {
            var capacity = Math.max(4, size * 2);
            days = Arrays.copyOf(days, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
        System.arraycopy(days, index, days, index + 1, size - index);
        System.arraycopy(counts, index, counts, index + 1, size - index);
        days[index] = day;
        counts[index] = count;
        size++;
    }

    private void remove(int index) {
        System.arraycopy(days, index + 1, days, index, size - index - 1);
        System.arraycopy(counts, index + 1, counts, index, size - index - 1);
        size--;
    }

    @Override
    public String toString() {
        var text = new StringBuilder("{");
        for (var i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(days[i]).append('=').append(counts[i]);
        }
        return text.append('}').toString();
    }
}
