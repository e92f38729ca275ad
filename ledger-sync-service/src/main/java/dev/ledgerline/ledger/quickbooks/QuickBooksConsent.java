package dev.ledgerline.ledger.quickbooks;

import dev.ledgerline.rest.problem.Problem;
import dev.ledgerline.rest.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Intuit's OAuth 2.0 authorization-code flow for a configured company: the consent URL with a single-use state, and
 * the callback that exchanges the code for the company's tokens (stored encrypted) and sets its realm.
 */
@ApplicationScoped
public class QuickBooksConsent {
    private static final Logger LOG = Logger.getLogger(QuickBooksConsent.class);
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    /** The Accounting API's scope: all the adapter pushes. */
    static final String SCOPE = "com.intuit.quickbooks.accounting";
    private static final int STATE_BYTES = 32;

    private final CompanySecrets secrets;
    private final QuickBooksTokens tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    QuickBooksConsent(CompanySecrets secrets, QuickBooksTokens tokens, Clock clock) {
        this.secrets = secrets;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new consent URL of the tenant's company; its state is recorded hashed and is good for one callback. */
    public QuickBooksDtos.Consent authorize(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            QuickBooksCompanyEntity company = QuickBooksCompanyEntity.findById(tenantId);
            if (company == null) {
                throw ProblemException.notFound("QuickBooks company of tenant " + tenantId);
            }
            if (company.authorizeUrl == null || company.redirectUri == null) {
                throw ProblemException.conflict("the company has no authorizeUrl or redirectUri: set them with"
                        + " PUT /quickbooks before asking for consent");
            }
            byte[] bytes = new byte[STATE_BYTES];
            random.nextBytes(bytes);
            String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            QuickBooksStateEntity recorded = new QuickBooksStateEntity();
            recorded.stateHash = hash(state);
            recorded.tenantId = tenantId;
            recorded.createdAt = clock.instant();
            recorded.expiresAt = recorded.createdAt.plus(STATE_LIFETIME);
            recorded.persist();

            Map<String, String> query = new LinkedHashMap<>();
            query.put("client_id", company.clientId);
            query.put("response_type", "code");
            query.put("scope", SCOPE);
            query.put("redirect_uri", company.redirectUri);
            query.put("state", state);
            String separator = company.authorizeUrl.contains("?") ? "&" : "?";
            return new QuickBooksDtos.Consent(company.authorizeUrl + separator + query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")), recorded.expiresAt);
        });
    }

    /**
     * Completes a consent. The state is spent first, in its own transaction, so that it cannot be replayed even when
     * what follows fails; then the code is exchanged and the tokens and realm are stored.
     */
    public QuickBooksDtos.Company complete(String state, String code, String realmId, String error) {
        String tenantId = QuarkusTransaction.requiringNew().call(() -> spend(state));
        if (error != null && !error.isBlank()) {
            throw new ProblemException(Problem.of(400, "Consent not given", "Intuit answered '" + error + "'"));
        }
        if (code == null || code.isBlank()) {
            throw ProblemException.badField("code", "the callback carries no authorization code");
        }
        if (realmId == null || realmId.isBlank() || realmId.length() > 32) {
            throw ProblemException.badField("realmId", "the callback carries no company (realmId)");
        }
        QuickBooksCompanyEntity pending = QuarkusTransaction.requiringNew()
                .call(() -> QuickBooksCompanyEntity.findById(tenantId));
        requireSameRealm(pending, realmId);
        Tokens granted;
        try {
            granted = tokens.exchangeCode(pending, code);
        } catch (OidcClientException e) {
            // Its message can carry the endpoint's body: only Intuit's error code is kept.
            throw new ProblemException(String.valueOf(e.getMessage()).contains("invalid_grant")
                    ? Problem.of(400, "Authorization refused by Intuit", "the authorization code was refused"
                            + " (invalid_grant): ask for a new consent URL")
                    : Problem.of(502, "Intuit unreachable", "the token endpoint failed (" + e.getClass().getSimpleName() + ")"));
        } catch (RuntimeException e) {
            throw new ProblemException(Problem.of(502, "Intuit unreachable",
                    "the token endpoint did not answer (" + e.getClass().getSimpleName() + ")"));
        }
        if (granted.getAccessToken() == null || granted.getRefreshToken() == null) {
            throw new ProblemException(Problem.of(502, "Intuit answered no tokens",
                    "the token response lacks access_token or refresh_token"));
        }
        QuickBooksDtos.Company connected = QuarkusTransaction.requiringNew().call(() -> store(tenantId, realmId, granted));
        tokens.forget(tenantId);
        LOG.infof("QuickBooks company of tenant %s connected to realm %s", tenantId, realmId);
        return connected;
    }

    private String spend(String state) {
        Instant now = clock.instant();
        String hash = state == null || state.isBlank() ? null : hash(state);
        // One conditional UPDATE: of two callbacks with the same state, the second finds it used and changes nothing.
        int spent = hash == null ? 0 : QuickBooksStateEntity.update(
                "usedAt = ?1 where stateHash = ?2 and usedAt is null and expiresAt > ?1", now, hash);
        if (spent != 1) {
            throw ProblemException.badField("state", "unknown, expired or already used; ask for a new consent URL");
        }
        return QuickBooksStateEntity.<QuickBooksStateEntity>findById(hash).tenantId;
    }

    private QuickBooksDtos.Company store(String tenantId, String realmId, Tokens granted) {
        QuickBooksCompanyEntity company = QuickBooksCompanyEntity.findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
        requireSameRealm(company, realmId);
        company.realmId = realmId;
        company.refreshToken = secrets.seal(company, "refresh_token", granted.getRefreshToken());
        company.accessToken = secrets.seal(company, "access_token", granted.getAccessToken());
        company.accessTokenExpiresAt = granted.getAccessTokenExpiresAt() == null ? null
                : Instant.ofEpochSecond(granted.getAccessTokenExpiresAt());
        company.updatedAt = clock.instant();
        return QuickBooksService.view(company);
    }

    /** A tenant pushes to one company: the QuickBooks ids of its rows belong to the realm it was connected to. */
    private static void requireSameRealm(QuickBooksCompanyEntity company, String realmId) {
        if (company.realmId != null && !company.realmId.equals(realmId)) {
            throw ProblemException.conflict("the tenant's documents are pushed to QuickBooks company " + company.realmId
                    + "; consent was given for " + realmId);
        }
    }

    private static String hash(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
