package dev.ledgerline.simulator.salesforce;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.http.Request;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.http.Router;
import dev.ledgerline.simulator.hubspot.Credentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The OAuth 2.0 web-server flow on the org's login host: {@code GET /services/oauth2/authorize} (consent granted at
 * once: 302 to the redirect URI with {@code code} and {@code state}), {@code POST /services/oauth2/token} with the
 * {@code authorization_code} and {@code refresh_token} grants (client id and secret in the form), answering
 * {@code access_token}, {@code instance_url} (this simulator), {@code id}, {@code issued_at}, {@code signature} and,
 * for a code, {@code refresh_token}; no {@code expires_in}, as Salesforce. Refused grants are 400
 * {@code invalid_grant}, a wrong app {@code invalid_client_id} / {@code invalid_client}. {@code POST
 * /services/oauth2/revoke} revokes a refresh token and its access tokens (400 {@code invalid_token} for one it does
 * not know).
 */
final class SalesforceOAuth {
    private final Credentials credentials;

    SalesforceOAuth(Credentials credentials) {
        this.credentials = credentials;
    }

    void routes(Router router) {
        router.on("GET", "/services/oauth2/authorize", this::authorize)
                .on("POST", "/services/oauth2/token", this::token)
                .on("POST", "/services/oauth2/revoke", this::revoke);
    }

    private Response authorize(Request request) {
        String redirectUri = request.query("redirect_uri");
        if (!credentials.app().get().clientId().equals(request.query("client_id"))) {
            return Response.text(400, "error=invalid_client_id&error_description=client%20identifier%20invalid");
        }
        if (redirectUri == null || !(redirectUri.startsWith("http://") || redirectUri.startsWith("https://"))) {
            return Response.text(400, "error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20"
                    + "configuration");
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("code=").append(encode(credentials.code(redirectUri)));
        if (request.query("state") != null) {
            location.append("&state=").append(encode(request.query("state")));
        }
        return Response.redirect(location.toString());
    }

    private Response token(Request request) {
        Map<String, String> form = request.form();
        Credentials.OAuthApp app = credentials.app().get();
        if (!app.clientId().equals(form.get("client_id"))) {
            return refused("invalid_client_id", "client identifier invalid");
        }
        if (!matches(app.clientSecret(), form.get("client_secret"))) {
            return refused("invalid_client", "invalid client credentials");
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        String refreshToken;
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                if (!credentials.spendCode(form.get("code"), form.get("redirect_uri"))) {
                    return refused("invalid_grant", "invalid authorization code");
                }
                refreshToken = credentials.refreshToken();
                answer.put("refresh_token", refreshToken);
            }
            case "refresh_token" -> {
                refreshToken = form.get("refresh_token");
                if (!credentials.validRefreshToken(refreshToken)) {
                    return refused("invalid_grant", "expired access/refresh token");
                }
            }
            default -> {
                return refused("unsupported_grant_type", "grant type not supported");
            }
        }
        String base = request.baseUrl();
        String issuedAt = String.valueOf(System.currentTimeMillis());
        answer.put("access_token", credentials.accessToken(refreshToken)).put("signature", "c2ltdWxhdGVk")
                .put("scope", "api refresh_token").put("instance_url", base)
                .put("id", base + "/id/" + SalesforceIds.of("00D", 1) + "/" + SalesforceIds.of("005", 1))
                .put("token_type", "Bearer").put("issued_at", issuedAt);
        return Response.json(200, answer).header("Cache-Control", "no-store");
    }

    private Response revoke(Request request) {
        String token = request.form().get("token");
        return token != null && credentials.revoke(token) ? Response.empty(200)
                : refused("invalid_token", "invalid token");
    }

    private static Response refused(String error, String description) {
        return Response.json(400, JsonNodeFactory.instance.objectNode().put("error", error)
                .put("error_description", description));
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
