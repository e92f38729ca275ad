package dev.ledgerline.connector.oauth;

import java.time.Instant;

/**
 * What a token endpoint answered. {@code expiresAt} is null when the CRM does not say (Salesforce);
 * {@code instanceUrl} is Salesforce's API host for this org, null elsewhere.
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt, String instanceUrl) {
    @Override
    public String toString() {
        return "OAuthTokens[expiresAt=" + expiresAt + ", instanceUrl=" + instanceUrl + "]";
    }
}
