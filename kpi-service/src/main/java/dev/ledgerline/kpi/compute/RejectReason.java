package dev.ledgerline.kpi.compute;

import java.util.Locale;

/** Why a record was excluded; the caller dead-letters it and counts it under {@link #metricTag()}. */
public enum RejectReason {
    NEGATIVE_AMOUNT,
    CLOSED_BEFORE_CREATED,
    CLOSED_WITHOUT_CLOSED_AT,
    MISSING_CREATED_AT,
    MISSING_STAGE_CATEGORY,
    MISSING_LEAD_STATUS;

    /** Value of the {@code reason} tag of {@code kpi_rejected_records_total}. */
    public String metricTag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
