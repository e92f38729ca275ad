package dev.ledgerline.kpi.compute;

/**
 * What the KPIs of one slice and window depend on besides the tenant profile: the sum of the window's
 * buckets and the open-deal stock at the end of its last day. Equal inputs (under the same profile and as-of
 * day) give equal KPI values.
 */
public record WindowInput(DayBucket flow, StockPosition stock) {

    /** Whether {@code other} (may be null) has the same counters and stock. */
    public boolean sameAs(WindowInput other) {
        return other != null && stock.equals(other.stock) && flow.sameAs(other.flow);
    }
}
