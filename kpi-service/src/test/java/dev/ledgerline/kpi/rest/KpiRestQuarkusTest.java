package dev.ledgerline.kpi.rest;

import static io.restassured.RestAssured.given;
import static dev.ledgerline.kpi.rest.JsonNumbers.num;
import static dev.ledgerline.kpi.rest.RestTestDeals.deal;
import static dev.ledgerline.kpi.rest.RestTestDeals.producerConfig;
import static dev.ledgerline.kpi.rest.RestTestDeals.send;
import static dev.ledgerline.kpi.rest.RestTestDeals.sendOwner;
import static dev.ledgerline.kpi.rest.RestTestDeals.sendSettings;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.StageCategory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API on the real topology and embedded broker: tenant settings (Europe/Berlin, EUR, fiscal year
 * from April) and four deals produced with AvroSerde, then read back with hand-computed values at past as-of
 * dates, as a slice per owner and as series; and the problem bodies of bad requests.
 *
 * <p>Deals: d1 (o1) created 2025-01-10, WON 2025-02-15, 1000; d2 (o2) created 2025-01-20, LOST 2025-02-20,
 * 500; d3 (o1) created 2025-02-01, OPEN, 2000 at probability 0.25; d4 (o2) created 2025-03-01, WON
 * 2025-03-10, 300. Owner o1 is "Olivia One" on crm.owners.v1; o2 has no owner record.
 */
@QuarkusTest
@QuarkusTestResource(DevstackResource.class)
class KpiRestQuarkusTest {
    @BeforeAll
    static void sendViewerTokens() {
        DevTokens.sendWithEveryRequest("viewer");
    }

