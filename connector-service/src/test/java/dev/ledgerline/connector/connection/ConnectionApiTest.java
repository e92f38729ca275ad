package dev.ledgerline.connector.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ledgerline.connector.oauth.TokenRevocation;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.ConnectionSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connection API on real PostgreSQL and Kafka, with a WireMock CRM token endpoint. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class ConnectionApiTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final String PRIVATE_APP_TOKEN = "pat-eu1-2b6f0c4e-7a1d-4c3b-9f0e-5d8a1b2c3d4e";
    private static final String CLIENT_SECRET = "7c4f0a52-client-secret-e91b";
    private static final WireMockServer crm = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void startCrm() {
        crm.start();
    }

    @AfterAll
    static void stopCrm() {
        crm.stop();
    }

    @Test
    void anApiTokenConnectionIsActiveWithDefaultsAndItsTokenIsNeitherReturnedNorStoredInClear() throws Exception {
        String tenant = tenant();
        String body = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "HubSpot EU portal", "apiToken", PRIVATE_APP_TOKEN))
                .post("/api/tenants/{tenant}/connections", tenant)
                .then().statusCode(201)
                .body("connection.status", equalTo("ACTIVE"))
                .body("connection.authKind", equalTo("API_TOKEN"))
                .body("connection.authorized", equalTo(true))
                .body("connection.settings.autoMerge", equalTo(true))
                .body("connection.settings.customerScope", equalTo("DEALS_ONLY"))
                .body("connection.settings.syncProducts", equalTo(true))
                .body("authorizeUrl", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain(PRIVATE_APP_TOKEN);
        String id = given().get("/api/tenants/{tenant}/connections", tenant).then().statusCode(200)
                .extract().path("[0].id");
        assertThat(given().get("/api/tenants/{tenant}/connections/{id}", tenant, id).asString())
                .doesNotContain(PRIVATE_APP_TOKEN);

        byte[] stored = secretColumn(id, "access_token");
        assertThat(stored).isNotNull();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(PRIVATE_APP_TOKEN);

        ConnectionSettings published = publishedConnection(tenant, id, "ACTIVE");
        assertThat(published.getAutoMerge()).isTrue();
        assertThat(published.getSyncInvoicesSince()).isEqualTo(published.getConnectedAt());
    }

    @Test
    void invalidRequestsGetAProblemNamingTheField() {
        String tenant = tenant();
        assertProblem(tenant, Map.of("crm", "hubspot", "apiToken", PRIVATE_APP_TOKEN), "displayName");
        assertProblem(tenant, Map.of("crm", "pipedrive", "displayName", "x", "apiToken", PRIVATE_APP_TOKEN), "crm");
        assertProblem(tenant, Map.of("crm", "hubspot", "displayName", "x"), "oauth");
        assertProblem(tenant, Map.of("crm", "salesforce", "displayName", "x", "apiToken", PRIVATE_APP_TOKEN), "apiToken");
        assertProblem(tenant, Map.of("crm", "hubspot", "displayName", "x", "apiToken", PRIVATE_APP_TOKEN,
                "apiBaseUrl", "not a url"), "apiBaseUrl");
        assertProblem(tenant, Map.of("crm", "hubspot", "displayName", "x",
                "oauth", Map.of("clientId", "app-1", "clientSecret", CLIENT_SECRET)), "oauth.redirectUri");
        assertProblem("acme|evil", Map.of("crm", "hubspot", "displayName", "x", "apiToken", PRIVATE_APP_TOKEN), "tenant");
        given().get("/api/tenants/{tenant}/connections/{id}", tenant, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("title", equalTo("Not found"));
    }

    @Test
    void oauthConsentExchangesTheCodeOnceAndStoresTheTokensEncrypted() throws Exception {
        crm.stubFor(post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-good"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"token_type":"bearer","refresh_token":"rt-6f1c2d3e","access_token":"at-CJzL9zP","expires_in":1800}
                        """)));
        String tenant = tenant();
        Map<String, Object> created = createOAuthConnection(tenant);
        String id = (String) created.get("id");
        URI authorize = URI.create((String) created.get("authorizeUrl"));
        Map<String, String> query = queryOf(authorize);
        assertThat(authorize.getPath()).isEqualTo("/oauth/authorize");
        assertThat(query).containsEntry("client_id", "ledgerline-app-1")
                .containsEntry("redirect_uri", "https://ledgerline.test/oauth/callback")
                .containsEntry("scope", "crm.objects.deals.read crm.objects.contacts.read")
                .containsKey("state");

        given().queryParam("code", "code-good").queryParam("state", query.get("state")).get("/oauth/callback")
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("authorized", equalTo(true))
                .body(org.hamcrest.Matchers.not(containsString("at-CJzL9zP")));
        crm.verify(1, postRequestedFor(urlEqualTo("/oauth/v1/token"))
                .withRequestBody(containing("code=code-good"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("client_secret=" + CLIENT_SECRET))
                .withRequestBody(containing("redirect_uri=https%3A%2F%2Fledgerline.test%2Foauth%2Fcallback")));
        assertThat(new String(secretColumn(id, "refresh_token"), StandardCharsets.ISO_8859_1)).doesNotContain("rt-6f1c2d3e");
        publishedConnection(tenant, id, "ACTIVE");

        given().queryParam("code", "code-good").queryParam("state", query.get("state")).get("/oauth/callback")
                .then().statusCode(400).body("violations.field", hasItem("state"));
        crm.verify(1, postRequestedFor(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-good")));
    }

    @Test
    void aRefusedCodeLeavesTheConnectionWaitingForConsent() {
        crm.stubFor(post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-expired"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"status":"BAD_AUTH_CODE","message":"missing or unknown auth code","correlationId":"3d4b4f0e-1f43-4b6a-8f58-3b1b4b0c8f11","error":"invalid_grant","error_description":"missing or unknown auth code"}
                        """)));
        String tenant = tenant();
        Map<String, Object> created = createOAuthConnection(tenant);
        String state = queryOf(URI.create((String) created.get("authorizeUrl"))).get("state");

        given().queryParam("code", "code-expired").queryParam("state", state).get("/oauth/callback")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("invalid_grant"));
        given().get("/api/tenants/{tenant}/connections/{id}", tenant, created.get("id"))
                .then().body("status", equalTo("PENDING_AUTH")).body("authorized", equalTo(false));
    }

    @Test
    void disconnectErasesEverySecretAndPublishesTheNewStatus() throws Exception {
        String tenant = tenant();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "monday", "displayName", "Deals board", "apiToken", PRIVATE_APP_TOKEN))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id");

        given().delete("/api/tenants/{tenant}/connections/{id}", tenant, id).then().statusCode(204);

        given().get("/api/tenants/{tenant}/connections/{id}", tenant, id).then()
                .body("status", equalTo("DISCONNECTED")).body("authorized", equalTo(false));
        assertThat(secretColumn(id, "access_token")).isNull();
        publishedConnection(tenant, id, "DISCONNECTED");
        given().contentType(ContentType.JSON).body(Map.of("autoMerge", false))
                .put("/api/tenants/{tenant}/connections/{id}/settings", tenant, id).then().statusCode(409);
    }

    @Test
    void disconnectRevokesTheHubSpotRefreshTokenAndErasesEveryToken() throws Exception {
        String tenant = tenant();
        String id = connectedOAuthConnection(tenant, "code-revoke", "at-7d1e0c2a", "rt-revoke-5c8e");
        crm.stubFor(delete(urlEqualTo("/oauth/v1/refresh-tokens/rt-revoke-5c8e")).willReturn(aResponse().withStatus(204)));

        given().delete("/api/tenants/{tenant}/connections/{id}", tenant, id).then().statusCode(204);

        crm.verify(1, deleteRequestedFor(urlEqualTo("/oauth/v1/refresh-tokens/rt-revoke-5c8e")));
        assertEveryTokenErased(id);
        given().get("/api/tenants/{tenant}/connections/{id}", tenant, id).then()
                .body("status", equalTo("DISCONNECTED")).body("statusReason", equalTo("disconnected by a user"));
        publishedConnection(tenant, id, "DISCONNECTED");
    }

    @Test
    void disconnectSucceedsWhenHubSpotCannotRevokeTheRefreshToken() throws Exception {
        String tenant = tenant();
        String id = connectedOAuthConnection(tenant, "code-unrevoked", "at-91b4f7e3", "rt-unrevoked-2a6d");
        crm.stubFor(delete(urlEqualTo("/oauth/v1/refresh-tokens/rt-unrevoked-2a6d"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody("""
                        {"status":"error","message":"internal error","correlationId":"0e5d2c4b-6a7f-4e1d-9b3a-8c2f1d0e4a5b"}
                        """)));

        given().delete("/api/tenants/{tenant}/connections/{id}", tenant, id).then().statusCode(204);

        crm.verify(TokenRevocation.RETRIES.maxAttempts(), deleteRequestedFor(urlEqualTo("/oauth/v1/refresh-tokens/rt-unrevoked-2a6d")));
        assertEveryTokenErased(id);
        String reason = given().get("/api/tenants/{tenant}/connections/{id}", tenant, id).then()
                .body("status", equalTo("DISCONNECTED")).extract().path("statusReason");
        assertThat(reason).contains("did not confirm the revocation").contains("HTTP 500").doesNotContain("rt-unrevoked");
        publishedConnection(tenant, id, "DISCONNECTED");
    }

    @Test
    void settingsUpdatesChangeOnlyWhatTheyName() {
        String tenant = tenant();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "HUBSPOT", "displayName", "Portal", "apiToken", PRIVATE_APP_TOKEN,
                        "settings", Map.of("customerScope", "ALL_CONTACTS")))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id");

        given().contentType(ContentType.JSON).body(Map.of("autoMerge", false))
                .put("/api/tenants/{tenant}/connections/{id}/settings", tenant, id).then().statusCode(200)
                .body("settings.autoMerge", equalTo(false))
                .body("settings.customerScope", equalTo("ALL_CONTACTS"))
                .body("settings.syncProducts", equalTo(true));
        ConnectionSettings published = publishedConnection(tenant, id, settings -> !settings.getAutoMerge());
        assertThat(published.getCustomerScope().name()).isEqualTo("ALL_CONTACTS");
    }

    @Test
    void invoiceOnWonDealIsOffByDefaultAndAnAdminTurnsItOnAndOffOnTheTopic() {
        String tenant = tenant();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "HUBSPOT", "displayName", "Portal", "apiToken", PRIVATE_APP_TOKEN))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .body("connection.settings.invoiceOnWonDeal", equalTo(false))
                .extract().path("connection.id");
        assertThat(publishedConnection(tenant, id, "ACTIVE").getInvoiceOnWonDeal()).isFalse();

        given().contentType(ContentType.JSON).body(Map.of("invoiceOnWonDeal", true))
                .put("/api/tenants/{tenant}/connections/{id}/settings", tenant, id).then().statusCode(200)
                .body("settings.invoiceOnWonDeal", equalTo(true))
                .body("settings.autoMerge", equalTo(true));
        given().get("/api/tenants/{tenant}/connections/{id}", tenant, id).then().statusCode(200)
                .body("settings.invoiceOnWonDeal", equalTo(true));
        assertThat(publishedConnection(tenant, id, ConnectionSettings::getInvoiceOnWonDeal).getAutoMerge()).isTrue();

        // Another setting changed alone keeps it on; turned off, the topic says so.
        given().contentType(ContentType.JSON).body(Map.of("syncProducts", false))
                .put("/api/tenants/{tenant}/connections/{id}/settings", tenant, id).then().statusCode(200)
                .body("settings.invoiceOnWonDeal", equalTo(true));
        assertThat(publishedConnection(tenant, id, settings -> !settings.getSyncProducts()).getInvoiceOnWonDeal())
                .isTrue();
        given().contentType(ContentType.JSON).body(Map.of("invoiceOnWonDeal", false))
                .put("/api/tenants/{tenant}/connections/{id}/settings", tenant, id).then().statusCode(200)
                .body("settings.invoiceOnWonDeal", equalTo(false));
        assertThat(publishedConnection(tenant, id,
                settings -> !settings.getSyncProducts() && !settings.getInvoiceOnWonDeal()).getInvoiceOnWonDeal()).isFalse();
    }

    @Test
    void aConnectionCreatedWithInvoiceOnWonDealPublishesIt() {
        String tenant = tenant();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "HUBSPOT", "displayName", "Portal", "apiToken", PRIVATE_APP_TOKEN,
                        "settings", Map.of("invoiceOnWonDeal", true)))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .body("connection.settings.invoiceOnWonDeal", equalTo(true))
                .extract().path("connection.id");
        assertThat(publishedConnection(tenant, id, "ACTIVE").getInvoiceOnWonDeal()).isTrue();
        given().contentType(ContentType.JSON).body(Map.of("invoiceOnWonDeal", "sometimes"))
                .put("/api/tenants/{tenant}/connections/{id}/settings", tenant, id).then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** An OAuth HubSpot connection whose consent completed with these tokens. */
    private static String connectedOAuthConnection(String tenant, String code, String accessToken, String refreshToken) {
        crm.stubFor(post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=" + code))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"token_type":"bearer","refresh_token":"%s","access_token":"%s","expires_in":1800}
                        """.formatted(refreshToken, accessToken))));
        Map<String, Object> created = createOAuthConnection(tenant);
        String state = queryOf(URI.create((String) created.get("authorizeUrl"))).get("state");
        given().queryParam("code", code).queryParam("state", state).get("/oauth/callback")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        return (String) created.get("id");
    }

    private static void assertEveryTokenErased(String id) throws Exception {
        for (String column : List.of("client_secret", "access_token", "refresh_token", "access_token_expires_at")) {
            assertThat(ConnectionRows.column(id, column)).as(column).isNull();
        }
    }

    private static Map<String, Object> createOAuthConnection(String tenant) {
        Map<String, Object> request = Map.of("crm", "hubspot", "displayName", "HubSpot via OAuth",
                "oauth", Map.of("clientId", "ledgerline-app-1", "clientSecret", CLIENT_SECRET,
                        "redirectUri", "https://ledgerline.test/oauth/callback",
                        "scopes", java.util.List.of("crm.objects.deals.read", "crm.objects.contacts.read")),
                "tokenUrl", crm.baseUrl() + "/oauth/v1/token",
                "authorizeUrl", crm.baseUrl() + "/oauth/authorize");
        var response = given().contentType(ContentType.JSON).body(request)
                .post("/api/tenants/{tenant}/connections", tenant)
                .then().statusCode(201).body("connection.status", equalTo("PENDING_AUTH")).extract();
        assertThat(response.asString()).doesNotContain(CLIENT_SECRET);
        return Map.of("id", response.path("connection.id"), "authorizeUrl", response.path("authorizeUrl"));
    }

    private static void assertProblem(String tenant, Map<String, Object> request, String field) {
        given().contentType(ContentType.JSON).body(request).post("/api/tenants/{tenant}/connections", tenant)
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field));
    }

    private static ConnectionSettings publishedConnection(String tenant, String id, String status) {
        return publishedConnection(tenant, id, settings -> settings.getStatus().name().equals(status));
    }

    /** The newest ConnectionSettings of this connection on crm.connections.v1, once one matches. */
    private static ConnectionSettings publishedConnection(String tenant, String id, Predicate<ConnectionSettings> until) {
        return TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.CONNECTIONS,
                        AvroSerde.of(ConnectionSettings.class).deserializer(),
                        r -> r.key().equals(Keys.of(tenant, id)) && until.test(r.value()), Duration.ofSeconds(20))
                .stream().filter(r -> r.key().equals(Keys.of(tenant, id))).reduce((a, b) -> b).orElseThrow().value();
    }

    private static byte[] secretColumn(String id, String column) throws Exception {
        return (byte[]) ConnectionRows.column(id, column);
    }

    private static Map<String, String> queryOf(URI uri) {
        Map<String, String> query = new HashMap<>();
        Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2)).forEach(pair ->
                query.put(pair[0], java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        return query;
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8) + "-" + Instant.now().toEpochMilli() % 100000;
    }
}
