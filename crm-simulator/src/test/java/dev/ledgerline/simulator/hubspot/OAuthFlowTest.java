package dev.ledgerline.simulator.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.simulator.company.CompanySize;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The app's OAuth flow over HTTP: consent, code exchange, calls with the access token, refresh, revocation. */
class OAuthFlowTest {
    private static final String REDIRECT = "http://localhost:8081/oauth/callback";
    private static Portal portal;

    @BeforeAll
    static void start() {
        portal = Portal.unlimited(5, new CompanySize(40, 50, 0));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void consentGivesACodeThatBuysTokensThatReadThePortal() {
        Portal.Answer consent = portal.send(HttpRequest.newBuilder(portal.base.resolve("/oauth/authorize?client_id="
                + Portal.CLIENT_ID + "&redirect_uri=" + encode(REDIRECT) + "&scope=crm.objects.deals.read&state=s-1"))
                .GET());
        assertThat(consent.status()).isEqualTo(302);
        URI callback = URI.create(consent.header("Location"));
        assertThat(callback.toString()).startsWith(REDIRECT + "?code=");
        Map<String, String> query = query(callback);
        assertThat(query).containsEntry("state", "s-1");

        Portal.Answer tokens = token(Map.of("grant_type", "authorization_code", "client_id", Portal.CLIENT_ID,
                "client_secret", Portal.CLIENT_SECRET, "redirect_uri", REDIRECT, "code", query.get("code")));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().path("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.json().path("expires_in").asLong()).isEqualTo(1800);
        String access = tokens.json().path("access_token").asText();
        String refresh = tokens.json().path("refresh_token").asText();
        assertThat(portal.post("/crm/v3/objects/deals/search", "{}", access).status()).isEqualTo(200);

        Portal.Answer again = token(Map.of("grant_type", "authorization_code", "client_id", Portal.CLIENT_ID,
                "client_secret", Portal.CLIENT_SECRET, "redirect_uri", REDIRECT, "code", query.get("code")));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("status").asText()).isEqualTo("BAD_AUTH_CODE");

        Portal.Answer refreshed = token(Map.of("grant_type", "refresh_token", "client_id", Portal.CLIENT_ID,
                "client_secret", Portal.CLIENT_SECRET, "refresh_token", refresh));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().path("refresh_token").asText()).as("HubSpot does not rotate").isEqualTo(refresh);
        String renewed = refreshed.json().path("access_token").asText();
        assertThat(renewed).isNotEqualTo(access);
        assertThat(portal.post("/crm/v3/objects/deals/search", "{}", renewed).status()).isEqualTo(200);

        Portal.Answer revoked = portal.send(HttpRequest.newBuilder(portal.base.resolve("/oauth/v1/refresh-tokens/"
                + refresh)).DELETE());
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(portal.post("/crm/v3/objects/deals/search", "{}", renewed).status()).isEqualTo(401);
        Portal.Answer afterRevocation = token(Map.of("grant_type", "refresh_token", "client_id", Portal.CLIENT_ID,
                "client_secret", Portal.CLIENT_SECRET, "refresh_token", refresh));
        assertThat(afterRevocation.status()).isEqualTo(400);
        assertThat(afterRevocation.json().path("status").asText()).isEqualTo("BAD_REFRESH_TOKEN");
        assertThat(afterRevocation.json().path("message").asText()).isEqualTo("missing or unknown refresh token");
    }

    @Test
    void theTokenEndpointRefusesAnotherAppAWrongSecretAndAWrongRedirect() {
        assertThat(token(Map.of("grant_type", "refresh_token", "client_id", "other", "client_secret", "x",
                "refresh_token", "r")).json().path("status").asText()).isEqualTo("BAD_CLIENT_ID");
        assertThat(token(Map.of("grant_type", "refresh_token", "client_id", Portal.CLIENT_ID, "client_secret", "x",
                "refresh_token", "r")).json().path("status").asText()).isEqualTo("BAD_CLIENT_SECRET");
        Portal.Answer consent = portal.send(HttpRequest.newBuilder(portal.base.resolve("/oauth/authorize?client_id="
                + Portal.CLIENT_ID + "&redirect_uri=" + encode(REDIRECT))).GET());
        String code = query(URI.create(consent.header("Location"))).get("code");
        Portal.Answer wrongRedirect = token(Map.of("grant_type", "authorization_code", "client_id", Portal.CLIENT_ID,
                "client_secret", Portal.CLIENT_SECRET, "redirect_uri", "http://elsewhere/cb", "code", code));
        assertThat(wrongRedirect.status()).isEqualTo(400);
        assertThat(portal.send(HttpRequest.newBuilder(portal.base.resolve("/oauth/authorize?client_id=unknown"
                + "&redirect_uri=" + encode(REDIRECT))).GET()).status()).isEqualTo(400);
    }

    private static Portal.Answer token(Map<String, String> form) {
        String body = new LinkedHashMap<>(form).entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return portal.send(HttpRequest.newBuilder(portal.base.resolve("/oauth/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
