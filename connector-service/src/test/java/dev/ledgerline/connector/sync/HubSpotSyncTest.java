package dev.ledgerline.connector.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ledgerline.connector.sync.SyncRuns.runToEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A HubSpot connection synced end to end: WireMock serves HubSpot's CRM v3 payloads, records land on the real
 * topics, the run reports what it did, and an incremental run publishes only what changed.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class HubSpotSyncTest {
    private static final WireMockServer HUBSPOT = new WireMockServer(wireMockConfig().dynamicPort()
            .usingFilesUnderClasspath("hubspot"));
    private static final String EMPTY_PAGE = "{\"results\":[]}";
    private static final String EMPTY_SEARCH = "{\"total\":0,\"results\":[]}";

    @BeforeAll
    static void startHubSpot() {
        HUBSPOT.start();
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/pipelines/deals")).willReturn(file("pipelines-deals.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/owners")).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", absent()).willReturn(file("owners.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/owners")).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", equalTo("41629780")).willReturn(okJson(EMPTY_PAGE)));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/owners")).withQueryParam("archived", equalTo("true"))
                .willReturn(file("owners-archived.json")));
        list("contacts", false, "contacts.json");
        list("companies", false, "companies.json");
        list("contacts", true, null);
        list("companies", true, null);
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", absent()).willReturn(file("deals-page-1.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", equalTo("9003")).willReturn(file("deals-page-2.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", equalTo("9004")).willReturn(file("deals-page-3.json")));
        list("deals", true, "deals-archived.json");
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/line_items/batch/read"))
                .willReturn(file("line-items-batch.json")));
        // This portal's token lacks the products and leads scopes: both are skipped, the run still succeeds.
        for (String forbidden : List.of("products", "leads")) {
            HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/" + forbidden))
                    .willReturn(file("error-403-missing-scopes.json").withStatus(403)));
            HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/" + forbidden + "/search"))
                    .willReturn(file("error-403-missing-scopes.json").withStatus(403)));
        }
        for (String type : List.of("contacts", "companies")) {
            HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/" + type + "/search")).willReturn(okJson(EMPTY_SEARCH)));
        }
        // Since the first run, deal 9002 moved to closed won.
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/search")).willReturn(okJson("""
                {"total":1,"results":[{"id":"9002","properties":{"amount":"4800","closedate":"2024-07-03T10:00:00Z",
                "createdate":"2024-03-01T09:15:22.118Z","dealname":"Globex pilot","dealstage":"closedwon",
                "hs_lastmodifieddate":"2024-07-03T10:00:01.250Z","hs_object_id":"9002","pipeline":"default"},
                "createdAt":"2024-03-01T09:15:22.118Z","updatedAt":"2024-07-03T10:00:01.250Z","archived":false}]}
                """)));
        HUBSPOT.stubFor(post(urlPathMatching("/crm/v4/associations/deals/.*/batch/read"))
                .willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
    }

    @AfterAll
    static void stopHubSpot() {
        HUBSPOT.stop();
    }

    @Test
    void aFullSyncPublishesEveryObjectAndAnIncrementalOneOnlyWhatChanged() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR", "timeZone", "Europe/Berlin"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
        String connection = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "Portal 62515", "apiToken", "pat-eu1-0c0ffee0-1234",
                        "apiBaseUrl", HUBSPOT.baseUrl()))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id");

        JsonPath full = runToEnd(tenant, connection, "FULL");
        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(full, "deals")).containsEntry("published", 5).containsEntry("deleted", 1)
                .containsEntry("state", "SUCCEEDED");
        assertThat(entity(full, "products")).containsEntry("state", "SKIPPED");
        assertThat((String) entity(full, "products").get("message")).contains("scopes");
        assertThat(full.getInt("apiCalls")).isGreaterThan(10);

        List<ConsumerRecord<String, Deal>> deals = dealsOf(tenant, "9004");
        Deal won = latest(deals, Keys.of(tenant, "HUBSPOT", "9001"));
        assertThat(won.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(won.getAmount().getAmount()).isEqualByComparingTo(new BigDecimal("12500.50"));
        assertThat(won.getAmount().getCurrency()).isEqualTo("USD");
        assertThat(won.getClosedAt()).isNotNull();
        assertThat(latest(deals, Keys.of(tenant, "HUBSPOT", "9201")).getOp()).isEqualTo(Op.DELETE);
        given().get("/api/tenants/{tenant}/connections/{id}/stage-mapping", tenant, connection).then()
                .statusCode(200).body("stageId", hasItem("closedwon"));

        JsonPath incremental = runToEnd(tenant, connection, "INCREMENTAL");
        assertThat(incremental.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(incremental, "deals")).containsEntry("published", 1).containsEntry("deleted", 0);
        assertThat(entity(incremental, "contacts")).containsEntry("published", 0);
        Deal moved = latest(TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.DEALS,
                AvroSerde.of(Deal.class).deserializer(),
                r -> r.key().equals(Keys.of(tenant, "HUBSPOT", "9002")) && r.value().getStageCategory() == StageCategory.WON,
                Duration.ofSeconds(20)), Keys.of(tenant, "HUBSPOT", "9002"));
        assertThat(moved.getClosedAt()).isNotNull();
    }

    private static Map<String, Object> entity(JsonPath run, String entity) {
        return run.getMap("entities.find { it.entity == '" + entity + "' }");
    }

    private static List<ConsumerRecord<String, Deal>> dealsOf(String tenant, String untilId) {
        return TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.DEALS,
                AvroSerde.of(Deal.class).deserializer(), r -> r.key().equals(Keys.of(tenant, "HUBSPOT", untilId)),
                Duration.ofSeconds(20));
    }

    private static Deal latest(List<ConsumerRecord<String, Deal>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow().value();
    }

    private static void list(String type, boolean archived, String file) {
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/" + type)).withQueryParam("archived", equalTo(String.valueOf(archived)))
                .willReturn(file == null ? okJson(EMPTY_PAGE) : file(file)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder file(String name) {
        return aResponse().withHeader("Content-Type", "application/json").withBodyFile(name);
    }
}
