package dev.ledgerline.kpi.compute;

/**
 * What a KPI is broken down by. The constant names equal the symbols of the wire enum
 * {@code KpiDimension}, so a mapper is {@code KpiDimension.valueOf(dimension.name())}.
 */
public enum Dimension {
    ALL,
    OWNER,
    PIPELINE,
    LEAD_SOURCE;

    /** The dimension value of {@link #ALL}. */
    public static final String ALL_VALUE = "*";

    /** The dimension value of a record without the attribute. */
    public static final String MISSING_VALUE = "";

    /** Maps a possibly missing attribute to its dimension value. */
    static String valueOfAttribute(String attribute) {
        return attribute == null ? MISSING_VALUE : attribute;
    }
}
