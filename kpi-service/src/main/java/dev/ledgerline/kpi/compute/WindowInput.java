package dev.ledgerline.kpi.compute;

/**
 * What the KPIs of one slice and window depend on besides the tenant profile: the sum of the window's
 * buckets and the open-deal stock at the end of its last day. Under the same profile and as-of day, an equal
 * flow gives equal flow KPIs and an equal stock equal stock KPIs ({@link KpiCalculator#flowKpis},
 * {@link KpiCalculator#stockKpis}).
 */
public record WindowInput(DayBucket flow, StockPosition stock) {
}
