package dev.ledgerline.connector.oauth;

import dev.ledgerline.connector.connection.AuthKind;
import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.ConnectionStatus;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.connector.sync.CredentialsRejected;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/**
 * The bearer token of one connection, decrypted from the database. A refresh trades the stored refresh token at
 * the connection's token endpoint and stores the new tokens (a rotated refresh token too) encrypted, and a new API
 * host when the answer names one (Salesforce's {@code instance_url}); a refused refresh means consent is gone.
 */
public final class StoredAccessTokens implements AccessTokens {
    private final UUID connectionId;
    private final SecretCipher cipher;
    private final OAuthTokenClient tokenClient;
    private volatile String current;

    public StoredAccessTokens(ConnectionEntity connection, SecretCipher cipher, OAuthTokenClient tokenClient) {
        this.connectionId = connection.id;
        this.cipher = cipher;
        this.tokenClient = tokenClient;
        this.current = cipher.decrypt(connection.accessToken, connection.secretSlot("access_token"));
    }

    @Override
    public String current() {
        return current;
    }

    @Override
    public String refresh() {
        ConnectionEntity connection = QuarkusTransaction.requiringNew().call(() -> ConnectionEntity.findById(connectionId));
        if (connection.status == ConnectionStatus.DISCONNECTED) {
            throw new CredentialsRejected("the connection was disconnected", null);
        }
        if (connection.authKind != AuthKind.OAUTH || connection.refreshToken == null) {
            throw new CredentialsRejected("the CRM refused the connection's API token", null);
        }
        OAuthTokens renewed;
        try {
            renewed = tokenClient.refresh(connection,
                    cipher.decrypt(connection.refreshToken, connection.secretSlot("refresh_token")));
        } catch (TokenEndpointException e) {
            if (e.refused()) {
                throw new CredentialsRejected("the CRM refused the refresh token: " + e.getMessage(), e);
            }
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            ConnectionEntity stored = ConnectionEntity.findById(connectionId, LockModeType.PESSIMISTIC_WRITE);
            if (stored.status == ConnectionStatus.DISCONNECTED) {
                // Disconnected while the refresh was under way: its tokens are erased and stay erased.
                throw new CredentialsRejected("the connection was disconnected", null);
            }
            stored.accessToken = cipher.encrypt(renewed.accessToken(), stored.secretSlot("access_token"));
            stored.accessTokenExpiresAt = renewed.expiresAt();
            if (renewed.refreshToken() != null) {
                stored.refreshToken = cipher.encrypt(renewed.refreshToken(), stored.secretSlot("refresh_token"));
            }
            if (renewed.instanceUrl() != null) {
                // Salesforce names the org's API host with every grant; the next run calls it there.
                stored.apiBaseUrl = renewed.instanceUrl();
            }
        });
        current = renewed.accessToken();
        return current;
    }
}
