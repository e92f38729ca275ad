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
    private BigDecimal createdAmountSum = BigDecimal.ZERO;
    private long createdAmountCount;
    private long createdUnconverted;

    private long wonCount;
    private BigDecimal wonAmountSum = BigDecimal.ZERO;
    private long wonAmountCount;
    private long wonUnconverted;
    private long wonDurationMillisSum;
    /** floor(duration in days) → number of won deals. */
    private final DurationHistogram wonDurationDays = new DurationHistogram();

    private long lostCount;
    private BigDecimal lostAmountSum = BigDecimal.ZERO;
    private long lostAmountCount;
    private long lostUnconverted;

    private long openDelta;
    private BigDecimal pipelineDelta = BigDecimal.ZERO;
    private BigDecimal weightedDelta = BigDecimal.ZERO;
    private long unconvertedOpenDelta;

    /** Adds {@code other} (sign +1) or subtracts it (sign −1). */
    public void add(DayBucket other, int sign) {
        leadsCreated += sign * other.leadsCreated;
        leadsQualified += sign * other.leadsQualified;
        leadsConverted += sign * other.leadsConverted;
        dealsCreated += sign * other.dealsCreated;
        createdAmountSum = plus(createdAmountSum, other.createdAmountSum, sign);
        createdAmountCount += sign * other.createdAmountCount;
        createdUnconverted += sign * other.createdUnconverted;
        wonCount += sign * other.wonCount;
        wonAmountSum = plus(wonAmountSum, other.wonAmountSum, sign);
        wonAmountCount += sign * other.wonAmountCount;
        wonUnconverted += sign * other.wonUnconverted;
        wonDurationMillisSum += sign * other.wonDurationMillisSum;
        wonDurationDays.add(other.wonDurationDays, sign);
        lostCount += sign * other.lostCount;
        lostAmountSum = plus(lostAmountSum, other.lostAmountSum, sign);
        lostAmountCount += sign * other.lostAmountCount;
        lostUnconverted += sign * other.lostUnconverted;
        openDelta += sign * other.openDelta;
        pipelineDelta = plus(pipelineDelta, other.pipelineDelta, sign);
        weightedDelta = plus(weightedDelta, other.weightedDelta, sign);
        unconvertedOpenDelta += sign * other.unconvertedOpenDelta;
    }

    /**
     * {@code sum + sign × addend}; for ±1 without the multiplication, which neither changes the value nor the
     * scale (the scale of a sum is the larger one either way). This runs for every bucket a window sums.
     */
    static BigDecimal plus(BigDecimal sum, BigDecimal addend, int sign) {
        if (addend.signum() == 0 && addend.scale() <= sum.scale()) {
            // Most addends of a sum are zero (a delta carries one or two amounts): same value, same scale.
            return sum;
        }
        return switch (sign) {
            case 1 -> sum.add(addend);
            case -1 -> sum.subtract(addend);
            default -> sum.add(addend.multiply(BigDecimal.valueOf(sign)));
        };
    }

    /** Whether every counter equals {@code other}'s, amounts with their scale. */
    public boolean sameAs(DayBucket other) {
        return leadsCreated == other.leadsCreated && leadsQualified == other.leadsQualified
                && leadsConverted == other.leadsConverted
                && dealsCreated == other.dealsCreated && createdAmountSum.equals(other.createdAmountSum)
                && createdAmountCount == other.createdAmountCount && createdUnconverted == other.createdUnconverted
                && wonCount == other.wonCount && wonAmountSum.equals(other.wonAmountSum)
                && wonAmountCount == other.wonAmountCount && wonUnconverted == other.wonUnconverted
                && wonDurationMillisSum == other.wonDurationMillisSum && wonDurationDays.sameAs(other.wonDurationDays)
                && lostCount == other.lostCount && lostAmountSum.equals(other.lostAmountSum)
                && lostAmountCount == other.lostAmountCount && lostUnconverted == other.lostUnconverted
                && openDelta == other.openDelta && pipelineDelta.equals(other.pipelineDelta)
                && weightedDelta.equals(other.weightedDelta) && unconvertedOpenDelta == other.unconvertedOpenDelta;
    }

    public DayBucket copy() {
        var copy = new DayBucket();
        copy.add(this, 1);
        return copy;
    }

    /** True when every counter is zero: the bucket can be deleted, the delta changes nothing. */
    public boolean isEmpty() {
        return leadsCreated == 0 && leadsQualified == 0 && leadsConverted == 0
                && dealsCreated == 0 && createdAmountSum.signum() == 0 && createdAmountCount == 0
                && createdUnconverted == 0
                && wonCount == 0 && wonAmountSum.signum() == 0 && wonAmountCount == 0 && wonUnconverted == 0
                && wonDurationMillisSum == 0 && wonDurationDays.isEmpty()
                && lostCount == 0 && lostAmountSum.signum() == 0 && lostAmountCount == 0 && lostUnconverted == 0
                && openDelta == 0 && pipelineDelta.signum() == 0 && weightedDelta.signum() == 0
                && unconvertedOpenDelta == 0;
    }

    /** The stock change this bucket carries, to keep running totals next to the buckets. */
    public StockPosition stockDelta() {
        return new StockPosition(openDelta, pipelineDelta, weightedDelta, unconvertedOpenDelta);
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
            createdAmountSum = createdAmountSum.add(deal.homeAmount());
            createdAmountCount++;
        }
        createdUnconverted += deal.unconverted() ? 1 : 0;
        addStock(1, amountOrZero(deal), deal.weightedAmount(), deal.unconverted() ? 1 : 0);
    }

    void addDealClosed(DealFacts deal) {
        if (deal.stage() == DealStage.WON) {
            wonCount++;
            if (deal.homeAmount() != null) {
                wonAmountSum = wonAmountSum.add(deal.homeAmount());
                wonAmountCount++;
            }
            wonUnconverted += deal.unconverted() ? 1 : 0;
            wonDurationMillisSum += deal.durationMillis();
            wonDurationDays.add(deal.durationMillis() / KpiCalculator.MILLIS_PER_DAY, 1);
        } else {
            lostCount++;
            if (deal.homeAmount() != null) {
                lostAmountSum = lostAmountSum.add(deal.homeAmount());
                lostAmountCount++;
            }
            lostUnconverted += deal.unconverted() ? 1 : 0;
        }
        addStock(-1, amountOrZero(deal).negate(), deal.weightedAmount().negate(), deal.unconverted() ? -1 : 0);
    }

    private static BigDecimal amountOrZero(DealFacts deal) {
        return deal.homeAmount() == null ? BigDecimal.ZERO : deal.homeAmount();
    }

    private void addStock(long open, BigDecimal pipeline, BigDecimal weighted, long unconvertedOpen) {
        openDelta += open;
        pipelineDelta = pipelineDelta.add(pipeline);
        weightedDelta = weightedDelta.add(weighted);
        unconvertedOpenDelta += unconvertedOpen;
    }

    // --- reading ------------------------------------------------------------------------------------

    public long leadsCreated() { return leadsCreated; }
    public long leadsQualified() { return leadsQualified; }
    public long leadsConverted() { return leadsConverted; }
    public long dealsCreated() { return dealsCreated; }
    public BigDecimal createdAmountSum() { return createdAmountSum; }
    public long createdAmountCount() { return createdAmountCount; }
    public long createdUnconverted() { return createdUnconverted; }
    public long wonCount() { return wonCount; }
    public BigDecimal wonAmountSum() { return wonAmountSum; }
    public long wonAmountCount() { return wonAmountCount; }
    public long wonUnconverted() { return wonUnconverted; }
    public long wonDurationMillisSum() { return wonDurationMillisSum; }
    /** The nearest-rank percentile of the won deals' whole-day durations (see {@link DurationHistogram}). */
    Long wonDurationDaysPercentile(int percent) { return wonDurationDays.nearestRank(percent, wonCount); }
    public long lostCount() { return lostCount; }
    public BigDecimal lostAmountSum() { return lostAmountSum; }
    public long lostAmountCount() { return lostAmountCount; }
    public long lostUnconverted() { return lostUnconverted; }
    public long openDelta() { return openDelta; }
    public BigDecimal pipelineDelta() { return pipelineDelta; }
    public BigDecimal weightedDelta() { return weightedDelta; }
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
