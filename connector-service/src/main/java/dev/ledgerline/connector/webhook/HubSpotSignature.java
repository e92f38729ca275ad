package dev.ledgerline.connector.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's request signature v3: {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(app client secret,
 * method + URI + body + X-HubSpot-Request-Timestamp)); requests older than five minutes are refused so that a
 * captured request cannot be replayed later.
 */
public final class HubSpotSignature {
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private HubSpotSignature() {
    }

    /** Why a request is refused, or null when its signature is valid and fresh. */
    public static String problem(String clientSecret, String method, String uri, String body, String timestamp,
            String signature, Clock clock) {
        if (signature == null || timestamp == null) {
            return "X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp are required";
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "X-HubSpot-Request-Timestamp is not epoch milliseconds";
        }
        Duration age = Duration.between(Instant.ofEpochMilli(millis), Instant.now(clock)).abs();
        if (age.compareTo(MAX_AGE) > 0) {
            return "the request timestamp is more than " + MAX_AGE.toMinutes() + " minutes off";
        }
        byte[] expected = sign(clientSecret, method + uri + body + timestamp.trim());
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return "X-HubSpot-Signature-v3 is not base64";
        }
        return MessageDigest.isEqual(expected, given) ? null : "the signature does not match";
    }

    static byte[] sign(String clientSecret, String source) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(source.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
