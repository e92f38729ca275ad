package dev.ledgerline.connector.hubspot;

/**
 * HubSpot refused the connection's credentials even after a token refresh, or the refresh itself was refused:
 * a user must consent again. The caller marks the connection NEEDS_REAUTH and fails the run with this reason.
 */
public class ReauthorizationRequired extends HubSpotException {

    public ReauthorizationRequired(String message, int status, String category, String correlationId) {
        super(message, status, category, correlationId, null);
    }
}
