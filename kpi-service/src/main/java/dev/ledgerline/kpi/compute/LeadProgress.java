package dev.ledgerline.kpi.compute;

/** How far a lead has come, as far as the lead KPIs care (by its current status). */
public enum LeadProgress {
    /** NEW, WORKING, UNQUALIFIED or a status unknown to this build. */
    NOT_QUALIFIED,
    /** QUALIFIED. */
    QUALIFIED,
    /** CONVERTED, which counts as qualified too. */
    CONVERTED
}
