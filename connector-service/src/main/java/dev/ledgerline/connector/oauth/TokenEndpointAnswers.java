package dev.ledgerline.connector.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcResponseFilter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;

/**
 * Classifies the token endpoint's error answers for every OIDC client of the service. quarkus-oidc-client reports a
 * failed grant as an {@code OidcClientException} carrying only the response body, without the status; this filter
 * sees the status and headers first and fails the call with a {@link TokenEndpointException} instead, so that a
 * refused grant (4xx) is told apart from a busy or failing endpoint (429, 5xx), which is retried.
 */
@Singleton
@Unremovable
@OidcEndpoint(OidcEndpoint.Type.TOKEN)
public class TokenEndpointAnswers implements OidcResponseFilter {
    private static final int MAX_DESCRIPTION = 200;

    private final ObjectMapper json;

    TokenEndpointAnswers(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Uni<Void> filter(OidcResponseFilterContext context) {
        int status = context.statusCode();
        if (status < 400) {
            return Uni.createFrom().voidItem();
        }
        if (status == 429 || status >= 500) {
            return Uni.createFrom().failure(TokenEndpointException.busy(status,
                    retryAfter(context.responseHeaders().get("Retry-After"))));
        }
        return Uni.createFrom().failure(refusal(status, context.responseBody() == null ? "" : context.responseBody().toString()));
    }

    /**
     * The OAuth error code and description (RFC 6749 §5.2), or HubSpot's own {@code status} and {@code message}
     * ({"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token"}), which HubSpot sends with or
     * without the OAuth fields.
     */
    private TokenEndpointException refusal(int status, String body) {
        try {
            JsonNode error = json.readTree(body);
            if (error != null && error.isObject()) {
                String code = text(error, "error", text(error, "status", null));
                String description = text(error, "error_description", text(error, "message", null));
                if (description != null && description.length() > MAX_DESCRIPTION) {
                    description = description.substring(0, MAX_DESCRIPTION);
                }
                return TokenEndpointException.refused(status, code, description);
            }
        } catch (IOException notJson) {
            // An HTML error page says nothing worth keeping.
        }
        return TokenEndpointException.refused(status, null, null);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : fallback;
    }

    /** Delay-seconds only; an HTTP-date (rare at token endpoints) falls back to the caller's backoff. */
    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException date) {
            return null;
        }
    }
}
