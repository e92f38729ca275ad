package dev.ledgerline.connector.connection;

public enum ConnectionStatus {
    /** Created with OAuth; waiting for the user's consent at the CRM. */
    PENDING_AUTH,
    ACTIVE,
    /** The CRM refused or revoked the token: a user must consent again. */
    NEEDS_REAUTH,
    /** Disconnected by a user; tokens revoked where the CRM allows and erased. */
    DISCONNECTED
}
