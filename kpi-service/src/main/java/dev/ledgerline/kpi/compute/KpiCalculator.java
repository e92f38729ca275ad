package dev.ledgerline.kpi.compute;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumMap;
import java.util.Map;

/** Turns the summed buckets of a window and the stock at its last day into the 15 KPI values. */
public final class KpiCalculator {
    static final long MILLIS_PER_DAY = 86_400_000L;

    private KpiCalculator() {
    }

    /**
     * @param flow the sum of the buckets of the window's days
     * @param stock the open-deal stock at the end of the as-of day
     * @param currency the home currency (null while unknown), written on amount KPIs
     */
    public static Map<KpiId, KpiResult> compute(DayBucket flow, StockPosition stock, String currency) {
        var results = flowKpis(flow, currency);
        results.putAll(stockKpis(stock, currency));
        return results;
    }

    /** The 12 KPIs of the flows in a window: everything but the open-deal stock. */
    public static Map<KpiId, KpiResult> flowKpis(DayBucket flow, String currency) {
        var results = new EnumMap<KpiId, KpiResult>(KpiId.class);
        put(results, count(KpiId.LEADS_COUNT, flow.leadsCreated()));
        put(results, ratio(KpiId.LEAD_QUALIFICATION_RATE, flow.leadsQualified(), flow.leadsCreated()));
        put(results, ratio(KpiId.LEAD_CONVERSION_RATE, flow.leadsConverted(), flow.leadsCreated()));
        put(results, count(KpiId.DEALS_WON_COUNT, flow.wonCount()));
        put(results, count(KpiId.DEALS_LOST_COUNT, flow.lostCount()));
        put(results, ratio(KpiId.WIN_RATE, flow.wonCount(), flow.wonCount() + flow.lostCount()));
        put(results, average(KpiId.AVG_WON_DEAL_AMOUNT, flow.wonAmountSum(), flow.wonAmountCount(), currency,
                flow.wonUnconverted()));
        put(results, average(KpiId.AVG_LOST_DEAL_AMOUNT, flow.lostAmountSum(), flow.lostAmountCount(), currency,
                flow.lostUnconverted()));
        put(results, average(KpiId.AVG_DEAL_SIZE, flow.createdAmountSum(), flow.createdAmountCount(), currency,
                flow.createdUnconverted()));
        put(results, averageTimeToClose(flow));
        put(results, percentile(KpiId.TIME_TO_CLOSE_P50_DAYS, 50, flow));
        put(results, percentile(KpiId.TIME_TO_CLOSE_P90_DAYS, 90, flow));
        return results;
    }

    /** The 3 KPIs of the open-deal stock at the end of a window's last day. */
    public static Map<KpiId, KpiResult> stockKpis(StockPosition stock, String currency) {
        var results = new EnumMap<KpiId, KpiResult>(KpiId.class);
        put(results, count(KpiId.OPEN_DEALS_COUNT, stock.openCount()));
        put(results, sum(KpiId.PIPELINE_VALUE, stock.pipeline(), currency, stock.unconvertedOpen()));
        put(results, sum(KpiId.WEIGHTED_PIPELINE_VALUE, stock.weighted(), currency, stock.unconvertedOpen()));
        return results;
    }

    private static void put(Map<KpiId, KpiResult> results, KpiResult result) {
        results.put(result.kpi(), result);
    }

    private static KpiResult count(KpiId kpi, long count) {
        var value = BigDecimal.valueOf(count);
        return new KpiResult(kpi, value, value, null, null, 0);
    }

    private static KpiResult sum(KpiId kpi, BigDecimal sum, String currency, long unconverted) {
        return new KpiResult(kpi, sum, sum, null, currency, unconverted);
    }

    private static KpiResult ratio(KpiId kpi, long numerator, long denominator) {
        var top = BigDecimal.valueOf(numerator);
        return new KpiResult(kpi, divide(top, denominator), top, denominator, null, 0);
    }

    private static KpiResult average(KpiId kpi, BigDecimal sum, long count, String currency, long unconverted) {
        return new KpiResult(kpi, divide(sum, count), sum, count, currency, unconverted);
    }

    private static KpiResult averageTimeToClose(DayBucket flow) {
        var millis = BigDecimal.valueOf(flow.wonDurationMillisSum());
        var days = millis.divide(BigDecimal.valueOf(MILLIS_PER_DAY), MathContext.DECIMAL128);
        // Divided once from the exact millisecond sum, not from the rounded day sum.
        var value = flow.wonCount() == 0
                ? null
                : millis.divide(BigDecimal.valueOf(MILLIS_PER_DAY * flow.wonCount()), MathContext.DECIMAL128);
        return new KpiResult(KpiId.AVG_TIME_TO_CLOSE_DAYS, value, days, flow.wonCount(), null, 0);
    }

    /** Nearest rank over whole days: the smallest d with at least p % of the durations ≤ d. */
    private static KpiResult percentile(KpiId kpi, int percent, DayBucket flow) {
        var total = flow.wonCount();
        var day = flow.wonDurationDaysPercentile(percent);
        var value = day == null ? null : BigDecimal.valueOf(day);
        return new KpiResult(kpi, total == 0 ? null : value, null, total, null, 0);
    }

    private static BigDecimal divide(BigDecimal numerator, long denominator) {
        return denominator == 0 ? null : numerator.divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL128);
    }
}
