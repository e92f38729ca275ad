package dev.ledgerline.devstack.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs bearer tokens (RS256 JWTs) the way an OIDC provider would for the services: subject, tenant claim, roles in
 * the {@code groups} claim, issuer {@link #ISSUER}, issued-at and expiry.
 */
public final class TokenMinter {
    public static final String ISSUER = "ledgerline-devstack";
    public static final String TENANT_CLAIM = "tenant";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    private final SigningKeys keys;

    public TokenMinter(SigningKeys keys) {
        this.keys = keys;
    }

    /** A token valid from now for the given lifetime (negative: already expired). */
    public String issue(String subject, String tenant, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(lifetime);
        // An expired token was issued an hour before it expired; iat never lies in the future.
        Instant issuedAt = lifetime.isNegative() ? expiresAt.minus(Duration.ofHours(1)) : now;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + json(ISSUER)
                + ",\"sub\":" + json(subject)
                + ",\"" + TENANT_CLAIM + "\":" + json(tenant)
                + ",\"groups\":[" + roles.stream().map(TokenMinter::json).collect(Collectors.joining(",")) + "]"
                + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
        String signingInput = base64Url(header) + "." + base64Url(claims);
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(signingInput));
    }

    private byte[] sign(String signingInput) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.privateKey());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return rs256.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the token", e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
