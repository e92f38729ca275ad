package dev.ledgerline.kpi.compute;

import java.math.BigDecimal;

/**
 * The open-deal stock at the end of a day (or a change of it): open deals, their home-currency amounts and
 * weighted amounts, and how many open deals have no home-currency amount.
 */
public record StockPosition(long openCount, BigDecimal pipeline, BigDecimal weighted, long unconvertedOpen) {
    public static final StockPosition ZERO = new StockPosition(0, BigDecimal.ZERO, BigDecimal.ZERO, 0);
}
