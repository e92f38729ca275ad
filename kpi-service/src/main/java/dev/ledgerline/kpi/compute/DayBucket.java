package dev.ledgerline.kpi.compute;

import java.math.BigDecimal;

/**
 * Additive counters of one (tenant, dimension value, day): the flows that happened on that day and the
 * change of the open-deal stock on it. The same shape serves three purposes: a stored bucket, a signed
 * delta (what one record change adds to a bucket), and the sum of the buckets of a window. Everything is a
 * sum, so applying a delta and then its negation restores a bucket exactly.
 *
 * <p>Leads count on their created day. Deals count as created on their created day and as won or lost on
 * their closed day; the stock deltas are +1 (and + amount) on the created day and −1 on the closed day, so
 * the prefix sum up to a day is the stock at the end of that day.
 */
public final class DayBucket {
    private long leadsCreated;
    private long leadsQualified;
    private long leadsConverted;

    private long dealsCreated;
    private final DecimalSum createdAmountSum = new DecimalSum();
    private long createdAmountCount;
    private long createdUnconverted;

    private long wonCount;
    private final DecimalSum wonAmountSum = new DecimalSum();
    private long wonAmountCount;
    private long wonUnconverted;
    private long wonDurationMillisSum;
    /** floor(duration in days) → number of won deals. */
    private final DurationHistogram wonDurationDays = new DurationHistogram();

    private long lostCount;
    private final DecimalSum lostAmountSum = new DecimalSum();
    private long lostAmountCount;
    private long lostUnconverted;

    private long openDelta;
    private final DecimalSum pipelineDelta = new DecimalSum();
    private final DecimalSum weightedDelta = new DecimalSum();
    private long unconvertedOpenDelta;

    /** Adds {@code other} (sign +1) or subtracts it (sign −1). */
    public void add(DayBucket other, int sign) {
        leadsCreated += sign * other.leadsCreated;
        leadsQualified += sign * other.leadsQualified;
        leadsConverted += sign * other.leadsConverted;
        dealsCreated += sign * other.dealsCreated;
        createdAmountSum.add(other.createdAmountSum, sign);
        createdAmountCount += sign * other.createdAmountCount;
        createdUnconverted += sign * other.createdUnconverted;
        wonCount += sign * other.wonCount;
        wonAmountSum.add(other.wonAmountSum, sign);
        wonAmountCount += sign * other.wonAmountCount;
        wonUnconverted += sign * other.wonUnconverted;
        wonDurationMillisSum += sign * other.wonDurationMillisSum;
        wonDurationDays.add(other.wonDurationDays, sign);
        lostCount += sign * other.lostCount;
        lostAmountSum.add(other.lostAmountSum, sign);
        lostAmountCount += sign * other.lostAmountCount;
        lostUnconverted += sign * other.lostUnconverted;
        openDelta += sign * other.openDelta;
        pipelineDelta.add(other.pipelineDelta, sign);
        weightedDelta.add(other.weightedDelta, sign);
        unconvertedOpenDelta += sign * other.unconvertedOpenDelta;
    }

    /** Whether every counter equals {@code other}'s, amounts with their scale. */
    public boolean sameAs(DayBucket other) {
        return leadsCreated == other.leadsCreated && leadsQualified == other.leadsQualified
                && leadsConverted == other.leadsConverted
                && dealsCreated == other.dealsCreated && createdAmountSum.sameAs(other.createdAmountSum)
                && createdAmountCount == other.createdAmountCount && createdUnconverted == other.createdUnconverted
                && wonCount == other.wonCount && wonAmountSum.sameAs(other.wonAmountSum)
                && wonAmountCount == other.wonAmountCount && wonUnconverted == other.wonUnconverted
                && wonDurationMillisSum == other.wonDurationMillisSum && wonDurationDays.sameAs(other.wonDurationDays)
                && lostCount == other.lostCount && lostAmountSum.sameAs(other.lostAmountSum)
                && lostAmountCount == other.lostAmountCount && lostUnconverted == other.lostUnconverted
                && openDelta == other.openDelta && pipelineDelta.sameAs(other.pipelineDelta)
                && weightedDelta.sameAs(other.weightedDelta) && unconvertedOpenDelta == other.unconvertedOpenDelta;
    }

    public DayBucket copy() {
        var copy = new DayBucket();
        copy.add(this, 1);
        return copy;
    }

    /** True when every counter is zero: the bucket can be deleted, the delta changes nothing. */
    public boolean isEmpty() {
        // The counters first: a bucket is rarely empty, and its first non-zero counter answers without reading the
        // amounts' objects.
        return leadsCreated == 0 && leadsQualified == 0 && leadsConverted == 0
                && dealsCreated == 0 && createdAmountCount == 0 && createdUnconverted == 0
                && wonCount == 0 && wonAmountCount == 0 && wonUnconverted == 0 && wonDurationMillisSum == 0
                && lostCount == 0 && lostAmountCount == 0 && lostUnconverted == 0
                && openDelta == 0 && unconvertedOpenDelta == 0 && wonDurationDays.isEmpty()
                && createdAmountSum.signum() == 0 && wonAmountSum.signum() == 0 && lostAmountSum.signum() == 0
                && pipelineDelta.signum() == 0 && weightedDelta.signum() == 0;
    }

