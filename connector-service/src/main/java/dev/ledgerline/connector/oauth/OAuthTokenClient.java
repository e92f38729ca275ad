package dev.ledgerline.connector.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.rest.problem.Problem;
import dev.ledgerline.rest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The authorization-code exchange at a CRM's token endpoint (RFC 6749 §4.1.3). */
@ApplicationScoped
public class OAuthTokenClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int ATTEMPTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json;
    private final Clock clock;

    OAuthTokenClient(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public OAuthTokens exchangeCode(String tokenUrl, String clientId, String clientSecret, String redirectUri,
            String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("redirect_uri", redirectUri);
        form.put("code", code);
        return tokensOf(post(tokenUrl, form));
    }

    /**
     * Trades a refresh token for a new access token (RFC 6749 §6). The answer may carry a new refresh token
     * (Salesforce rotation); when it does not, the caller keeps the old one.
     */
    public OAuthTokens refresh(String tokenUrl, String clientId, String clientSecret, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("refresh_token", refreshToken);
        return tokensOf(post(tokenUrl, form));
    }

    private OAuthTokens tokensOf(JsonNode body) {
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            throw refused("the token response has no access_token");
        }
        Instant expiresAt = body.hasNonNull("expires_in")
                ? Instant.now(clock).plusSeconds(body.get("expires_in").asLong()) : null;
        return new OAuthTokens(accessToken, body.path("refresh_token").asText(null), expiresAt,
                body.path("instance_url").asText(null));
    }

    /** Posts the form, retrying 429, 5xx and I/O failures; a 4xx is the CRM refusing the grant. */
    private JsonNode post(String url, Map<String, String> form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return json.readTree(response.body());
                }
                boolean retryable = status == 429 || status >= 500;
                if (!retryable || attempt == ATTEMPTS) {
                    throw refused(describeError(status, response.body()));
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new ProblemException(Problem.of(502, "CRM unreachable",
                            "the token endpoint did not answer: " + e.getClass().getSimpleName()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(Problem.of(503, "Interrupted", "the token exchange was interrupted"));
            }
            sleep(Duration.ofMillis(500L * attempt));
        }
    }

    /** The OAuth error code and description only: the body of a token response may hold secrets. */
    private String describeError(int status, String body) {
        try {
            JsonNode error = json.readTree(body);
            return "HTTP " + status + " " + error.path("error").asText("") + " "
                    + error.path("error_description").asText(error.path("message").asText(""));
        } catch (IOException e) {
            return "HTTP " + status;
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(Problem.of(400, "Authorization refused by the CRM", detail.trim()));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
