package dev.ledgerline.connector.connection;

public enum AuthKind {
    OAUTH,
    /** A long-lived token pasted by the user (HubSpot private app, monday.com personal token). */
    API_TOKEN
}
