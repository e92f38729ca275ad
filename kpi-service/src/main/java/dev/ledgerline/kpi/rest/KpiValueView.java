package dev.ledgerline.kpi.rest;

import dev.ledgerline.kpi.compute.Dimension;
import dev.ledgerline.kpi.compute.KpiId;
import dev.ledgerline.kpi.compute.KpiResult;
import dev.ledgerline.kpi.compute.MeasureUnit;
import dev.ledgerline.kpi.compute.Window;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One KPI value as the REST API returns it: the exact engine result (value null when undefined, numerator and
 * denominator to re-aggregate) with the slice and the window period it belongs to.
 *
 * @param ownerName for the OWNER dimension, the display name of the owner whose id is {@code dimensionValue}
 *     (from {@code crm.owners.v1}); null when unknown, and for the other dimensions
 */
public record KpiValueView(
        KpiId kpi,
        Dimension dimension,
        String dimensionValue,
        Window window,
        String period,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate asOf,
        BigDecimal value,
        BigDecimal numerator,
        Long denominator,
        MeasureUnit unit,
        String currency,
        long unconvertedDealCount,
        String ownerName) {

    static KpiValueView of(KpiResult result, Dimension dimension, String dimensionValue, String ownerName,
            Window window, String period, LocalDate periodStart, LocalDate asOf) {
        return new KpiValueView(result.kpi(), dimension, dimensionValue, window, period, periodStart, asOf, asOf,
                result.value(), result.numerator(), result.denominator(), result.unit(), result.currency(),
                result.unconvertedDealCount(), ownerName);
    }
}
