package dev.ledgerline.connector.oauth;

import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.ConnectionStatus;
import dev.ledgerline.rest.problem.Problem;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.secrets.SecretCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 authorization-code flow: the consent URL with a single-use state, and the callback. A state is 256
 * random bits, names the tenant and the connection it was issued for, lives ten minutes, and is spent by one
 * conditional update, so that of two callbacks carrying it exactly one goes on. It is never logged.
 */
@ApplicationScoped
public class OAuthConsent {
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private final SecretCipher cipher;
    private final OAuthTokenClient tokens;
    private final EntityManager db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OAuthConsent(SecretCipher cipher, OAuthTokenClient tokens, EntityManager db, Clock clock) {
        this.cipher = cipher;
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Records a new state for the connection (inside the caller's transaction) and returns the consent URL. */
    public String authorizeUrl(ConnectionEntity connection) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        OAuthStateEntity state = new OAuthStateEntity();
        state.state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        state.tenantId = connection.tenantId;
        state.connectionId = connection.id;
        state.createdAt = Instant.now(clock);
        state.expiresAt = state.createdAt.plus(STATE_LIFETIME);
        state.persist();

        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", connection.oauthClientId);
        query.put("redirect_uri", connection.redirectUri);
        if (connection.oauthScopes != null && !connection.oauthScopes.isBlank()) {
            query.put("scope", connection.oauthScopes);
        }
        query.put("state", state.state);
        String separator = connection.authorizeUrl.contains("?") ? "&" : "?";
        return connection.authorizeUrl + separator + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Completes a consent: the state is spent first, in its own transaction, so that it cannot be replayed even
     * when the exchange then fails; the tokens are stored encrypted and the connection becomes ACTIVE.
     *
     * @param activated runs in the transaction that activates the connection (to publish the change with it)
     */
    public ConnectionEntity complete(String stateValue, String code, String error, Consumer<ConnectionEntity> activated) {
        UUID connectionId = QuarkusTransaction.requiringNew().call(() -> spend(stateValue));
        if (error != null && !error.isBlank()) {
            throw new ProblemException(Problem.of(400, "Consent not given", "the CRM answered '" + error + "'"));
        }
        if (code == null || code.isBlank()) {
            throw ProblemException.badField("code", "the callback carries no authorization code");
        }
        ConnectionEntity pending = QuarkusTransaction.requiringNew().call(() -> ConnectionEntity.findById(connectionId));
        OAuthTokens granted;
        try {
            granted = tokens.exchangeCode(pending, code);
        } catch (TokenEndpointException e) {
            throw new ProblemException(e.refused()
                    ? Problem.of(400, "Authorization refused by the CRM", e.getMessage())
                    : Problem.of(502, "CRM unreachable", e.getMessage()));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            ConnectionEntity connection = store(connectionId, granted);
            activated.accept(connection);
            return connection;
        });
    }

    /**
     * Spends the state if it is unused, unexpired and issued for a connection of its tenant that still waits for
     * consent; the row count of the one update says whether this callback won it.
     */
    private UUID spend(String stateValue) {
        Instant now = Instant.now(clock);
        int spent = stateValue == null ? 0 : db.createNativeQuery("""
                update oauth_state s set used_at = :now
                where s.state = :state and s.used_at is null and s.expires_at > :now
                  and exists (select 1 from crm_connection c where c.id = s.connection_id
                              and c.tenant_id = s.tenant_id and c.status = :waiting)
                """)
                .setParameter("now", now).setParameter("state", stateValue)
                .setParameter("waiting", ConnectionStatus.PENDING_AUTH.name()).executeUpdate();
        if (spent != 1) {
            throw ProblemException.badField("state", "unknown, expired or already used; start the connection again");
        }
        return OAuthStateEntity.<OAuthStateEntity>findById(stateValue).connectionId;
    }

    private ConnectionEntity store(UUID connectionId, OAuthTokens granted) {
        ConnectionEntity connection = ConnectionEntity.findById(connectionId, LockModeType.PESSIMISTIC_WRITE);
        if (connection.status == ConnectionStatus.DISCONNECTED) {
            throw ProblemException.conflict("the connection was disconnected while consent was pending");
        }
        connection.accessToken = cipher.encrypt(granted.accessToken(), connection.secretSlot("access_token"));
        connection.accessTokenExpiresAt = granted.expiresAt();
        connection.refreshToken = cipher.encrypt(granted.refreshToken(), connection.secretSlot("refresh_token"));
        if (granted.instanceUrl() != null) {
            connection.apiBaseUrl = granted.instanceUrl();
        }
        connection.status = ConnectionStatus.ACTIVE;
        connection.statusReason = null;
        return connection;
    }
}
