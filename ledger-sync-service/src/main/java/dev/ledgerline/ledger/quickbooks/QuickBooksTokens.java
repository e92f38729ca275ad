package dev.ledgerline.ledger.quickbooks;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Access tokens of the companies, refreshed through quarkus-oidc-client (Intuit's token endpoint, refresh grant,
 * client secret sent as HTTP Basic). The newest tokens are stored encrypted in qbo_company; Intuit rotates refresh
 * tokens, so a refresh takes the company row's lock and first looks whether another thread or instance has already
 * refreshed, and the rotated refresh token is stored in the same transaction.
 */
@ApplicationScoped
public class QuickBooksTokens {
    private static final Logger LOG = Logger.getLogger(QuickBooksTokens.class);
    /** An access token this close to its expiry is refreshed before use. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private record Cached(String accessToken, Instant expiresAt) {
        boolean usable(Instant now) {
            return expiresAt == null || now.plus(EXPIRY_MARGIN).isBefore(expiresAt);
        }
    }

    private record ClientKey(String tenantId, String tokenUrl, String clientId) {
    }

    private final OidcClients oidcClients;
    private final CompanySecrets secrets;
    private final QuickBooksConfig config;
    private final Clock clock;
    private final Map<String, Cached> tokens = new ConcurrentHashMap<>();
    private final Map<ClientKey, OidcClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();

    QuickBooksTokens(OidcClients oidcClients, CompanySecrets secrets, QuickBooksConfig config, Clock clock) {
        this.oidcClients = oidcClients;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
    }

    /** A usable access token of the tenant's company, refreshed first if it expired. */
    public String accessToken(String tenantId) {
        Cached cached = tokens.get(tenantId);
        if (cached != null && cached.usable(clock.instant())) {
            return cached.accessToken();
        }
        return refresh(tenantId, null);
    }

    /**
     * A new access token, because QuickBooks refused {@code rejected} (401) or the one held expired. Another caller
     * that refreshed meanwhile is answered with its token instead of a second refresh.
     */
    public String refresh(String tenantId, String rejected) {
        synchronized (refreshLocks.computeIfAbsent(tenantId, id -> new Object())) {
            Cached cached = tokens.get(tenantId);
            if (cached != null && !Objects.equals(cached.accessToken(), rejected) && cached.usable(clock.instant())) {
                return cached.accessToken();
            }
            Cached fresh = QuarkusTransaction.requiringNew().call(() -> refreshStored(tenantId, rejected));
            tokens.put(tenantId, fresh);
            return fresh.accessToken();
        }
    }

    /** Forgets what is held for the tenant (new credentials were configured). */
    public void forget(String tenantId) {
        tokens.remove(tenantId);
        clients.keySet().stream().filter(key -> key.tenantId().equals(tenantId)).toList()
                .forEach(key -> close(clients.remove(key)));
    }

    private Cached refreshStored(String tenantId, String rejected) {
        QuickBooksCompanyEntity company = QuickBooksCompanyEntity.findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (company == null) {
            throw new QuickBooksException.NotConfigured(tenantId);
        }
        String stored = secrets.open(company, "access_token", company.accessToken);
        Cached held = new Cached(stored, company.accessTokenExpiresAt);
        if (stored != null && !stored.equals(rejected) && held.usable(clock.instant())) {
            return held; // another instance refreshed already
        }
        if (company.refreshToken == null) {
            throw new QuickBooksException.TokenRefreshFailed("the company is not connected yet: no consent was given");
        }
        String refreshToken = secrets.open(company, "refresh_token", company.refreshToken);
        Tokens answer;
        try {
            answer = clientFor(company).refreshTokens(refreshToken).await().atMost(config.requestTimeout());
        } catch (OidcClientException e) {
            // Its message can carry the endpoint's body: only the type and Intuit's error code are kept.
            String message = String.valueOf(e.getMessage());
            throw new QuickBooksException.TokenRefreshFailed(message.contains("invalid_grant")
                    ? "the refresh token was refused (invalid_grant): the company must be connected again"
                    : "the token endpoint failed (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            throw new QuickBooksException.TokenRefreshFailed("the token endpoint did not answer ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (answer.getAccessToken() == null) {
            throw new QuickBooksException.TokenRefreshFailed("the token response has no access_token");
        }
        Instant now = clock.instant();
        company.accessToken = secrets.seal(company, "access_token", answer.getAccessToken());
        company.accessTokenExpiresAt = answer.getAccessTokenExpiresAt() == null ? null
                : Instant.ofEpochSecond(answer.getAccessTokenExpiresAt());
        if (answer.getRefreshToken() != null) {
            company.refreshToken = secrets.seal(company, "refresh_token", answer.getRefreshToken());
        }
        company.updatedAt = now;
        LOG.infof("Refreshed the QuickBooks access token of tenant %s (realm %s)", tenantId, company.realmId);
        return new Cached(answer.getAccessToken(), company.accessTokenExpiresAt);
    }

    /**
     * Exchanges the authorization code of a consent at the company's token endpoint (authorization-code grant, the
     * same redirect URI as the consent URL, client secret as HTTP Basic). The caller stores what it answers.
     */
    Tokens exchangeCode(QuickBooksCompanyEntity company, String code) {
        OidcClient client = oidcClients.newClient(clientConfig(company, "quickbooks-consent-" + company.tenantId,
                OidcClientConfig.Grant.Type.CODE)).await().atMost(config.requestTimeout());
        try {
            return client.getTokens(Map.of("code", code, "redirect_uri", company.redirectUri))
                    .await().atMost(config.requestTimeout());
        } finally {
            close(client);
        }
    }

    private OidcClient clientFor(QuickBooksCompanyEntity company) {
        ClientKey key = new ClientKey(company.tenantId, company.tokenUrl, company.clientId);
        return clients.computeIfAbsent(key, k -> oidcClients.newClient(clientConfig(company, "quickbooks-" + company.tenantId,
                OidcClientConfig.Grant.Type.REFRESH)).await().atMost(config.requestTimeout()));
    }

    private OidcClientConfig clientConfig(QuickBooksCompanyEntity company, String id, OidcClientConfig.Grant.Type grant) {
        return new OidcClientConfigBuilder()
                .id(id)
                // An absolute token path is the token endpoint itself: no discovery document is read.
                .tokenPath(company.tokenUrl)
                .discoveryEnabled(false)
                .clientId(company.clientId)
                .credentials().clientSecret(secrets.open(company, "client_secret", company.clientSecret),
                        Secret.Method.BASIC).end()
                .grant(grant)
                .build();
    }

    @PreDestroy
    void closeAll() {
        clients.values().forEach(QuickBooksTokens::close);
    }

    private static void close(OidcClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (IOException e) {
            LOG.warnf("Could not close a QuickBooks token client: %s", e.getClass().getSimpleName());
        }
    }
}
