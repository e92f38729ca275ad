package dev.ledgerline.connector.hubspot;

/** The bearer token of one connection: an OAuth access token that can be refreshed, or a private-app token. */
public interface AccessTokens {

    /** The access token to send now. */
    String current();

    /**
     * Obtains a new access token after HubSpot refused the current one and returns it.
     *
     * @throws ReauthorizationRequired when the refresh token is revoked or invalid ({@code invalid_grant})
     */
    String refresh();
}
