package dev.ledgerline.connector.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ledgerline.connector.sync.SyncRuns.runToEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ledgerline.connector.connection.ConnectionRows;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token refresh of OAuth HubSpot connections through quarkus-oidc-client, against a WireMock that answers like
 * HubSpot's token endpoint and CRM API. Every connection has its own token URL (the per-connection override), so the
 * tests cannot see each other's token requests.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class TokenRefreshTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final WireMockServer HUBSPOT = new WireMockServer(wireMockConfig().dynamicPort()
            .usingFilesUnderClasspath("hubspot"));
    private static final String CLIENT_ID = "ledgerline-app-9";
    private static final String CLIENT_SECRET = "4b1e9c07-refresh-test-secret-77a2";

    @Inject
    SecretCipher cipher;

    private final LogCapture logs = new LogCapture();

    @BeforeAll
    static void startHubSpot() {
        HUBSPOT.start();
    }

    @AfterAll
    static void stopHubSpot() {
        HUBSPOT.stop();
    }

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(logs);
    }

    @AfterEach
    void stopCapturingLogs() {
        Logger.getLogger("").removeHandler(logs);
    }

    @Test
    void a401RefreshesTheTokenAtTheConnectionsOwnTokenUrlStoresTheRotatedTokensAndRetries() throws Exception {
        Portal portal = new Portal("portal-a");
        String connection = portal.connect();
        portal.refreshAnswers(tokens("at-portal-a-2", "rt-portal-a-2"));
        hubSpotRefuses(portal.accessToken);
        hubSpotAccepts("at-portal-a-2");

        JsonPath run = runToEnd(portal.tenant, connection, "FULL");

        assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
        HUBSPOT.verify(1, portal.refreshRequests()
                .withRequestBody(containing("refresh_token=" + portal.refreshToken))
                .withRequestBody(containing("client_id=" + CLIENT_ID))
                .withRequestBody(containing("client_secret=" + CLIENT_SECRET)));
        // Only this connection's token URL was asked, not HubSpot's default path on the same host.
        HUBSPOT.verify(1, postRequestedFor(urlMatching(".*/token"))
                .withRequestBody(containing("refresh_token=" + portal.refreshToken)));
        assertThat(decrypted(connection, "access_token")).isEqualTo("at-portal-a-2");
        assertThat(decrypted(connection, "refresh_token")).isEqualTo("rt-portal-a-2");
        assertThat(new String(column(connection, "refresh_token"), StandardCharsets.ISO_8859_1)).doesNotContain("rt-portal-a-2");

        // The next run sends the refreshed token straight away.
        assertThat(runToEnd(portal.tenant, connection, "INCREMENTAL").getString("state")).isEqualTo("SUCCEEDED");
        HUBSPOT.verify(1, portal.refreshRequests());

        // quarkus-oidc-client logs the token request form in clear at DEBUG: its categories are kept at INFO.
        org.jboss.logging.Logger.getLogger(TokenRefreshTest.class).info("log capture works");
        assertThat(logs.all()).contains("log capture works");
        assertThat(logs.from("io.quarkus.oidc")).noneMatch(line -> line.contains("request params"));
        assertThat(logs.all()).noneMatch(line -> line.contains(portal.accessToken) || line.contains("at-portal-a-2")
                || line.contains(portal.refreshToken) || line.contains("rt-portal-a-2") || line.contains(CLIENT_SECRET));
    }

    @Test
    void aRateLimitedTokenEndpointIsAskedAgainAfterRetryAfter() {
        Portal portal = new Portal("portal-b");
        String connection = portal.connect();
        HUBSPOT.stubFor(post(urlEqualTo(portal.tokenPath)).withRequestBody(containing("grant_type=refresh_token"))
                .inScenario(portal.name).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "1").withBodyFile("error-429-secondly.json")));
        HUBSPOT.stubFor(post(urlEqualTo(portal.tokenPath)).withRequestBody(containing("grant_type=refresh_token"))
                .inScenario(portal.name).whenScenarioStateIs("calm")
                .willReturn(okJson(tokens("at-portal-b-2", portal.refreshToken))));
        hubSpotRefuses(portal.accessToken);
        hubSpotAccepts("at-portal-b-2");

        JsonPath run = runToEnd(portal.tenant, connection, "FULL");

        assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
        HUBSPOT.verify(2, portal.refreshRequests());
        given().get("/api/tenants/{tenant}/connections/{id}", portal.tenant, connection).then()
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    void aRefusedRefreshTokenFailsTheRunAndMarksTheConnectionNeedsReauth() {
        Portal portal = new Portal("portal-c");
        String connection = portal.connect();
        HUBSPOT.stubFor(post(urlEqualTo(portal.tokenPath)).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token","correlationId":"9f1c4f0e-2b1d-4a4e-8c53-0d6f3a1b7e21"}
                        """)));
        hubSpotRefuses(portal.accessToken);

        JsonPath run = runToEnd(portal.tenant, connection, "FULL");

        assertThat(run.getString("state")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("NEEDS_REAUTH").contains("BAD_REFRESH_TOKEN")
                .doesNotContain(portal.refreshToken);
        given().get("/api/tenants/{tenant}/connections/{id}", portal.tenant, connection).then()
                .body("status", org.hamcrest.Matchers.equalTo("NEEDS_REAUTH"));
        // A refusal is final: asked once, not retried.
        HUBSPOT.verify(1, portal.refreshRequests());
    }

    @Test
    void aTokenEndpointThatKeepsFailingFailsTheRunAfterBoundedRetriesButKeepsTheConnection() {
        Portal portal = new Portal("portal-d");
        String connection = portal.connect();
        HUBSPOT.stubFor(post(urlEqualTo(portal.tokenPath)).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBodyFile("error-502.html")));
        hubSpotRefuses(portal.accessToken);

        JsonPath run = runToEnd(portal.tenant, connection, "FULL");

        assertThat(run.getString("state")).isEqualTo("FAILED");
        assertThat(run.getString("error")).doesNotStartWith("NEEDS_REAUTH").contains("HTTP 503")
                .contains(OAuthTokenClient.RETRIES.maxAttempts() + " attempts");
        HUBSPOT.verify(OAuthTokenClient.RETRIES.maxAttempts(), portal.refreshRequests());
        given().get("/api/tenants/{tenant}/connections/{id}", portal.tenant, connection).then()
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    /** One HubSpot portal: its tenant and its connection's own token URL on the WireMock. */
    private static final class Portal {
        final String name;
        final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        final String tokenPath;
        final String accessToken;
        final String refreshToken;

        Portal(String name) {
            this.name = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            this.tokenPath = "/" + this.name + "/oauth/v1/token";
            this.accessToken = "at-" + name + "-1";
            this.refreshToken = "rt-" + name + "-1";
        }

        /** Creates the OAuth connection and completes its consent; the code exchange hands out the first tokens. */
        String connect() {
            HUBSPOT.stubFor(post(urlEqualTo(tokenPath)).withRequestBody(containing("grant_type=authorization_code"))
                    .willReturn(okJson(tokens(accessToken, refreshToken))));
            given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR"))
                    .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
            var created = given().contentType(ContentType.JSON)
                    .body(Map.of("crm", "hubspot", "displayName", name,
                            "oauth", Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET,
                                    "redirectUri", "https://ledgerline.test/oauth/callback"),
                            "apiBaseUrl", HUBSPOT.baseUrl(), "tokenUrl", HUBSPOT.baseUrl() + tokenPath,
                            "authorizeUrl", HUBSPOT.baseUrl() + "/oauth/authorize"))
                    .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201).extract();
            String authorizeUrl = created.path("authorizeUrl");
            String state = authorizeUrl.replaceAll(".*[?&]state=([^&]+).*", "$1");
            given().queryParam("code", "code-" + name).queryParam("state", state).get("/oauth/callback")
                    .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
            return created.path("connection.id");
        }

        void refreshAnswers(String body) {
            HUBSPOT.stubFor(post(urlEqualTo(tokenPath)).withRequestBody(containing("grant_type=refresh_token"))
                    .willReturn(okJson(body)));
        }

        RequestPatternBuilder refreshRequests() {
            return postRequestedFor(urlEqualTo(tokenPath)).withRequestBody(containing("grant_type=refresh_token"));
        }
    }

    /** HubSpot's token endpoint answer. */
    private static String tokens(String accessToken, String refreshToken) {
        return """
                {"token_type":"bearer","refresh_token":"%s","access_token":"%s","expires_in":1800}
                """.formatted(refreshToken, accessToken);
    }

    /** HubSpot's answer to an expired access token, on every CRM call. */
    private static void hubSpotRefuses(String accessToken) {
        HUBSPOT.stubFor(any(urlPathMatching("/(crm|account-info)/.*")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(json("error-401.json").withStatus(401)));
    }

    /** An empty portal: every list and search has no results. */
    private static void hubSpotAccepts(String accessToken) {
        HUBSPOT.stubFor(get(urlPathMatching("/(crm|account-info)/.*")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("{\"results\":[]}")));
        HUBSPOT.stubFor(post(urlPathMatching("/(crm|account-info)/.*")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("{\"total\":0,\"results\":[]}")));
    }

    private static ResponseDefinitionBuilder json(String file) {
        return aResponse().withHeader("Content-Type", "application/json").withBodyFile(file);
    }

    private String decrypted(String connection, String column) throws Exception {
        return cipher.decrypt(column(connection, column), "crm_connection/" + connection + "/" + column);
    }

    private static byte[] column(String id, String column) throws Exception {
        return (byte[]) ConnectionRows.column(id, column);
    }

    /** Every log record of the service while a test runs, formatted as it would be written, stack traces included. */
    private static final class LogCapture extends Handler {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        LogCapture() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        List<String> all() {
            return records.stream().map(LogCapture::format).toList();
        }

        List<String> from(String loggerPrefix) {
            return records.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith(loggerPrefix))
                    .map(LogCapture::format).toList();
        }

        private static String format(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            if (record.getThrown() == null) {
                return message;
            }
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            return message + "\n" + trace;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
