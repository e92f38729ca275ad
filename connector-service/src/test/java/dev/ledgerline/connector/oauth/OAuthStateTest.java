package dev.ledgerline.connector.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ledgerline.connector.ShiftableClock;
import dev.ledgerline.connector.connection.ConnectionRows;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OAuth callback's {@code state} on the real service and database: spent once (also by two callbacks at the same
 * moment), expiring after ten minutes, good only for the connection and tenant it was issued for. A refused callback
 * exchanges no code and changes no connection.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class OAuthStateTest {
    private static final WireMockServer CRM = new WireMockServer(wireMockConfig().dynamicPort());

    @Inject
    ShiftableClock clock;

    @BeforeAll
    static void startCrm() {
        CRM.start();
        CRM.stubFor(post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-first"))
                .willReturn(tokens("at-first-51c2", "rt-first-8d0e")));
        CRM.stubFor(post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-second"))
                .willReturn(tokens("at-second-0b7f", "rt-second-4e6a")));
        // Slow enough that two callbacks sent together are both inside the consent at once.
        CRM.stubFor(post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-race"))
                .willReturn(tokens("at-race-9a13", "rt-race-2c44").withFixedDelay(400)));
    }

    @AfterAll
    static void stopCrm() {
        CRM.stop();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aStateIsUnguessableAndDifferentForEveryConsent() {
        String tenant = tenant();
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            states.add(stateOf(createOAuthConnection(tenant)));
        }
        assertThat(states).doesNotHaveDuplicates();
        for (String state : states) {
            assertThat(state).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(state)).hasSizeGreaterThanOrEqualTo(16);
        }
    }

    @Test
    void aSpentStateIsRefusedAndTheConnectionKeepsItsTokens() throws Exception {
        Map<String, String> created = createOAuthConnection(tenant());
        callback(created, "code-first").then().statusCode(200).body("status", equalTo("ACTIVE"));
        byte[] accessToken = (byte[]) ConnectionRows.column(created.get("id"), "access_token");

        callback(created, "code-second").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("state"));

        CRM.verify(0, postRequestedFor(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-second")));
        assertThat((byte[]) ConnectionRows.column(created.get("id"), "access_token")).isEqualTo(accessToken);
    }

    @Test
    void ofTwoCallbacksWithOneStateAtTheSameMomentExactlyOneGoesOn() throws Exception {
        Map<String, String> created = createOAuthConnection(tenant());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return callback(created, "code-race").statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).sorted().toList();

        assertThat(statuses).containsExactly(200, 400);
        CRM.verify(1, postRequestedFor(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-race")));
    }

    @Test
    void aStateOlderThanTenMinutesIsRefused() {
        Map<String, String> created = createOAuthConnection(tenant());
        clock.shift(Duration.ofMinutes(10).plusSeconds(1));

        callback(created, "code-first").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("state"));

        clock.reset();
        assertPendingWithoutTokens(created);
        // Refused, not spent: nine minutes in, the same state still completes the consent.
        clock.shift(Duration.ofMinutes(9));
        callback(created, "code-first").then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aStateIsGoodOnlyForTheTenantAndConnectionItWasIssuedFor() throws Exception {
        Map<String, String> victim = createOAuthConnection(tenant());
        Map<String, String> other = createOAuthConnection(tenant());

        // A state row naming another tenant than its connection's.
        updateState(stateOf(victim), "tenant_id", tenant());
        callback(victim, "code-foreign").then().statusCode(400).body("violations.field", hasItem("state"));
        assertPendingWithoutTokens(victim);

        // A state row moved to a connection of another tenant.
        updateState(stateOf(other), "connection_id", UUID.fromString(victim.get("id")));
        callback(other, "code-foreign").then().statusCode(400).body("violations.field", hasItem("state"));
        assertPendingWithoutTokens(victim);
        assertPendingWithoutTokens(other);

        // A state for a connection that no longer waits for consent (active with an API token).
        String active = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "Private app", "apiToken", "pat-na1-7e1f0c2b-1111"))
                .post("/api/tenants/{tenant}/connections", other.get("tenant")).then().statusCode(201)
                .extract().path("connection.id");
        byte[] activeToken = (byte[]) ConnectionRows.column(active, "access_token");
        Map<String, String> third = createOAuthConnection(other.get("tenant"));
        updateState(stateOf(third), "connection_id", UUID.fromString(active));
        callback(third, "code-foreign").then().statusCode(400).body("violations.field", hasItem("state"));
        assertThat((byte[]) ConnectionRows.column(active, "access_token")).isEqualTo(activeToken);
        CRM.verify(0, postRequestedFor(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-foreign")));
    }

    @Test
    void anUnknownOrMissingStateIsRefused() {
        given().queryParam("code", "code-first").queryParam("state", "bm90LWEtc3RhdGUtd2UtaXNzdWVk")
                .get("/oauth/callback").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("state"));
        given().queryParam("code", "code-first").get("/oauth/callback").then().statusCode(400)
                .body("violations.field", hasItem("state"));
    }

    private static io.restassured.response.Response callback(Map<String, String> created, String code) {
        return given().queryParam("code", code).queryParam("state", stateOf(created)).get("/oauth/callback");
    }

    private static void assertPendingWithoutTokens(Map<String, String> created) {
        given().get("/api/tenants/{tenant}/connections/{id}", created.get("tenant"), created.get("id")).then()
                .statusCode(200).body("status", equalTo("PENDING_AUTH")).body("authorized", equalTo(false));
    }

    private static void updateState(String state, String column, Object value) throws Exception {
        try (var db = DriverManager.getConnection(DevstackResource.jdbcUrl("connector"), "postgres", "postgres");
                var update = db.prepareStatement("update oauth_state set " + column + " = ? where state = ?")) {
            update.setObject(1, value);
            update.setString(2, state);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static Map<String, String> createOAuthConnection(String tenant) {
        var created = given().contentType(ContentType.JSON).body(Map.of("crm", "hubspot",
                        "displayName", "HubSpot via OAuth",
                        "oauth", Map.of("clientId", "ledgerline-app-3", "clientSecret", "3e8c1f0a-state-test-secret",
                                "redirectUri", "https://ledgerline.test/oauth/callback"),
                        "tokenUrl", CRM.baseUrl() + "/oauth/v1/token",
                        "authorizeUrl", CRM.baseUrl() + "/oauth/authorize"))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201).extract();
        return Map.of("tenant", tenant, "id", created.path("connection.id"), "authorizeUrl", created.path("authorizeUrl"));
    }

    private static String stateOf(Map<String, String> created) {
        return Arrays.stream(URI.create(created.get("authorizeUrl")).getRawQuery().split("&"))
                .filter(pair -> pair.startsWith("state="))
                .map(pair -> URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8)).findFirst().orElseThrow();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokens(String access, String refresh) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"token_type":"bearer","refresh_token":"%s","access_token":"%s","expires_in":1800}
                """.formatted(refresh, access));
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
