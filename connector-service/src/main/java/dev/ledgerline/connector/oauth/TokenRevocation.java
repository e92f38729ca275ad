package dev.ledgerline.connector.oauth;

import dev.ledgerline.connector.connection.AuthKind;
import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.connector.sync.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Revokes a connection's refresh token at the CRM on disconnect, where the CRM has an API for it (a
 * {@link TokenRevoker} for the connection's CRM: HubSpot's refresh-token deletion, Salesforce's revoke endpoint).
 * Best effort: a few attempts, and a failure is reported to the caller and logged, without the token, but never
 * stops the disconnect. HubSpot private-app tokens, and CRMs without a revoker, have no revocation call here: their
 * tokens are only erased.
 */
@ApplicationScoped
public class TokenRevocation {
    private static final Logger LOG = Logger.getLogger(TokenRevocation.class);
    public static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMillis(500),
            Duration.ofSeconds(4), () -> ThreadLocalRandom.current().nextDouble());

    private final SecretCipher cipher;
    private final Instance<TokenRevoker> revokers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(RETRIES.attemptTimeout()).build();

    TokenRevocation(SecretCipher cipher, Instance<TokenRevoker> revokers) {
        this.cipher = cipher;
        this.revokers = revokers;
    }

    /**
     * Revokes the connection's refresh token if it has one the CRM can revoke.
     *
     * @return why the revocation is not confirmed, or empty when the CRM confirmed it or there was nothing to revoke
     */
    public Optional<String> revoke(ConnectionEntity connection) {
        Optional<TokenRevoker> revoker = revokers.stream().filter(r -> r.crm() == connection.crm).findFirst();
        if (revoker.isEmpty() || connection.authKind != AuthKind.OAUTH || connection.refreshToken == null) {
            return Optional.empty();
        }
        String refreshToken = cipher.decrypt(connection.refreshToken, connection.secretSlot("refresh_token"));
        // The request holds the token: it is never logged or put into a message.
        HttpRequest request = revoker.get().request(connection, refreshToken);
        String failure = null;
        for (int attempt = 1; attempt <= RETRIES.maxAttempts(); attempt++) {
            boolean retryable;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (revoker.get().gone(status, response.body())) {
                    return Optional.empty();
                }
                failure = "HTTP " + status;
                retryable = status == 429 || status >= 500;
            } catch (IOException e) {                failure = "no answer (" + e.getClass().getSimpleName() + ")";
                retryable = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
                retryable = false;
            }
            if (!retryable) {
                break;
            }
            if (attempt < RETRIES.maxAttempts()) {
                if (!pause(RETRIES.backoff(attempt))) {
                    failure = "interrupted";
                    break;
                }
            }
        }
        LOG.warnf("Could not revoke the refresh token of connection %s at %s: %s; the token is erased all the same",
                connection.id, connection.crm, failure);
        return Optional.of(connection.crm + " did not confirm the revocation of the refresh token: " + failure);
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
