package dev.ledgerline.connector.hubspot;

import java.util.List;

/**
 * The connection lacks a scope for a call (HTTP 403, category MISSING_SCOPES). The caller skips the entity the call
 * was for and reports the scopes in the run; other entities go on.
 */
public class MissingScope extends HubSpotException {

    private final List<String> requiredScopes;

    MissingScope(String context, HubSpotError error) {
        super(context, error);
        this.requiredScopes = error.requiredScopes();
    }

    /** The scopes HubSpot named as required; empty when it named none. */
    public List<String> requiredScopes() {
        return requiredScopes;
    }
}
