package dev.ledgerline.simulator.company;

/** What a change touched, named independently of any CRM's property names. */
public enum Field {
    STAGE, AMOUNT, EXPECTED_CLOSE_DATE, LOSS_REASON, LEAD_STATUS, PHONE, JOB_TITLE, LIFECYCLE_STAGE, INVOICE_STATUS,
    BALANCE
}
