package dev.ledgerline.connector.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ledgerline.connector.sync.SyncRuns.awaitEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.StageCategory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HubSpot webhooks on the real service: a signed event batch makes the changed deal (batch read from a WireMock
 * HubSpot) and the deleted one land on crm.deals.v1 at once; an unsigned or wrongly signed one gets 401 and reads
 * nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class HubSpotWebhookTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final String CLIENT_SECRET = "9b1d7e44-webhook-app-secret-3f2a";
    private static final WireMockServer HUBSPOT = new WireMockServer(wireMockConfig().dynamicPort()
            .usingFilesUnderClasspath("hubspot"));

    private static final String WON_9301 = """
            {"id":"9301","properties":{"amount":"7300","closedate":"2024-08-02T09:00:00Z",
            "createdate":"2024-05-10T08:00:00Z","deal_currency_code":"EUR","dealname":"Initech renewal",
            "dealstage":"closedwon","hs_lastmodifieddate":"2024-08-02T09:00:03.120Z","hs_object_id":"9301",
            "pipeline":"default"},"createdAt":"2024-05-10T08:00:00Z","updatedAt":"2024-08-02T09:00:03.120Z",
            "archived":false}""";
    private static final String STAGELESS_9303 = """
            {"id":"9303","properties":{"amount":null,"amount_in_home_currency":null,
            "closed_lost_reason":null,"closedate":null,"createdate":"2024-08-02T08:59:58.700Z",
            "deal_currency_code":null,"dealname":"API deal","dealstage":null,"dealtype":null,
            "hs_analytics_source":null,"hs_forecast_category":null,
            "hs_lastmodifieddate":"2024-08-02T08:59:58.700Z","hs_object_id":"9303","hubspot_owner_id":null,
            "pipeline":null},"createdAt":"2024-08-02T08:59:58.700Z","updatedAt":"2024-08-02T08:59:58.700Z",
            "archived":false}""";

    @BeforeAll
    static void startHubSpot() {
        HUBSPOT.start();
        HUBSPOT.stubFor(post(urlEqualTo("/oauth/v1/token")).willReturn(okJson("""
                {"token_type":"bearer","refresh_token":"rt-webhook-1","access_token":"at-webhook-1","expires_in":1800}
                """)));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/pipelines/deals")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBodyFile("pipelines-deals.json")));
        // HubSpot's batch read answers with the objects' current state; ids it does not know are left out.
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/read"))
                .withRequestBody(containing("\"9301\"")).willReturn(batchRead(WON_9301)));
        // A batch that also names 9303, a deal created through the API without a stage or pipeline.
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/read"))
                .withRequestBody(containing("\"9303\"")).willReturn(batchRead(WON_9301, STAGELESS_9303)));
        HUBSPOT.stubFor(post(urlPathMatching("/crm/v4/associations/deals/.*/batch/read"))
                .willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
    }

    @AfterAll
    static void stopHubSpot() {
        HUBSPOT.stop();
    }

    @Test
    void aSignedEventBatchPublishesTheChangedAndTheDeletedDealAtOnce() {
        String tenant = tenant();
        String connection = connectedOAuthConnection(tenant);
        long now = System.currentTimeMillis();
        String body = """
                [{"eventId":1001,"subscriptionId":2101,"portalId":62515,"appId":3301,"occurredAt":%d,
                  "subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":9301,"changeSource":"CRM",
                  "propertyName":"dealstage","propertyValue":"closedwon"},
                 {"eventId":1002,"subscriptionId":2102,"portalId":62515,"appId":3301,"occurredAt":%d,
                  "subscriptionType":"deal.deletion","attemptNumber":0,"objectId":9302,"changeSource":"CRM"},
                 {"eventId":1003,"subscriptionId":2103,"portalId":62515,"appId":3301,"occurredAt":%d,
                  "subscriptionType":"ticket.creation","attemptNumber":0,"objectId":77,"changeSource":"CRM"},
                 {"eventId":1005,"subscriptionId":2100,"portalId":62515,"appId":3301,"occurredAt":%d,
                  "subscriptionType":"deal.creation","attemptNumber":0,"objectId":9303,"changeSource":"INTEGRATION"}]
                """.formatted(now - 2000, now - 1000, now - 500, now - 3000);
        String uri = webhookUri(connection);
        String timestamp = Long.toString(now);

        String run = given().contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", sign("POST" + uri + body + timestamp)).body(body)
                .post(uri).then().statusCode(200).body("events", equalTo(4)).body("runId", notNullValue())
                .extract().path("runId");

        JsonPath ended = awaitEnd(tenant, connection, run);
        assertThat(ended.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(ended.getString("trigger")).isEqualTo("WEBHOOK");
        assertThat(ended.getMap("entities.find { it.entity == 'deals' }")).containsEntry("published", 3)
                .containsEntry("deleted", 1).containsEntry("rejected", 0);
        // The webhook's batch read goes through the same normaliser and counts as any run (9301 has no owner either).
        assertThat(ended.getMap("entities.find { it.entity == 'deals' }.missing")).isEqualTo(Map.of(
                "stage", 1, "pipeline", 1, "amount", 1, "closeDate", 1, "owner", 2));

        String changedKey = Keys.of(tenant, "HUBSPOT", "9301");
        String deletedKey = Keys.of(tenant, "HUBSPOT", "9302");
        List<ConsumerRecord<String, Deal>> deals = TopicProbe.readUntil(DevstackResource.bootstrapServers(),
                Topics.DEALS, AvroSerde.of(Deal.class).deserializer(), r -> r.key().equals(deletedKey),
                Duration.ofSeconds(20));
        Deal changed = deals.stream().filter(r -> r.key().equals(changedKey)).reduce((a, b) -> b).orElseThrow().value();
        assertThat(changed.getOp()).isEqualTo(Op.UPSERT);
        assertThat(changed.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(changed.getAmount().getAmount()).isEqualByComparingTo(new BigDecimal("7300"));
        assertThat(changed.getConnectionId()).isEqualTo(connection);
        Deal stageless = deals.stream().filter(r -> r.key().equals(Keys.of(tenant, "HUBSPOT", "9303")))
                .reduce((a, b) -> b).orElseThrow().value();
        assertThat(stageless.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(stageless.getProbability()).isNull();
        assertThat(stageless.getPipelineId()).isEqualTo("default");
        Deal deleted = deals.stream().filter(r -> r.key().equals(deletedKey)).reduce((a, b) -> b).orElseThrow().value();
        assertThat(deleted.getOp()).isEqualTo(Op.DELETE);
        HUBSPOT.verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/read"))
                .withRequestBody(containing("\"9301\"")));

        // The same deal named again (an association change keeps its last-modified time): a webhook's read goes out
        // even though that version was published already.
        String again = """
                [{"eventId":1004,"subscriptionId":2104,"portalId":62515,"appId":3301,"occurredAt":%d,
                  "subscriptionType":"deal.associationChange","attemptNumber":0,"objectId":9301,"changeSource":"CRM"}]
                """.formatted(now);
        String againTimestamp = Long.toString(System.currentTimeMillis());
        String rerun = given().contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", againTimestamp)
                .header("X-HubSpot-Signature-v3", sign("POST" + uri + again + againTimestamp)).body(again)
                .post(uri).then().statusCode(200).extract().path("runId");
        JsonPath rerunEnded = awaitEnd(tenant, connection, rerun);
        assertThat(rerunEnded.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(rerunEnded.getMap("entities.find { it.entity == 'deals' }")).containsEntry("published", 1);
    }

    @Test
    void aBadOrMissingSignatureIsRefusedAndNothingIsFetched() {
        String tenant = tenant();
        String connection = connectedOAuthConnection(tenant);
        long now = System.currentTimeMillis();
        String body = """
                [{"eventId":2001,"subscriptionId":2101,"portalId":62515,"appId":3301,"occurredAt":%d,
                  "subscriptionType":"deal.creation","attemptNumber":0,"objectId":9399,"changeSource":"CRM"}]
                """.formatted(now);
        String uri = webhookUri(connection);
        String timestamp = Long.toString(now);

        // Signed with another app's secret.
        String forged = Base64.getEncoder().encodeToString(
                HubSpotSignature.sign("not-the-secret", "POST" + uri + body + timestamp));
        given().contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", forged).body(body).post(uri)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                .body("detail", equalTo("the signature does not match"));
        // Signed correctly, but the body was changed on the way.
        given().contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", sign("POST" + uri + body + timestamp))
                .body(body.replace("9399", "9398")).post(uri).then().statusCode(401);
        // Too old: a replayed request.
        String stale = Long.toString(now - Duration.ofMinutes(6).toMillis());
        given().contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", stale)
                .header("X-HubSpot-Signature-v3", sign("POST" + uri + body + stale)).body(body).post(uri)
                .then().statusCode(401).body("detail", org.hamcrest.Matchers.containsString("5 minutes"));
        given().contentType(ContentType.JSON).body(body).post(uri).then().statusCode(401)
                .contentType("application/problem+json");
        // Unknown connections and malformed ids get the same answer, so that ids cannot be probed.
        String unknown = webhookUri(UUID.randomUUID().toString());
        String unknownDetail = given().contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", sign("POST" + unknown + body + timestamp)).body(body)
                .post(unknown).then().statusCode(401).extract().path("detail");
        given().contentType(ContentType.JSON).body(body).post(webhookUri("not-a-uuid")).then().statusCode(401)
                .body("detail", equalTo(unknownDetail));

        HUBSPOT.verify(0, postRequestedFor(urlPathMatching("/crm/v3/objects/.*/batch/read"))
                .withRequestBody(containing("939")));
    }

    @Test
    void theSameSignedRequestReceivedAgainIsAcknowledgedAsADuplicateAndReadsNothing() {
        String tenant = tenant();
        String connection = connectedOAuthConnection(tenant);
        long now = System.currentTimeMillis();
        String body = """
                [{"eventId":3001,"subscriptionId":2101,"portalId":62515,"appId":3301,"occurredAt":%d,
                  "subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":9301,"changeSource":"CRM",
                  "propertyName":"amount","propertyValue":"7300"}]
                """.formatted(now - 1000);
        // HubSpot's target URL may carry a query; its escapes are signed decoded.
        String uri = webhookUri(connection) + "?source=crm%3Av3";
        String timestamp = Long.toString(now);
        String signature = sign("POST" + webhookUri(connection) + "?source=crm:v3" + body + timestamp);

        String run = given().urlEncodingEnabled(false).contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", signature).body(body).post(uri)
                .then().statusCode(200).body("runId", notNullValue()).extract().path("runId");
        assertThat(awaitEnd(tenant, connection, run).getString("state")).isEqualTo("SUCCEEDED");
        int reads = HUBSPOT.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/read"))).size();

        given().urlEncodingEnabled(false).contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", signature).body(body).post(uri)
                .then().statusCode(200).body("runId", org.hamcrest.Matchers.nullValue())
                .body("note", org.hamcrest.Matchers.containsString("duplicate delivery"));
        assertThat(HUBSPOT.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/read")))).hasSize(reads);

        // A retry that HubSpot signs afresh (a new timestamp) is a new delivery and is read.
        String retried = Long.toString(now + 1);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", retried)
                .header("X-HubSpot-Signature-v3", sign("POST" + webhookUri(connection) + "?source=crm:v3" + body + retried))
                .body(body).post(uri).then().statusCode(200).body("runId", notNullValue());
    }

    @Test
    void anApiTokenConnectionCannotReceiveWebhooks() {
        String tenant = tenant();
        String connection = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "Private app", "apiToken", "pat-eu1-0c0ffee0-9999",
                        "apiBaseUrl", HUBSPOT.baseUrl()))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id");
        String body = "[]";
        String timestamp = Long.toString(System.currentTimeMillis());
        given().contentType(ContentType.JSON).header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", sign("POST" + webhookUri(connection) + body + timestamp))
                .body(body).post(webhookUri(connection)).then().statusCode(401);
    }

    /** An OAuth HubSpot connection whose consent completed, with its API and token URLs on the WireMock. */
    private static String connectedOAuthConnection(String tenant) {
        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR", "timeZone", "Europe/Berlin"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
        var created = given().contentType(ContentType.JSON).body(Map.of("crm", "hubspot",
                        "displayName", "HubSpot via OAuth",
                        "oauth", Map.of("clientId", "ledgerline-app-7", "clientSecret", CLIENT_SECRET,
                                "redirectUri", "https://ledgerline.test/oauth/callback",
                                "scopes", List.of("crm.objects.deals.read")),
                        "apiBaseUrl", HUBSPOT.baseUrl(), "tokenUrl", HUBSPOT.baseUrl() + "/oauth/v1/token",
                        "authorizeUrl", HUBSPOT.baseUrl() + "/oauth/authorize"))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201).extract();
        String id = created.path("connection.id");
        String state = null;
        for (String pair : URI.create(created.path("authorizeUrl")).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                state = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        given().queryParam("code", "code-webhook").queryParam("state", state).get("/oauth/callback")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        return id;
    }

    /** A batch-read answer with these objects. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder batchRead(String... objects) {
        return okJson("{\"status\":\"COMPLETE\",\"results\":[" + String.join(",", objects)
                + "],\"startedAt\":\"2024-08-02T09:00:04.001Z\",\"completedAt\":\"2024-08-02T09:00:04.020Z\"}");
    }

    /** The absolute URI HubSpot calls and signs. */
    private static String webhookUri(String connection) {
        return "http://localhost:" + RestAssured.port + "/webhooks/hubspot/" + connection;
    }

    private static String sign(String source) {
        return Base64.getEncoder().encodeToString(HubSpotSignature.sign(CLIENT_SECRET, source));
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
