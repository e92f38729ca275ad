package dev.ledgerline.connector.connection;

/** Which contacts become customers in merge-service. */
public enum CustomerScope {
    DEALS_ONLY,
    ALL_CONTACTS
}
