package dev.ledgerline.connector.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ledgerline.connector.sync.SyncRuns.awaitEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.MetricsSnapshot;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens around a run: the scheduler starts incremental runs of active connections only, a run killed in the
 * middle leaves its cursor at what Kafka acknowledged and the next run resumes from there, and the per-connection
 * metrics show on /q/metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class SyncLifecycleTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final WireMockServer HUBSPOT = new WireMockServer(wireMockConfig().dynamicPort()
            .usingFilesUnderClasspath("hubspot"));
    private static final String EMPTY_PAGE = "{\"results\":[]}";
    private static final String EMPTY_SEARCH = "{\"total\":0,\"results\":[]}";
    private static final String RESUME = "resume";
    private static final Instant T1 = Instant.parse("2024-07-01T10:00:00Z");

    @Inject
    SyncScheduler scheduler;

    @BeforeAll
    static void startHubSpot() {
        HUBSPOT.start();
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/pipelines/deals")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBodyFile("pipelines-deals.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/owners")).willReturn(okJson(EMPTY_PAGE)));
        for (String type : List.of("contacts", "companies")) {
            HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/" + type)).willReturn(okJson(EMPTY_PAGE)));
            HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/" + type + "/search")).willReturn(okJson(EMPTY_SEARCH)));
        }
        for (String forbidden : List.of("products", "leads")) {
            HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/" + forbidden)).willReturn(aResponse().withStatus(403)
                    .withHeader("Content-Type", "application/json").withBodyFile("error-403-missing-scopes.json")));
            HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/" + forbidden + "/search")).willReturn(aResponse()
                    .withStatus(403).withHeader("Content-Type", "application/json")
                    .withBodyFile("error-403-missing-scopes.json")));
        }
        // This portal has no commerce objects: HubSpot does not know the invoice type; payments are not stubbed (404).
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/invoices")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"error","message":"Unable to infer object type from: invoices",
                        "correlationId":"0d5c7a8e-3b61-4f0a-9a4e-6f1d2b7c8e90"}""")));
        // The first run lists one deal; nothing is archived.
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("archived", equalTo("false"))
                .willReturn(okJson("{\"results\":[" + deal("1", T1) + "]}")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("archived", equalTo("true"))
                .willReturn(okJson(EMPTY_PAGE)));
        HUBSPOT.stubFor(post(urlPathMatching("/crm/v4/associations/deals/.*/batch/read"))
                .willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
        // Later runs search: deals 2 and 3 on page 1, deals 4 and 5 on page 2, which first fails (connection reset).
        String page1 = "{\"total\":4,\"results\":[" + deal("2", T1.plusSeconds(60)) + "," + deal("3", T1.plusSeconds(120))
                + "],\"paging\":{\"next\":{\"after\":\"2\",\"link\":\"?after=2\"}}}";
        String page2 = "{\"total\":4,\"results\":[" + deal("4", T1.plusSeconds(180)) + "," + deal("5", T1.plusSeconds(240))
                + "]}";
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/search"))
                .withRequestBody(matchingJsonPath("$.after", absent())).willReturn(okJson(page1)));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/search")).inScenario(RESUME)
                .whenScenarioStateIs(Scenario.STARTED).withRequestBody(matchingJsonPath("$.after", equalTo("2")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/search")).inScenario(RESUME)
                .whenScenarioStateIs("recovered").withRequestBody(matchingJsonPath("$.after", equalTo("2")))
                .willReturn(okJson(page2)));
    }

    @AfterAll
    static void stopHubSpot() {
        HUBSPOT.stop();
    }

    @Test
    void aRunKilledInTheMiddleResumesFromItsLastStoredCursorWithNothingLost() {
        String tenant = tenantWithSettings();
        String connection = apiTokenConnection(tenant);

        // Run 1, the first: lists deal 1 and stores the cursor at it; the missing commerce objects are skipped.
        JsonPath first = runToEnd(tenant, connection, "INCREMENTAL");
        assertThat(first.getString("state")).isEqualTo("SUCCEEDED");
        for (String absent : List.of("invoices", "commerce_payments")) {
            assertThat(first.getMap("entities.find { it.entity == '" + absent + "' }"))
                    .containsEntry("state", "SKIPPED")
                    .hasEntrySatisfying("message", message -> assertThat((String) message).contains("portal has no"));
        }
        assertThat(cursor(connection)).isEqualTo(new SyncCursor(T1, "1"));

        // Run 2 searches from there; its second page never arrives, so the run dies after page 1.
        JsonPath killed = runToEnd(tenant, connection, "INCREMENTAL");
        assertThat(killed.getString("state")).isEqualTo("FAILED");
        assertThat(killed.getString("error")).contains("deals/search");
        assertThat(killed.getMap("entities.find { it.entity == 'deals' }")).containsEntry("published", 2);
        // The cursor moved exactly to the last deal Kafka acknowledged, and not beyond.
        SyncCursor afterKill = cursor(connection);
        assertThat(afterKill).isEqualTo(new SyncCursor(T1.plusSeconds(120), "3"));
        assertThat(dealIds(tenant, "3")).contains("1", "2", "3").doesNotContain("4", "5");

        // Run 3 resumes from the stored cursor (minus the lookback) and gets the rest.
        HUBSPOT.setScenarioState(RESUME, "recovered");
        JsonPath resumed = runToEnd(tenant, connection, "INCREMENTAL");
        assertThat(resumed.getString("state")).isEqualTo("SUCCEEDED");
        String resumedFrom = Long.toString(afterKill.modifiedAt().minus(Duration.ofMinutes(5)).toEpochMilli());
        HUBSPOT.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/search"))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value", equalTo(resumedFrom)))
                .withRequestBody(matchingJsonPath("$.after", equalTo("2"))));
        assertThat(dealIds(tenant, "5")).contains("1", "2", "3", "4", "5");
        assertThat(cursor(connection)).isEqualTo(new SyncCursor(T1.plusSeconds(240), "5"));
    }

    @Test
    void aTickStartsAnIncrementalRunForActiveConnectionsOnly() {
        String tenant = tenantWithSettings();
        String active = apiTokenConnection(tenant);
        String disconnected = apiTokenConnection(tenant);
        given().delete("/api/tenants/{tenant}/connections/{id}", tenant, disconnected).then().statusCode(204);

        List<UUID> started = scheduler.startDueRuns(connection -> connection.tenantId.equals(tenant));

        assertThat(started).hasSize(1);
        JsonPath run = given().get("/api/tenants/{tenant}/connections/{id}/runs/{run}", tenant, active, started.get(0))
                .then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("trigger")).isEqualTo("SCHEDULE");
        assertThat(run.getString("mode")).isEqualTo("INCREMENTAL");
        assertThat(runsOf(disconnected)).isZero();
        awaitEnd(tenant, active, started.get(0).toString());
    }

    @Test
    void metricsShowRecordsCallsDurationAndLagPerConnectionAndEntity() {
        String tenant = tenantWithSettings();
        String connection = apiTokenConnection(tenant);
        assertThat(runToEnd(tenant, connection, "FULL").getString("state")).isEqualTo("SUCCEEDED");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String deals = "{connection=\"" + connection + "\",entity=\"deals\"}";
        assertThat(metrics).contains("ledgerline_sync_records_fetched_total" + deals + " 1.0")
                .contains("ledgerline_sync_records_published_total" + deals + " 1.0")
                .contains("ledgerline_sync_records_rejected_total" + deals + " 0.0")
                .contains("ledgerline_sync_api_rate_limited_total" + deals + " 0.0")
                .contains("ledgerline_sync_lag_seconds" + deals)
                .contains("ledgerline_sync_run_duration_seconds_count{connection=\"" + connection + "\"");
        String calls = metrics.lines().filter(line -> line.startsWith("ledgerline_sync_api_calls_total" + deals))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(calls.substring(calls.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(2.0);
        String lag = metrics.lines().filter(line -> line.startsWith("ledgerline_sync_lag_seconds" + deals))
                .findFirst().orElseThrow();
        // Now minus 2024-07-01T10:00:00Z, the newest modification the run saw.
        assertThat(Double.parseDouble(lag.substring(lag.lastIndexOf(' ') + 1)))
                .isGreaterThan(Duration.between(T1, Instant.now()).minusMinutes(1).toSeconds());
        // The sync meters exist only once a run has ended: kept for the deploy module's alert and dashboard checks.
        MetricsSnapshot.save("connector-service-sync", metrics);
    }

    private static String deal(String id, Instant modified) {
        return """
                {"id":"%s","properties":{"amount":"1000","closedate":"2024-09-30T00:00:00Z","createdate":"2024-06-01T08:00:00Z",
                "dealname":"Deal %s","dealstage":"appointmentscheduled","hs_lastmodifieddate":"%s","hs_object_id":"%s",
                "pipeline":"default"},"createdAt":"2024-06-01T08:00:00Z","updatedAt":"%s","archived":false}
                """.formatted(id, id, modified, id, modified);
    }

    private static String tenantWithSettings() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR", "timeZone", "Europe/Berlin"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
        return tenant;
    }

    private static String apiTokenConnection(String tenant) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "Portal", "apiToken", "pat-eu1-0c0ffee0-4321",
                        "apiBaseUrl", HUBSPOT.baseUrl()))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id");
    }

    private static JsonPath runToEnd(String tenant, String connection, String mode) {
        String run = given().contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/api/tenants/{tenant}/connections/{id}/sync", tenant, connection).then().statusCode(202)
                .extract().path("id");
        return awaitEnd(tenant, connection, run);
    }

    private static SyncCursor cursor(String connection) {
        return QuarkusTransaction.requiringNew().call(() -> SyncCursorEntity.<SyncCursorEntity>find(
                        "connectionId = ?1 and entity = ?2", UUID.fromString(connection), "deals").firstResultOptional()
                .map(stored -> new SyncCursor(stored.modifiedAt, stored.lastId)).orElse(null));
    }

    private static long runsOf(String connection) {
        return QuarkusTransaction.requiringNew().call(() -> SyncRunEntity.count("connectionId",
                UUID.fromString(connection)));
    }

    /** Ids of the tenant's deals on crm.deals.v1, read until the given one shows up. */
    private static Set<String> dealIds(String tenant, String until) {
        String prefix = Keys.of(tenant, "HUBSPOT", "");
        return TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.DEALS,
                        AvroSerde.of(Deal.class).deserializer(), r -> r.key().equals(Keys.of(tenant, "HUBSPOT", until)),
                        Duration.ofSeconds(20))
                .stream().filter(r -> r.key().startsWith(prefix)).map(r -> r.key().substring(prefix.length()))
                .collect(Collectors.toSet());
    }
}
