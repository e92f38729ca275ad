package dev.ledgerline.connector.mapping;

public enum LeadStatus {
    NEW,
    WORKING,
    QUALIFIED,
    UNQUALIFIED,
    CONVERTED
}
