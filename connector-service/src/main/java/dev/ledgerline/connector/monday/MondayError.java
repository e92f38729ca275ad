package dev.ledgerline.connector.monday;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first entry of a monday.com {@code errors} array (sent with HTTP 200 for application errors, and with 4xx/5xx
 * for transport errors), and what the connector does about it. Both shapes monday has used are read: GraphQL errors
 * with {@code extensions.code} and the older {@code error_code}/{@code error_message} body.
 *
 * @param code         {@code extensions.code} or {@code error_code}; null when the body names none
 * @param retryIn      {@code extensions.retry_in_seconds}, or the seconds a complexity message says the budget resets in
 */
record MondayError(String code, String message, Optional<Duration> retryIn) {
    static final String COMPLEXITY_BUDGET_EXHAUSTED = "COMPLEXITY_BUDGET_EXHAUSTED";
    static final String CURSOR_EXPIRED = "CursorExpiredError";
    static final String DAILY_LIMIT_EXCEEDED = "DAILY_LIMIT_EXCEEDED";
    private static final int MAX_MESSAGE = 300;
    private static final Pattern RESET_IN = Pattern.compile("reset in (\\d+) seconds?");

    /** What a fault asks of the client. */
    enum Handling {
        /** The per-minute complexity budget is spent: wait as long as monday says, then send again. */
        WAIT_FOR_BUDGET,
        /** A passing fault (minute or concurrency limit, an internal error): back off and send again. */
        RETRY,
        /** The items_page cursor is older than 60 minutes: the board is read again from its first page. */
        CURSOR_EXPIRED,
        /** The account's daily call limit is spent: the connection pauses until midnight UTC. */
        PAUSE_FOR_DAY,
        /** The token is not accepted: consent (or a new API token) is needed. */
        REAUTHORIZE,
        /** The user may not read this board or it is gone: the entity is skipped with the message. */
        SKIP,
        /** Anything else (a malformed query, an unknown code): the run fails with the message. */
        FAIL
    }

    private static final Set<String> PASSING = Set.of("RATE_LIMIT_EXCEEDED", "Rate Limit Exceeded",
            "maxConcurrencyExceeded", "IP_RATE_LIMIT_EXCEEDED", "INTERNAL_SERVER_ERROR", "Internal server error",
            "API_TEMPORARILY_BLOCKED", "ResourceLocked");
    private static final Set<String> NOT_AUTHENTICATED = Set.of("UNAUTHENTICATED", "NotAuthenticated",
            "Unauthorized", "INVALID_TOKEN");
    private static final Set<String> NOT_READABLE = Set.of("UserUnauthorizedException", "USER_UNAUTHORIZED",
            "InvalidBoardIdException", "ResourceNotFoundException", "USER_ACCESS_DENIED", "MISSING_PERMISSION");

    /** The first error of a response body, or empty when the body carries none. */
    static Optional<MondayError> of(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode errors = body.path("errors");
        JsonNode first = errors.isArray() && !errors.isEmpty() ? errors.get(0) : null;
        String code = body.path("error_code").asText(null);
        String message = body.path("error_message").asText(null);
        JsonNode extensions = first == null ? null : first.path("extensions");
        if (first != null && first.isObject()) {
            code = extensions.path("code").asText(code);
            message = first.path("message").asText(message);
        } else if (first != null && message == null) {
            message = first.asText(null);
        }
        if (code == null && message == null) {
            return Optional.empty();
        }
        Optional<Duration> retryIn = Optional.empty();
        if (extensions != null && extensions.path("retry_in_seconds").canConvertToLong()) {
            retryIn = Optional.of(Duration.ofSeconds(extensions.path("retry_in_seconds").asLong()));
        } else if (message != null) {
            Matcher reset = RESET_IN.matcher(message);
            if (reset.find()) {
                retryIn = Optional.of(Duration.ofSeconds(Long.parseLong(reset.group(1))));
            }
        }
        return Optional.of(new MondayError(code, message == null || message.length() <= MAX_MESSAGE ? message
                : message.substring(0, MAX_MESSAGE), retryIn));
    }

    Handling handling() {
        if (COMPLEXITY_BUDGET_EXHAUSTED.equals(code) || "ComplexityException".equals(code)) {
            return Handling.WAIT_FOR_BUDGET;
        }
        if (CURSOR_EXPIRED.equals(code)) {
            return Handling.CURSOR_EXPIRED;
        }
        if (DAILY_LIMIT_EXCEEDED.equals(code)) {
            return Handling.PAUSE_FOR_DAY;
        }
        if (code != null && PASSING.contains(code)) {
            return Handling.RETRY;
        }
        if (code != null && NOT_AUTHENTICATED.contains(code)) {
            return Handling.REAUTHORIZE;
        }
        if (code != null && NOT_READABLE.contains(code)) {
            return Handling.SKIP;
        }
        return Handling.FAIL;
    }

    @Override
    public String toString() {
        return (code == null ? "" : code + ": ") + (message == null ? "" : message);
    }
}
