package dev.ledgerline.kpi.compute;

/** The KPIs of DESIGN.md section 6; {@link #name()} is the id written on the wire. */
public enum KpiId {
    LEADS_COUNT(MeasureUnit.COUNT),
    LEAD_QUALIFICATION_RATE(MeasureUnit.RATIO),
    LEAD_CONVERSION_RATE(MeasureUnit.RATIO),
    DEALS_WON_COUNT(MeasureUnit.COUNT),
    DEALS_LOST_COUNT(MeasureUnit.COUNT),
    WIN_RATE(MeasureUnit.RATIO),
    AVG_WON_DEAL_AMOUNT(MeasureUnit.AMOUNT),
    AVG_LOST_DEAL_AMOUNT(MeasureUnit.AMOUNT),
    AVG_DEAL_SIZE(MeasureUnit.AMOUNT),
    AVG_TIME_TO_CLOSE_DAYS(MeasureUnit.DAYS),
    TIME_TO_CLOSE_P50_DAYS(MeasureUnit.DAYS),
    TIME_TO_CLOSE_P90_DAYS(MeasureUnit.DAYS),
    OPEN_DEALS_COUNT(MeasureUnit.COUNT),
    PIPELINE_VALUE(MeasureUnit.AMOUNT),
    WEIGHTED_PIPELINE_VALUE(MeasureUnit.AMOUNT);

    private final MeasureUnit unit;

    KpiId(MeasureUnit unit) {
        this.unit = unit;
    }

    public MeasureUnit unit() {
        return unit;
    }
}
