package dev.ledgerline.connector.oauth;

/** The bearer token of one connection: an OAuth access token that can be refreshed, or a pasted API token. */
public interface AccessTokens {

    /** The access token to send now. */
    String current();

    /**
     * Obtains a new access token after the CRM refused the current one and returns it.
     *
     * @throws dev.ledgerline.connector.sync.CredentialsRejected when the refresh token is revoked or invalid
     *         ({@code invalid_grant}), or the connection has no way to refresh
     */
    String refresh();
}
