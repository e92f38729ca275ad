package dev.ledgerline.kpi.rest;

import dev.ledgerline.kpi.compute.Dimension;
import dev.ledgerline.kpi.compute.KpiId;
import dev.ledgerline.kpi.compute.MeasureUnit;
import dev.ledgerline.kpi.compute.Window;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A KPI over time for every value of a dimension: one {@link Line} per dimension value. */
public record KpiSeriesView(
        String tenant,
        KpiId kpi,
        Window window,
        Dimension dimension,
        LocalDate from,
        LocalDate to,
        MeasureUnit unit,
        String currency,
        List<Line> series) {

    /**
     * The points of one dimension value, oldest first; {@code ownerName} as in {@link KpiValueView} (OWNER
     * dimension only, null when unknown).
     */
    public record Line(String dimensionValue, String ownerName, List<Point> points) {
    }

    /** The KPI for the window ending with {@code asOf}. */
    public record Point(
            LocalDate asOf,
            String period,
            LocalDate periodStart,
            LocalDate periodEnd,
            BigDecimal value,
            BigDecimal numerator,
            Long denominator,
            long unconvertedDealCount) {
    }
}