    private static final String TENANT = "rest-" + UUID.randomUUID().toString().substring(0, 8);
    private static boolean produced;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void produceOnce() throws Exception {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        if (produced) {
            return;
        }
        sendSettings(bootstrapServers, TENANT, 4);
        sendOwner(bootstrapServers, TENANT, "o1", "Olivia One");
        try (var producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(),
                AvroSerde.of(Deal.class).serializer())) {
            send(producer, deal(TENANT, "d1", "o1", null, "2025-01-10T09:00:00Z", StageCategory.WON,
                    "2025-02-15T10:00:00Z", "1000", null));
            send(producer, deal(TENANT, "d2", "o2", null, "2025-01-20T09:00:00Z", StageCategory.LOST,
                    "2025-02-20T10:00:00Z", "500", null));
            send(producer, deal(TENANT, "d3", "o1", null, "2025-02-01T09:00:00Z", StageCategory.OPEN,
                    null, "2000", 0.25));
            send(producer, deal(TENANT, "d4", "o2", null, "2025-03-01T09:00:00Z", StageCategory.WON,
                    "2025-03-10T10:00:00Z", "300", null));
        }
        // The last deal is in once the fiscal quarter to 2025-03-31 has both won deals.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().queryParam("asOf", "2025-03-31").queryParam("window", "QUARTER")
                        .get("/api/tenants/{tenant}/kpis", TENANT)
                        .then().statusCode(200)
                        .body("find { it.kpi == 'DEALS_WON_COUNT' }.value", num("2")));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/api/tenants/{tenant}/owners", TENANT).then().statusCode(200).body("", hasSize(1)));
        produced = true;
    }

    @Test
    void aPastMonthForTheWholeTenant() {
        given().queryParam("asOf", "2025-02-28").queryParam("window", "month")
                .get("/api/tenants/{tenant}/kpis", TENANT)
                .then().statusCode(200)
                .body("", hasSize(15))
                .body("dimensionValue.unique()", contains("*"))
                .body("period.unique()", contains("2025-02"))
                .body("periodStart.unique()", contains("2025-02-01"))
                .body("asOf.unique()", contains("2025-02-28"))
                .body("find { it.kpi == 'DEALS_WON_COUNT' }.value", num("1"))
                .body("find { it.kpi == 'DEALS_LOST_COUNT' }.value", num("1"))
                .body("find { it.kpi == 'WIN_RATE' }.value", num("0.5"))
                .body("find { it.kpi == 'WIN_RATE' }.numerator", num("1"))
                .body("find { it.kpi == 'WIN_RATE' }.denominator", num("2"))
                .body("find { it.kpi == 'WIN_RATE' }.unit", equalTo("RATIO"))
                .body("find { it.kpi == 'AVG_WON_DEAL_AMOUNT' }.value", num("1000"))
                .body("find { it.kpi == 'AVG_WON_DEAL_AMOUNT' }.currency", equalTo("EUR"))
                .body("find { it.kpi == 'AVG_DEAL_SIZE' }.value", num("2000"))
                .body("find { it.kpi == 'OPEN_DEALS_COUNT' }.value", num("1"))
                .body("find { it.kpi == 'PIPELINE_VALUE' }.value", num("2000"))
                .body("find { it.kpi == 'WEIGHTED_PIPELINE_VALUE' }.value", num("500"))
                .body("find { it.kpi == 'LEAD_CONVERSION_RATE' }.value", nullValue())
                .body("find { it.kpi == 'LEADS_COUNT' }.value", num("0"))
                .body("find { it.kpi == 'PIPELINE_VALUE' }.unconvertedDealCount", num("0"));
    }

    @Test
    void perOwnerEveryValueOfTheDimension() {
        given().queryParam("asOf", "2025-02-28").queryParam("window", "MONTH").queryParam("dimension", "OWNER")
                .get("/api/tenants/{tenant}/kpis", TENANT)
                .then().statusCode(200)
                .body("", hasSize(30))
                .body("dimension.unique()", contains("OWNER"))
                .body("find { it.kpi == 'WIN_RATE' && it.dimensionValue == 'o1' }.value",
                        num("1"))
                .body("find { it.kpi == 'WIN_RATE' && it.dimensionValue == 'o2' }.value",
                        num("0"))
                .body("find { it.kpi == 'OPEN_DEALS_COUNT' && it.dimensionValue == 'o2' }.value",
                        num("0"))
                .body("find { it.kpi == 'AVG_LOST_DEAL_AMOUNT' && it.dimensionValue == 'o2' }.value",
                        num("500"))
                .body("find { it.kpi == 'AVG_LOST_DEAL_AMOUNT' && it.dimensionValue == 'o1' }.value", nullValue())
                .body("findAll { it.dimensionValue == 'o1' }.ownerName.unique()", contains("Olivia One"))
                .body("findAll { it.dimensionValue == 'o2' }.ownerName.unique()", contains(nullValue()));
    }

    @Test
    void theOwnersOfTheTenantWithTheirNames() {
        given().get("/api/tenants/{tenant}/owners", TENANT)
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo("o1"))
                .body("[0].source", equalTo("HUBSPOT"))
                .body("[0].name", equalTo("Olivia One"))
                .body("[0].email", equalTo("o1@example.com"))
                .body("[0].active", equalTo(true));
        given().get("/api/tenants/{tenant}/owners", "nobody-" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void asOfDefaultsToTodayInTheTenantsZoneAndWindowToP30D() {
        var today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        given().get("/api/tenants/{tenant}/kpis", TENANT)
                .then().statusCode(200)
                .body("window.unique()", contains("P30D"))
                .body("asOf[0]", is(oneOf(today.toString(), today.plusDays(1).toString())))
                .body("find { it.kpi == 'OPEN_DEALS_COUNT' }.value", num("1"))
                .body("find { it.kpi == 'DEALS_WON_COUNT' }.value", num("0"));
    }

    @Test
    void aMonthlySeriesHasOnePointPerMonthEndAndTheLastMonthToDate() {
        given().queryParam("window", "MONTH").queryParam("from", "2025-01-01").queryParam("to", "2025-03-15")
                .get("/api/tenants/{tenant}/kpis/{kpi}/series", TENANT, "DEALS_WON_COUNT")
                .then().statusCode(200)
                .body("kpi", equalTo("DEALS_WON_COUNT"))
                .body("series", hasSize(1))
                .body("series[0].dimensionValue", equalTo("*"))
                .body("series[0].points.asOf", contains("2025-01-31", "2025-02-28", "2025-03-15"))
                .body("series[0].points.period", contains("2025-01", "2025-02", "2025-03"))
                .body("series[0].points.value", contains(num("0"),
                        num("1"), num("1")));
    }

    @Test
    void aFiscalQuarterSeriesAndADailyRollingSeriesPerOwner() {
        given().queryParam("window", "QUARTER").queryParam("from", "2025-01-01").queryParam("to", "2025-06-30")
                .get("/api/tenants/{tenant}/kpis/{kpi}/series", TENANT, "AVG_WON_DEAL_AMOUNT")
                .then().statusCode(200)
                .body("currency", equalTo("EUR"))
                .body("series[0].points.period", contains("FY2025-Q4", "FY2026-Q1"))
                .body("series[0].points[0].value", num("650"))
                .body("series[0].points[0].numerator", num("1300"))
                .body("series[0].points[1].value", nullValue());

        given().queryParam("window", "P7D").queryParam("from", "2025-02-14").queryParam("to", "2025-02-16")
                .queryParam("dimension", "OWNER")
                .get("/api/tenants/{tenant}/kpis/{kpi}/series", TENANT, "DEALS_WON_COUNT")
                .then().statusCode(200)
                .body("series.dimensionValue", contains("o1", "o2"))
                .body("series.ownerName", contains(equalTo("Olivia One"), nullValue()))
                .body("series[0].points.value", contains(num("0"),
                        num("1"), num("1")))
                .body("series[1].points.value", contains(num("0"),
                        num("0"), num("0")));
    }

    @Test
    void badParametersAre400ProblemsNamingTheParameter() {
        expectBadField(given().queryParam("window", "P31D"), "/api/tenants/{tenant}/kpis", "window", TENANT);
        expectBadField(given().queryParam("dimension", "REGION"), "/api/tenants/{tenant}/kpis", "dimension", TENANT);
        expectBadField(given().queryParam("asOf", "2025-02-30"), "/api/tenants/{tenant}/kpis", "asOf", TENANT);
        expectBadField(given(), "/api/tenants/{tenant}/kpis/{kpi}/series", "kpi", TENANT, "WIN_RATIO");
        expectBadField(given().queryParam("from", "2025-03-01").queryParam("to", "2025-02-01"),
                "/api/tenants/{tenant}/kpis/{kpi}/series", "from", TENANT, "WIN_RATE");
        expectBadField(given().queryParam("window", "P7D").queryParam("from", "2020-01-01")
                .queryParam("to", "2025-01-01"), "/api/tenants/{tenant}/kpis/{kpi}/series", "from", TENANT, "WIN_RATE");
    }

    @Test
    void anUnknownTenantIsA404Problem() {
        given().get("/api/tenants/{tenant}/kpis", "nobody-" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", num("404"))
                .body("title", equalTo("Not found"));
    }

    private static void expectBadField(io.restassured.specification.RequestSpecification request, String path,
            String field, Object... pathParams) {
        request.get(path, pathParams)
                .then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", num("400"))
                .body("violations[0].field", equalTo(field));
    }
}
