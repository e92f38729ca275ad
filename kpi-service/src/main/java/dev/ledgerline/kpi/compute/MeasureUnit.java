package dev.ledgerline.kpi.compute;

/** Unit of a KPI value; the constant names equal the symbols of the wire enum {@code KpiUnit}. */
public enum MeasureUnit {
    COUNT,
    RATIO,
    AMOUNT,
    DAYS
}
