package dev.ledgerline.connector.oauth;

import dev.ledgerline.connector.connection.AuthKind;
import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.hubspot.AccessTokens;
import dev.ledgerline.connector.hubspot.ReauthorizationRequired;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.connector.secret.SecretCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.UUID;

/**
 * The bearer token of one connection, decrypted from the database. A refresh trades the stored refresh token at
 * the connection's token URL and stores the new tokens encrypted; a refused refresh means consent is gone.
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
        if (connection.authKind != AuthKind.OAUTH || connection.refreshToken == null) {
            throw new ReauthorizationRequired("the CRM refused the connection's API token", 401, null, null);
        }
        OAuthTokens renewed;
        try {
            renewed = tokenClient.refresh(connection.tokenUrl, connection.oauthClientId,
                    cipher.decrypt(connection.clientSecret, connection.secretSlot("client_secret")),
                    cipher.decrypt(connection.refreshToken, connection.secretSlot("refresh_token")));
        } catch (ProblemException e) {
            if (e.problem().status() == 400) {
                throw new ReauthorizationRequired("the CRM refused the refresh token: " + e.problem().detail(),
                        400, null, null);
            }
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            ConnectionEntity stored = ConnectionEntity.findById(connectionId);
            stored.accessToken = cipher.encrypt(renewed.accessToken(), stored.secretSlot("access_token"));
            stored.accessTokenExpiresAt = renewed.expiresAt();
            if (renewed.refreshToken() != null) {
                stored.refreshToken = cipher.encrypt(renewed.refreshToken(), stored.secretSlot("refresh_token"));
            }
        });
        current = renewed.accessToken();
        return current;
    }
}