    /** The stock change this bucket carries, to keep running totals next to the buckets. */
    public StockPosition stockDelta() {
        return new StockPosition(openDelta, pipelineDelta.value(), weightedDelta.value(), unconvertedOpenDelta);
    }

    /** Adds this bucket's stock change ({@code sign} +1) or subtracts it (−1) from {@code total}. */
    void addStockTo(DayBucket total, int sign) {
        total.openDelta += sign * openDelta;
        total.pipelineDelta.add(pipelineDelta, sign);
        total.weightedDelta.add(weightedDelta, sign);
        total.unconvertedOpenDelta += sign * unconvertedOpenDelta;
    }

    // --- contributions, used by Contributions -------------------------------------------------------

    void addLead(LeadFacts lead) {
        leadsCreated++;
        leadsQualified += lead.qualified() ? 1 : 0;
        leadsConverted += lead.converted() ? 1 : 0;
    }

    void addDealCreated(DealFacts deal) {
        dealsCreated++;
        if (deal.homeAmount() != null) {
            createdAmountSum.add(deal.homeAmount(), 1);
            createdAmountCount++;
        }
        createdUnconverted += deal.unconverted() ? 1 : 0;
        addStock(deal, 1);
    }

    void addDealClosed(DealFacts deal) {
        if (deal.stage() == DealStage.WON) {
            wonCount++;
            if (deal.homeAmount() != null) {
                wonAmountSum.add(deal.homeAmount(), 1);
                wonAmountCount++;
            }
            wonUnconverted += deal.unconverted() ? 1 : 0;
            wonDurationMillisSum += deal.durationMillis();
            wonDurationDays.add(deal.durationMillis() / KpiCalculator.MILLIS_PER_DAY, 1);
        } else {
            lostCount++;
            if (deal.homeAmount() != null) {
                lostAmountSum.add(deal.homeAmount(), 1);
                lostAmountCount++;
            }
            lostUnconverted += deal.unconverted() ? 1 : 0;
        }
        addStock(deal, -1);
    }

    /** The deal enters the open stock ({@code sign} +1, on its created day) or leaves it (−1, its closed day). */
    private void addStock(DealFacts deal, int sign) {
        openDelta += sign;
        if (deal.homeAmount() != null) {
            pipelineDelta.add(deal.homeAmount(), sign);
        }
        weightedDelta.add(deal.weightedAmount(), sign);
        unconvertedOpenDelta += deal.unconverted() ? sign : 0;
    }

    // --- reading ------------------------------------------------------------------------------------

    public long leadsCreated() { return leadsCreated; }
    public long leadsQualified() { return leadsQualified; }
    public long leadsConverted() { return leadsConverted; }
    public long dealsCreated() { return dealsCreated; }
    public BigDecimal createdAmountSum() { return createdAmountSum.value(); }
    public long createdAmountCount() { return createdAmountCount; }
    public long createdUnconverted() { return createdUnconverted; }
    public long wonCount() { return wonCount; }
    public BigDecimal wonAmountSum() { return wonAmountSum.value(); }
    public long wonAmountCount() { return wonAmountCount; }
    public long wonUnconverted() { return wonUnconverted; }
    public long wonDurationMillisSum() { return wonDurationMillisSum; }
    /** The nearest-rank percentile of the won deals' whole-day durations (see {@link DurationHistogram}). */
    Long wonDurationDaysPercentile(int percent) { return wonDurationDays.nearestRank(percent, wonCount); }
    public long lostCount() { return lostCount; }
    public BigDecimal lostAmountSum() { return lostAmountSum.value(); }
    public long lostAmountCount() { return lostAmountCount; }
    public long lostUnconverted() { return lostUnconverted; }
    public long openDelta() { return openDelta; }
    public BigDecimal pipelineDelta() { return pipelineDelta.value(); }
    public BigDecimal weightedDelta() { return weightedDelta.value(); }
    public long unconvertedOpenDelta() { return unconvertedOpenDelta; }

    @Override
    public String toString() {
        return "DayBucket{leads=" + leadsCreated + "/" + leadsQualified + "/" + leadsConverted
                + ", created=" + dealsCreated + " sum=" + createdAmountSum + " n=" + createdAmountCount
                + " unconv=" + createdUnconverted
                + ", won=" + wonCount + " sum=" + wonAmountSum + " n=" + wonAmountCount + " unconv=" + wonUnconverted
                + " ms=" + wonDurationMillisSum + " days=" + wonDurationDays
                + ", lost=" + lostCount + " sum=" + lostAmountSum + " n=" + lostAmountCount + " unconv=" + lostUnconverted
                + ", open=" + openDelta + " pipeline=" + pipelineDelta + " weighted=" + weightedDelta
                + " unconvOpen=" + unconvertedOpenDelta + "}";
    }
}
