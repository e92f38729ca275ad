package dev.ledgerline.connector.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Payment;
import dev.ledgerline.wire.PaymentKind;
import dev.ledgerline.wire.StageCategory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A HubSpot connection synced end to end: WireMock serves HubSpot's CRM v3 payloads, records land on the real
 * topics, the run reports what it did, and an incremental run publishes only what changed. The portal's token lacks
 * the products, leads and (until a test grants it) commerce payments scopes.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class HubSpotSyncTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final WireMockServer HUBSPOT = new WireMockServer(wireMockConfig().dynamicPort()
            .usingFilesUnderClasspath("hubspot"));
    private static final String EMPTY_PAGE = "{\"results\":[]}";
    private static final String EMPTY_SEARCH = "{\"total\":0,\"results\":[]}";

    @BeforeAll
    static void startHubSpot() {
        HUBSPOT.start();
        HUBSPOT.stubFor(get(urlPathEqualTo("/account-info/v3/details")).willReturn(file("account-details.json")));
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
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/invoices")).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", absent()).willReturn(file("invoices-page-1.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/invoices")).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", equalTo("7003")).willReturn(file("invoices-page-2.json")));
        list("invoices", true, "invoices-archived.json");
        // Since the first run, the partially paid invoice 7003 was paid in full.
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/invoices/search"))
                .willReturn(file("invoices-search.json")));
        HUBSPOT.stubFor(post(urlPathMatching("/crm/v4/associations/invoices/.*/batch/read"))
                .willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/line_items/batch/read"))
                .withRequestBody(matchingJsonPath("$.inputs[?(@.id == '8101')]"))
                .willReturn(file("invoice-line-items-batch.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/commerce_payments"))
                .willReturn(file("error-403-missing-scopes-payments.json").withStatus(403)));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/commerce_payments/search"))
                .willReturn(file("error-403-missing-scopes-payments.json").withStatus(403)));
    }

    @AfterAll
    static void stopHubSpot() {
        HUBSPOT.stop();
    }

    @Test
    void aFullSyncPublishesEveryObjectAndAnIncrementalOneOnlyWhatChanged() {
        String tenant = tenantWithSettings();
        String connection = connect(tenant, Map.of());

        JsonPath full = runToEnd(tenant, connection, "FULL");
        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(full, "deals")).containsEntry("published", 5).containsEntry("deleted", 1)
                .containsEntry("state", "SUCCEEDED");
        assertThat(entity(full, "products")).containsEntry("state", "SKIPPED");
        assertThat((String) entity(full, "products").get("message")).contains("scopes");
        assertThat(full.getInt("apiCalls")).isGreaterThan(10);

        List<ConsumerRecord<String, Deal>> deals = readUntil(Topics.DEALS, Deal.class, tenant, "9004");
        Deal won = latest(deals, Keys.of(tenant, "HUBSPOT", "9001"));
        assertThat(won.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(won.getAmount().getAmount()).isEqualByComparingTo(new BigDecimal("12500.50"));
        assertThat(won.getAmount().getCurrency()).isEqualTo("USD");
        assertThat(won.getClosedAt()).isNotNull();
        assertThat(latest(deals, Keys.of(tenant, "HUBSPOT", "9201")).getOp()).isEqualTo(Op.DELETE);
        // No deal_currency_code: the portal's company currency (USD), not the tenant's home currency (EUR).
        assertThat(latest(deals, Keys.of(tenant, "HUBSPOT", "9002")).getAmount())
                .isEqualTo(new Money(new BigDecimal("4800.0000"), "USD"));
        assertThat(latest(deals, Keys.of(tenant, "HUBSPOT", "9003")).getAmount().getCurrency()).isEqualTo("EUR");
        given().get("/api/tenants/{tenant}/connections/{id}/stage-mapping", tenant, connection).then()
                .statusCode(200).body("stageId", hasItem("closedwon"));

        JsonPath incremental = runToEnd(tenant, connection, "INCREMENTAL");
        assertThat(incremental.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(incremental, "deals")).containsEntry("published", 1).containsEntry("deleted", 0);
        assertThat(entity(incremental, "contacts")).containsEntry("published", 0);
        Deal moved = latest(readUntil(Topics.DEALS, Deal.class, tenant, "9002",
                r -> r.value().getStageCategory() == StageCategory.WON), Keys.of(tenant, "HUBSPOT", "9002"));
        assertThat(moved.getClosedAt()).isNotNull();

        // The next search re-reads 9002 in its lookback overlap: that version is out already and is not sent again.
        JsonPath again = runToEnd(tenant, connection, "INCREMENTAL");
        assertThat(again.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(again, "deals")).containsEntry("fetched", 1).containsEntry("published", 0);
    }

    @Test
    void invoicesSinceTheConnectionSettingAndPaymentsOnceTheScopeIsGrantedReachTheirTopics() {
        String tenant = tenantWithSettings();
        String connection = connect(tenant, Map.of("syncInvoicesSince", "2024-01-01T00:00:00Z"));

        JsonPath full = runToEnd(tenant, connection, "FULL");
        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(full, "invoices")).containsEntry("state", "SUCCEEDED").containsEntry("published", 5)
                .containsEntry("rejected", 1).containsEntry("deleted", 1);
        assertThat(entity(full, "commerce_payments")).containsEntry("state", "SKIPPED");
        assertThat((String) entity(full, "commerce_payments").get("message"))
                .contains("crm.objects.commercepayments.read");

        List<ConsumerRecord<String, Invoice>> invoices = readUntil(Topics.INVOICES, Invoice.class, tenant, "7201");
        Invoice paid = latest(invoices, Keys.of(tenant, "HUBSPOT", "7001"));
        assertThat(paid.getStatus()).isEqualTo(InvoiceStatus.PAID);
        assertThat(paid.getTotal()).isEqualTo(new Money(new BigDecimal("1190.0000"), "USD"));
        assertThat(paid.getLines()).hasSize(2);
        assertThat(paid.getPaidAt()).isNotNull();
        assertThat(latest(invoices, Keys.of(tenant, "HUBSPOT", "7002")).getStatus()).isEqualTo(InvoiceStatus.VOID);
        assertThat(latest(invoices, Keys.of(tenant, "HUBSPOT", "7003")).getStatus())
                .isEqualTo(InvoiceStatus.PARTIALLY_PAID);
        assertThat(latest(invoices, Keys.of(tenant, "HUBSPOT", "7201")).getOp()).isEqualTo(Op.DELETE);
        // Issued in 2023, before the connection's syncInvoicesSince.
        assertThat(invoices).extracting(ConsumerRecord::key).doesNotContain(Keys.of(tenant, "HUBSPOT", "7004"));
        DeadLetter unreadable = latest(readUntil(Topics.dlq(Topics.INVOICES), DeadLetter.class, tenant, "7006"),
                Keys.of(tenant, "HUBSPOT", "7006"));
        assertThat(unreadable.getErrorMessage()).contains("hs_amount_billed").contains("1.190,00");
        assertThat(new String(unreadable.getOriginalValue().array(), StandardCharsets.UTF_8))
                .contains("\"id\":\"7006\"");

        // The portal's token is granted the payments scope.
        List<StubMapping> granted = List.of(
                HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/commerce_payments"))
                        .withQueryParam("archived", equalTo("false")).willReturn(file("payments.json"))),
                HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/commerce_payments"))
                        .withQueryParam("archived", equalTo("true")).willReturn(okJson(EMPTY_PAGE))));
        try {
            JsonPath incremental = runToEnd(tenant, connection, "INCREMENTAL");
            assertThat(incremental.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(entity(incremental, "invoices")).containsEntry("published", 1);
            assertThat(entity(incremental, "commerce_payments")).containsEntry("state", "SUCCEEDED")
                    .containsEntry("published", 2);
        } finally {
            granted.forEach(HUBSPOT::removeStub);
        }
        List<ConsumerRecord<String, Payment>> payments = readUntil(Topics.PAYMENTS, Payment.class, tenant, "6002");
        Payment settling = latest(payments, Keys.of(tenant, "HUBSPOT", "6001"));
        assertThat(settling.getInvoiceId()).isEqualTo("7001");
        assertThat(settling.getKind()).isEqualTo(PaymentKind.INVOICE);
        assertThat(settling.getAmount()).isEqualTo(new Money(new BigDecimal("1190.0000"), "USD"));
        assertThat(latest(payments, Keys.of(tenant, "HUBSPOT", "6002")).getAmount())
                .isEqualTo(new Money(new BigDecimal("200.0000"), "EUR"));
        // Failed: no money arrived.
        assertThat(payments).extracting(ConsumerRecord::key).doesNotContain(Keys.of(tenant, "HUBSPOT", "6003"));
        Invoice paidSince = latest(readUntil(Topics.INVOICES, Invoice.class, tenant, "7003",
                r -> r.value().getStatus() == InvoiceStatus.PAID), Keys.of(tenant, "HUBSPOT", "7003"));
        // No hs_currency on the invoice: the portal's company currency.
        assertThat(paidSince.getAmountPaid()).isEqualTo(new Money(new BigDecimal("500.0000"), "USD"));
    }

    @Test
    void leadsFollowTheConnectionsLeadStatusMappingAndTheDefaultsBecomeVisible() {
        String tenant = tenantWithSettings();
        String connection = connect(tenant, Map.of());
        // This portal has its own lead stage besides HubSpot's defaults; the user maps it.
        given().contentType(ContentType.JSON).body(List.of(Map.of("rawStatus", "1186270421", "status", "WORKING")))
                .put("/api/tenants/{tenant}/connections/{id}/lead-status-mapping", tenant, connection)
                .then().statusCode(200);

        JsonPath full = fullRunWhile(tenant, connection,
                HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/leads"))
                        .withQueryParam("archived", equalTo("false")).willReturn(file("leads.json"))),
                HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/leads"))
                        .withQueryParam("archived", equalTo("true")).willReturn(okJson(EMPTY_PAGE))));
        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(full, "leads")).containsEntry("published", 2).containsEntry("rejected", 0);

        List<ConsumerRecord<String, Lead>> leads = readUntil(Topics.LEADS, Lead.class, tenant, "5002");
        Lead qualified = latest(leads, Keys.of(tenant, "HUBSPOT", "5001"));
        assertThat(qualified.getStatus()).isEqualTo(LeadStatus.QUALIFIED);
        assertThat(qualified.getName()).isEqualTo("Ada Lovelace");
        Lead custom = latest(leads, Keys.of(tenant, "HUBSPOT", "5002"));
        assertThat(custom.getStatus()).isEqualTo(LeadStatus.WORKING);
        assertThat(custom.getStatusLabel()).isEqualTo("1186270421");
        assertThat(custom.getName()).isEqualTo("Grace Hopper");

        JsonPath mapping = given().get("/api/tenants/{tenant}/connections/{id}/lead-status-mapping", tenant, connection)
                .then().statusCode(200).extract().jsonPath();
        assertThat(mapping.getMap("find { it.rawStatus == '1186270421' }")).containsEntry("status", "WORKING")
                .containsEntry("edited", true);
        assertThat(mapping.getMap("find { it.rawStatus == 'qualified-stage-id' }")).containsEntry("status", "QUALIFIED")
                .containsEntry("edited", false);
    }

    @Test
    void dealsWithoutAStageArePublishedAsOpenAndTheRunCountsWhatTheyLack() {
        String tenant = tenantWithSettings();
        String connection = connect(tenant, Map.of());
        // Deals created through HubSpot's API: every requested property comes back, most of them null.
        JsonPath full = fullRunWhile(tenant, connection, HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals"))
                .withQueryParam("archived", equalTo("false")).willReturn(file("deals-stageless.json"))));
        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        // 5 deals and the archived 9201; 9406 and 9407 are in stages the mapping cannot place.
        assertThat(entity(full, "deals")).containsEntry("fetched", 8).containsEntry("published", 6)
                .containsEntry("rejected", 2).containsEntry("deleted", 1);
        assertThat(full.getMap("entities.find { it.entity == 'deals' }.missing")).isEqualTo(Map.of(
                "stage", 3, "pipeline", 3, "amount", 1, "closeDate", 3, "owner", 1));
        assertThat(full.getMap("entities.find { it.entity == 'contacts' }.missing")).isEmpty();

        List<ConsumerRecord<String, Deal>> deals = readUntil(Topics.DEALS, Deal.class, tenant, "9405");
        Deal bare = latest(deals, Keys.of(tenant, "HUBSPOT", "9401"));
        assertThat(bare.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(bare.getProbability()).isNull();
        assertThat(bare.getStageId()).isNull();
        assertThat(bare.getPipelineId()).isEqualTo("default");
        assertThat(bare.getPipelineLabel()).isEqualTo("Sales Pipeline");
        assertThat(bare.getAmount()).isNull();
        Deal withAmount = latest(deals, Keys.of(tenant, "HUBSPOT", "9402"));
        assertThat(withAmount.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(withAmount.getProbability()).isNull();
        assertThat(withAmount.getPipelineId()).isEqualTo("default");
        assertThat(withAmount.getAmount()).isEqualTo(new Money(new BigDecimal("1500.0000"), "USD"));
        Deal partner = latest(deals, Keys.of(tenant, "HUBSPOT", "9404"));
        assertThat(partner.getPipelineId()).isEqualTo("75442112");
        assertThat(partner.getPipelineLabel()).isEqualTo("Partner channel");
        assertThat(partner.getProbability()).isNull();
        assertThat(latest(deals, Keys.of(tenant, "HUBSPOT", "9403")).getProbability()).isEqualTo(0.4);
        assertThat(latest(deals, Keys.of(tenant, "HUBSPOT", "9405")).getClosedAt())
                .isEqualTo(Instant.parse("2024-03-09T16:45:00.250Z"));

        DeadLetter unplaced = latest(readUntil(Topics.dlq(Topics.DEALS), DeadLetter.class, tenant, "9406"),
                Keys.of(tenant, "HUBSPOT", "9406"));
        assertThat(unplaced.getReasonCode()).isEqualTo("NOT_NORMALISABLE");
        assertThat(unplaced.getErrorMessage())
                .isEqualTo("stage '1184077012' of pipeline 'default' is not in the connection's stage mapping");
        assertThat(new String(unplaced.getOriginalValue().array(), StandardCharsets.UTF_8))
                .contains("\"id\":\"9406\"");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String missing = "ledgerline_sync_records_missing_total{connection=\"" + connection + "\",entity=\"deals\",field=";
        assertThat(metrics).contains(missing + "\"stage\"} 3.0").contains(missing + "\"pipeline\"} 3.0")
                .contains(missing + "\"amount\"} 1.0").contains(missing + "\"closeDate\"} 3.0")
                .contains(missing + "\"owner\"} 1.0");
    }

    @Test
    void aPortalWhoseAccountDetailsAreForbiddenFallsBackToTheHomeCurrencyAndSaysSo() {
        String tenant = tenantWithSettings();
        String connection = connect(tenant, Map.of());
        JsonPath full = fullRunWhile(tenant, connection, HUBSPOT.stubFor(get(urlPathEqualTo("/account-info/v3/details"))
                .willReturn(file("error-403-missing-scopes.json").withStatus(403))));
        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(full, "account-details")).containsEntry("state", "SKIPPED");
        assertThat((String) entity(full, "account-details").get("message")).contains("home currency EUR");
        assertThat(latest(readUntil(Topics.DEALS, Deal.class, tenant, "9004"), Keys.of(tenant, "HUBSPOT", "9002"))
                .getAmount().getCurrency()).isEqualTo("EUR");
    }

    private static String tenantWithSettings() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR", "timeZone", "Europe/Berlin"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
        return tenant;
    }

    /** A private-app connection to the WireMock portal; settings not named take their defaults. */
    private static String connect(String tenant, Map<String, Object> settings) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "Portal 62515", "apiToken", "pat-eu1-0c0ffee0-1234",
                        "apiBaseUrl", HUBSPOT.baseUrl(), "settings", settings))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id");
    }

    /** A FULL run while the portal answers with {@code stubs} (the latest stub wins), which are removed after. */
    private static JsonPath fullRunWhile(String tenant, String connection, StubMapping... stubs) {
        try {
            return runToEnd(tenant, connection, "FULL");
        } finally {
            List.of(stubs).forEach(HUBSPOT::removeStub);
        }
    }

    private static Map<String, Object> entity(JsonPath run, String entity) {
        return run.getMap("entities.find { it.entity == '" + entity + "' }");
    }

    /** The topic's records up to the tenant's record of {@code untilId}. */
    private static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readUntil(
            String topic, Class<T> type, String tenant, String untilId) {
        return readUntil(topic, type, tenant, untilId, r -> true);
    }

    private static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readUntil(
            String topic, Class<T> type, String tenant, String untilId,
            Predicate<ConsumerRecord<String, T>> matching) {
        Deserializer<T> values = AvroSerde.of(type).deserializer();
        return TopicProbe.readUntil(DevstackResource.bootstrapServers(), topic, values,
                r -> r.key().equals(Keys.of(tenant, "HUBSPOT", untilId)) && matching.test(r), Duration.ofSeconds(20));
    }

    private static <T> T latest(List<ConsumerRecord<String, T>> records, String key) {
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
