package dev.ledgerline.kpi.compute;

import java.math.BigDecimal;

/**
 * One KPI value with what it is made of, so that a consumer can re-aggregate.
 *
 * @param value null when the denominator is zero (never 0 or NaN); counts and sums are exact, ratios and
 *     averages are divided to 34 significant digits ({@link java.math.MathContext#DECIMAL128})
 * @param numerator the count or sum the value divides; for counts and sums the value itself; null for
 *     percentiles
 * @param denominator what the numerator is divided by, or the number of durations a percentile is taken
 *     over; null for plain counts and sums
 * @param currency the home currency for unit AMOUNT (null while unknown); null for other units
 * @param unconvertedDealCount deals the KPI counts but whose amount it leaves out for want of a
 *     home-currency amount; 0 for KPIs without amounts
 */
public record KpiResult(
        KpiId kpi,
        BigDecimal value,
        BigDecimal numerator,
        Long denominator,
        String currency,
        long unconvertedDealCount) {

    public MeasureUnit unit() {
        return kpi.unit();
    }
}
