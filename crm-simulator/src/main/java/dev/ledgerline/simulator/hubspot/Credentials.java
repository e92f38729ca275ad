package dev.ledgerline.simulator.hubspot;

import dev.ledgerline.simulator.http.HttpProblem;
import dev.ledgerline.simulator.http.Request;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may call the portal: the private app's bearer token, and the OAuth app's access tokens, which come from
 * authorization codes and refresh tokens. Codes and tokens are signed with a key derived from the OAuth client secret
 * and carry what they stand for, so that they stay valid when the simulator restarts (a connection keeps working
 * across restarts of the local run); only spent codes and revoked refresh tokens are remembered, in memory. The
 * Salesforce org uses the same scheme for its connected app, with a realm of its own and Salesforce's 401s.
 */
public final class Credentials {
    /** The credential a request was made with, naming the budget it draws on. */
    public record Caller(String budget) {
    }

    /** The OAuth app: its client id and secret. */
    public record OAuthApp(String clientId, String clientSecret) {
    }

    /** How a CRM answers a request without a valid token. */
    public interface Rejections {
        HttpProblem missing();

        HttpProblem invalid();

        HttpProblem expired(long minutesAgo);
    }

    /** HubSpot's 401s. */
    private static final Rejections HUBSPOT = new Rejections() {
        @Override
        public HttpProblem missing() {
            return unauthorized("INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports "
                    + "OAuth 2.0 authentication and you can find more details at "
                    + "https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        }

        @Override
        public HttpProblem invalid() {
            return unauthorized("INVALID_AUTHENTICATION", "The OAuth token used to make this call is not valid.");
        }

        @Override
        public HttpProblem expired(long minutesAgo) {
            return unauthorized("EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired "
                    + minutesAgo + " minute(s) ago.");
        }
    };

    private static final String CODE = "code";
    private static final String ACCESS = "at";
    private static final String REFRESH = "rt";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final String PRIVATE_APP_BUDGET = "private-app";

    private final String privateAppToken;
    private final OAuthApp app;
    private final byte[] signingKey;
    private final Duration accessTokenLifetime;
    private final Clock clock;
    private final Rejections rejections;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> spentCodes = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedRefreshTokens = ConcurrentHashMap.newKeySet();

    Credentials(String privateAppToken, OAuthApp app, Duration accessTokenLifetime, Clock clock) {
        this(privateAppToken, app, accessTokenLifetime, clock, "", HUBSPOT);
    }

    /**
     * Credentials of another CRM's app (the Salesforce org's connected app): {@code realm} keeps its codes and tokens
     * apart from HubSpot's even with the same client secret.
     */
    public Credentials(String privateAppToken, OAuthApp app, Duration accessTokenLifetime, Clock clock, String realm,
            Rejections rejections) {
        this.privateAppToken = privateAppToken;
        this.app = app;
        this.signingKey = app == null ? null : hmac(app.clientSecret().getBytes(StandardCharsets.UTF_8),
                "crm-simulator token signing key" + realm);
        this.accessTokenLifetime = accessTokenLifetime;
        this.clock = clock;
        this.rejections = rejections;
    }

    public Optional<OAuthApp> app() {
        return Optional.ofNullable(app);
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    /** The caller of an API request, or the CRM's 401 for a missing, unknown or expired token. */
    public Caller authenticate(Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw rejections.missing();
        }
        String token = authorization.substring(7).trim();
        if (privateAppToken != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                privateAppToken.getBytes(StandardCharsets.UTF_8))) {
            return new Caller(PRIVATE_APP_BUDGET);
        }
        String[] access = verify(token, ACCESS);
        if (access == null || revokedRefreshTokens.contains(access[2])) {
            throw rejections.invalid();
        }
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(access[1]));
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            throw rejections.expired(Duration.between(expiresAt, now).toMinutes());
        }
        return new Caller("oauth:" + access[0]);
    }

    /** A single-use authorization code for a consent given to the app, bound to the redirect URI. */
    public String code(String redirectUri) {
        return sign(CODE, app.clientId(), String.valueOf(clock.instant().plus(CODE_LIFETIME).toEpochMilli()),
                encode(redirectUri), nonce());
    }

    /** Spends a code: true when it is the app's, unexpired, unspent and was issued for this redirect URI. */
    public boolean spendCode(String code, String redirectUri) {
        String[] parts = verify(code, CODE);
        return parts != null && parts[0].equals(app.clientId())
                && clock.instant().toEpochMilli() < Long.parseLong(parts[1])
                && parts[2].equals(encode(redirectUri == null ? "" : redirectUri))
                && spentCodes.add(parts[3]);
    }

    /** A new refresh token of the app; HubSpot's never expire. */
    public String refreshToken() {
        return sign(REFRESH, app.clientId(), nonce());
    }

    /** Whether a refresh token is the app's and not revoked. */
    public boolean validRefreshToken(String refreshToken) {
        String[] parts = verify(refreshToken, REFRESH);
        return parts != null && parts[0].equals(app.clientId()) && !revokedRefreshTokens.contains(parts[1]);
    }

    /** A new access token, tied to the refresh token it came with: revoking that revokes it too. */
    public String accessToken(String refreshToken) {
        String[] parts = verify(refreshToken, REFRESH);
        return sign(ACCESS, app.clientId(), String.valueOf(clock.instant().plus(accessTokenLifetime).toEpochMilli()),
                parts[1], nonce());
    }

    /** Revokes a refresh token and the access tokens issued with it; false for a token that is not the app's. */
    public boolean revoke(String refreshToken) {
        String[] parts = verify(refreshToken, REFRESH);
        if (parts == null || !parts[0].equals(app.clientId())) {
            return false;
        }
        revokedRefreshTokens.add(parts[1]);
        return true;
    }

    /** Seconds an access token has left, or empty when it is not a valid one. */
    public Optional<Long> secondsLeft(String accessToken) {
        String[] parts = verify(accessToken, ACCESS);
        if (parts == null || revokedRefreshTokens.contains(parts[2])) {
            return Optional.empty();
        }
        long left = Duration.between(clock.instant(), Instant.ofEpochMilli(Long.parseLong(parts[1]))).toSeconds();
        return left > 0 ? Optional.of(left) : Optional.empty();
    }

    private String sign(String kind, String... fields) {
        String payload = kind + "|" + String.join("|", fields);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return "sim-" + kind + "-" + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(hmac(signingKey, payload));
    }

    /** The fields of a token of this kind with a valid signature, or null. */
    private String[] verify(String token, String kind) {
        String prefix = "sim-" + kind + "-";
        if (signingKey == null || token == null || !token.startsWith(prefix)) {
            return null;
        }
        String[] halves = token.substring(prefix.length()).split("\\.", -1);
        if (halves.length != 2) {
            return null;
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            String payload = new String(base64.decode(halves[0]), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(base64.decode(halves[1]), hmac(signingKey, payload))
                    || !payload.startsWith(kind + "|")) {
                return null;
            }
            return payload.substring(kind.length() + 1).split("\\|", -1);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private String nonce() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static HttpProblem unauthorized(String category, String message) {
        return new HttpProblem(HubSpotErrors.error(401, category, message));
    }
}
