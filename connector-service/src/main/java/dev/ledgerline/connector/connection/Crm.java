package dev.ledgerline.connector.connection;

/** The CRMs a connection can reach, with their public OAuth and API endpoints (overridable per connection). */
public enum Crm {
    HUBSPOT("https://app.hubspot.com/oauth/authorize", "https://api.hubapi.com/oauth/v1/token",
            "https://api.hubapi.com", true),
    SALESFORCE("https://login.salesforce.com/services/oauth2/authorize",
            "https://login.salesforce.com/services/oauth2/token", null, false),
    MONDAY("https://auth.monday.com/oauth2/authorize", "https://auth.monday.com/oauth2/token",
            "https://api.monday.com", true);

    private final String authorizeUrl;
    private final String tokenUrl;
    private final String apiBaseUrl;
    private final boolean acceptsApiToken;

    Crm(String authorizeUrl, String tokenUrl, String apiBaseUrl, boolean acceptsApiToken) {
        this.authorizeUrl = authorizeUrl;
        this.tokenUrl = tokenUrl;
        this.apiBaseUrl = apiBaseUrl;
        this.acceptsApiToken = acceptsApiToken;
    }

    public String defaultAuthorizeUrl() {
        return authorizeUrl;
    }

    public String defaultTokenUrl() {
        return tokenUrl;
    }

    /** Null for Salesforce: its API host is the {@code instance_url} of the token response. */
    public String defaultApiBaseUrl() {
        return apiBaseUrl;
    }

    /** HubSpot private-app tokens and monday.com personal API tokens stand in for OAuth. */
    public boolean acceptsApiToken() {
        return acceptsApiToken;
    }
}
