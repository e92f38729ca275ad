package dev.ledgerline.connector.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's request signature v3: {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(app client secret,
 * method + URI + body + X-HubSpot-Request-Timestamp)), the URI as HubSpot called it with the escapes HubSpot's
 * validation guide lists decoded ({@link #signedUri}). A timestamp more than five minutes old, or as far ahead, is
 * refused so that a captured request cannot be replayed later; a replay inside the window is a duplicate delivery
 * ({@link WebhookDeliveries}). The signatures are compared in constant time.
 */
public final class HubSpotSignature {
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** The escapes HubSpot decodes in the request URI before signing; every other escape stays as it came. */
    private static final Pattern SIGNED_AS_DECODED = Pattern.compile("%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)",
            Pattern.CASE_INSENSITIVE);

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
        Duration age = Duration.between(Instant.ofEpochMilli(millis), Instant.now(clock));
        if (age.compareTo(MAX_AGE) > 0) {
            return "the request timestamp is more than " + MAX_AGE.toMinutes() + " minutes old";
        }
        if (age.negated().compareTo(MAX_AGE) > 0) {
            return "the request timestamp is more than " + MAX_AGE.toMinutes() + " minutes ahead";
        }
        byte[] expected = sign(clientSecret, method + signedUri(uri) + body + timestamp.trim());
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return "X-HubSpot-Signature-v3 is not base64";
        }
        return MessageDigest.isEqual(expected, given) ? null : "the signature does not match";
    }

    /** The request URI as HubSpot signs it: its escapes of {@code : / ? @ ! $ ' ( ) * , ;} decoded. */
    static String signedUri(String uri) {
        return SIGNED_AS_DECODED.matcher(uri)
                .replaceAll(escape -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
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
