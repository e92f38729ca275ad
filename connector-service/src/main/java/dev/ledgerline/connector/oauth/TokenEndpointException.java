package dev.ledgerline.connector.oauth;

import java.time.Duration;

/**
 * A CRM's token endpoint did not grant tokens. Either it refused the grant (a 4xx other than 429: the code, the
 * refresh token or the client is not valid, so retrying cannot help and a user must consent again), or it was busy,
 * failing or unreachable (429, 5xx, no answer: worth retrying). The message names the HTTP status and the OAuth error
 * code and description only, never a request or response body, which may hold secrets.
 */
public class TokenEndpointException extends RuntimeException {
    private final boolean refused;
    private final int status;
    private final transient Duration retryAfter;

    private TokenEndpointException(String message, boolean refused, int status, Duration retryAfter) {
        super(message);
        this.refused = refused;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static TokenEndpointException refused(int status, String error, String description) {
        return new TokenEndpointException(("HTTP " + status + " " + nonNull(error) + " " + nonNull(description)).trim(),
                true, status, null);
    }

    /** A 429 or 5xx; {@code retryAfter} is what the endpoint asked to wait, or null. */
    static TokenEndpointException busy(int status, Duration retryAfter) {
        return new TokenEndpointException("the token endpoint answered HTTP " + status, false, status, retryAfter);
    }

    static TokenEndpointException unreachable(String why) {
        return new TokenEndpointException("the token endpoint did not answer: " + why, false, 0, null);
    }

    /** The same fault after the last attempt, saying how many were made. */
    TokenEndpointException afterAttempts(int attempts) {
        return new TokenEndpointException(getMessage() + " (" + attempts + " attempts)", refused, status, retryAfter);
    }

    /** True when the CRM refused the grant for good: consent must be given again. */
    public boolean refused() {
        return refused;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
