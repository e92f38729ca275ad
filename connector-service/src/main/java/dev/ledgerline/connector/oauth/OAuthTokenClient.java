package dev.ledgerline.connector.oauth;

import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.connector.sync.RetryPolicy;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A connection's CRM token endpoint, through quarkus-oidc-client: the authorization-code exchange after consent and
 * the refresh grant. Each connection gets its own OIDC client, built at run time on the connection's token URL
 * (overridable per connection, for sandboxes and tests) with its OAuth client id and secret sent in the form
 * ({@code client_secret_post}, as HubSpot requires); it is cached until the connection's endpoint or client changes
 * or the connection is disconnected. A 429, 5xx or missing answer is retried with backoff a bounded number of times;
 * a refused grant is not.
 */
@ApplicationScoped
public class OAuthTokenClient {
    private static final Logger LOG = Logger.getLogger(OAuthTokenClient.class);
    static final RetryPolicy RETRIES = new RetryPolicy(4, Duration.ofSeconds(30), Duration.ofMillis(500),
            Duration.ofSeconds(8), () -> ThreadLocalRandom.current().nextDouble());
    /** The longest Retry-After honoured; a longer one would hold a sync thread or the consent callback too long. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /** What a cached client was built from: a change of any of these needs a new client. */
    private record ClientSettings(String tokenUrl, String clientId, String sealedSecret) {
        static ClientSettings of(ConnectionEntity connection) {
            return new ClientSettings(connection.tokenUrl, connection.oauthClientId,
                    Base64.getEncoder().encodeToString(connection.clientSecret));
        }
    }

    private record CachedClient(ClientSettings settings, OidcClient client) {
    }

    private final OidcClients oidcClients;
    private final SecretCipher cipher;
    private final Map<UUID, CachedClient> clients = new ConcurrentHashMap<>();

    OAuthTokenClient(OidcClients oidcClients, SecretCipher cipher) {
        this.oidcClients = oidcClients;
        this.cipher = cipher;
    }

    /** Trades the authorization code of a consent for the first tokens (RFC 6749 §4.1.3). */
    public OAuthTokens exchangeCode(ConnectionEntity connection, String code) {
        return withRetries(connection, client -> client.getTokens(Map.of("code", code,
                "redirect_uri", connection.redirectUri)));
    }

    /**
     * Trades a refresh token for a new access token (RFC 6749 §6). The answer may carry a new refresh token
     * (rotation); when it does not, the caller keeps the old one.
     */
    public OAuthTokens refresh(ConnectionEntity connection, String refreshToken) {
        Map<String, String> extra = new HashMap<>();
        if (connection.redirectUri != null) {
            // HubSpot documents redirect_uri in its refresh form as well (optional there).
            extra.put("redirect_uri", connection.redirectUri);
        }
        return withRetries(connection, client -> client.refreshTokens(refreshToken, extra));
    }

    /** Closes and drops the connection's client (disconnect). */
    public void forget(UUID connectionId) {
        CachedClient cached = clients.remove(connectionId);
        if (cached != null) {
            close(connectionId, cached.client());
        }
    }

    @PreDestroy
    void closeAll() {
        clients.keySet().forEach(this::forget);
    }

    private OAuthTokens withRetries(ConnectionEntity connection, Function<OidcClient, Uni<Tokens>> grant) {
        for (int attempt = 1; ; attempt++) {
            TokenEndpointException fault;
            try {
                return tokensOf(grant.apply(clientFor(connection)).await().atMost(RETRIES.attemptTimeout()));
            } catch (TokenEndpointException e) {
                if (e.refused()) {
                    throw e;
                }
                fault = e;
            } catch (TimeoutException e) {
                fault = TokenEndpointException.unreachable("no answer within " + RETRIES.attemptTimeout().toSeconds() + " s");
            } catch (OidcClientException e) {
                // Its message can be a response body: only the type is kept.
                fault = TokenEndpointException.unreachable(e.getClass().getSimpleName());
            }
            if (attempt == RETRIES.maxAttempts()) {
                throw fault.afterAttempts(attempt);
            }
            Duration wait = fault.retryAfter() != null && fault.retryAfter().compareTo(MAX_RETRY_AFTER) <= 0
                    ? fault.retryAfter() : RETRIES.backoff(attempt);
            sleep(wait);
        }
    }

    private OidcClient clientFor(ConnectionEntity connection) {
        ClientSettings settings = ClientSettings.of(connection);
        return clients.compute(connection.id, (id, cached) -> {
            if (cached != null && cached.settings().equals(settings)) {
                return cached;
            }
            if (cached != null) {
                close(id, cached.client());
            }
            return new CachedClient(settings, newClient(connection));
        }).client();
    }

    private OidcClient newClient(ConnectionEntity connection) {
        OidcClientConfig config = new OidcClientConfigBuilder()
                .id("crm-connection-" + connection.id)
                // An absolute token path is the token endpoint itself: no discovery document is read.
                .tokenPath(connection.tokenUrl)
                .discoveryEnabled(false)
                .clientId(connection.oauthClientId)
                .credentials().clientSecret(cipher.decrypt(connection.clientSecret,
                        connection.secretSlot("client_secret")), Secret.Method.POST).end()
                .grant(OidcClientConfig.Grant.Type.CODE)
                .build();
        return oidcClients.newClient(config).await().atMost(RETRIES.attemptTimeout());
    }

    private static OAuthTokens tokensOf(Tokens tokens) {
        if (tokens.getAccessToken() == null) {
            throw TokenEndpointException.refused(200, null, "the token response has no access_token");
        }
        Long expiresAt = tokens.getAccessTokenExpiresAt();
        return new OAuthTokens(tokens.getAccessToken(), tokens.getRefreshToken(),
                expiresAt == null ? null : Instant.ofEpochSecond(expiresAt), tokens.get("instance_url"));
    }

    private static void close(UUID connectionId, OidcClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warnf("Could not close the token client of connection %s: %s", connectionId, e.getClass().getSimpleName());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TokenEndpointException.unreachable("interrupted");
        }
    }
}
