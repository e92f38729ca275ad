package dev.ledgerline.simulator.hubspot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.http.Request;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.http.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;

/**
 * HubSpot's OAuth 2.0 authorization-code flow for the portal's app: the consent page (here granted at once, as if
 * the portal's user clicked "Connect app"), the token endpoint with the {@code authorization_code} and
 * {@code refresh_token} grants (client id and secret in the form), token information, and refresh-token revocation.
 * Errors are HubSpot's: HTTP 400 with {@code status} codes such as {@code BAD_REFRESH_TOKEN}.
 */
final class OAuthEndpoints {
    private final Credentials credentials;
    private final int portalId;

    OAuthEndpoints(Credentials credentials, int portalId) {
        this.credentials = credentials;
        this.portalId = portalId;
    }

    void routes(Router router) {
        router.on("GET", "/oauth/authorize", this::authorize)
                .on("POST", "/oauth/v1/token", this::token)
                .on("GET", "/oauth/v1/access-tokens/([^/]+)", this::accessTokenInfo)
                .on("DELETE", "/oauth/v1/refresh-tokens/([^/]+)", this::revoke);
    }

    /** Consent: back to the app's redirect URI with a code and the app's state. */
    private Response authorize(Request request) {
        String clientId = request.query("client_id");
        String redirectUri = request.query("redirect_uri");
        if (credentials.app().isEmpty() || !credentials.app().get().clientId().equals(clientId)) {
            return Response.text(400, "This app (client_id " + clientId + ") is not known to this HubSpot portal.");
        }
        if (redirectUri == null || !(redirectUri.startsWith("http://") || redirectUri.startsWith("https://"))) {
            return Response.text(400, "redirect_uri is missing or not an http(s) URL.");
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("code=").append(encode(credentials.code(redirectUri)));
        String state = request.query("state");
        if (state != null) {
            location.append("&state=").append(encode(state));
        }
        return Response.redirect(location.toString());
    }

    private Response token(Request request) {
        Map<String, String> form = request.form();
        if (credentials.app().isEmpty() || !credentials.app().get().clientId().equals(form.get("client_id"))) {
            return refused("BAD_CLIENT_ID", "missing or unknown client id");
        }
        if (!matches(credentials.app().get().clientSecret(), form.get("client_secret"))) {
            return refused("BAD_CLIENT_SECRET", "missing or unknown client secret");
        }
        String grant = form.getOrDefault("grant_type", "");
        String refreshToken;
        switch (grant) {
            case "authorization_code" -> {
                if (!credentials.spendCode(form.get("code"), form.get("redirect_uri"))) {
                    return refused("BAD_AUTH_CODE", "missing or unknown auth code");
                }
                refreshToken = credentials.refreshToken();
            }
            case "refresh_token" -> {
                refreshToken = form.get("refresh_token");
                if (!credentials.validRefreshToken(refreshToken)) {
                    return refused("BAD_REFRESH_TOKEN", "missing or unknown refresh token");
                }
            }
            default -> {
                return refused("BAD_GRANT_TYPE", "grant_type must be authorization_code or refresh_token");
            }
        }
        // HubSpot's refresh tokens do not rotate: a refresh answers with the same one.
        ObjectNode tokens = JsonNodeFactory.instance.objectNode().put("token_type", "bearer")
                .put("refresh_token", refreshToken).put("access_token", credentials.accessToken(refreshToken))
                .put("expires_in", credentials.accessTokenLifetime().toSeconds());
        return Response.json(200, tokens).header("Cache-Control", "no-store");
    }

    private Response accessTokenInfo(Request request) {
        String token = request.path(1);
        return credentials.secondsLeft(token).map(seconds -> Response.json(200, JsonNodeFactory.instance.objectNode()
                        .put("token", token).put("hub_id", portalId).put("app_id", 1_160_452)
                        .put("expires_in", seconds).put("token_type", "access")))
                .orElseGet(() -> HubSpotErrors.error(404, "NOT_FOUND", "access token not found or expired"));
    }

    private Response revoke(Request request) {
        String token = request.path(1);
        return credentials.app().isPresent() && credentials.revoke(token) ? Response.empty(204)
                : HubSpotErrors.error(404, "NOT_FOUND", "refresh token not found");
    }

    private static Response refused(String status, String message) {
        return Response.json(400, JsonNodeFactory.instance.objectNode().put("status", status).put("message", message)
                .put("correlationId", UUID.randomUUID().toString()));
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
