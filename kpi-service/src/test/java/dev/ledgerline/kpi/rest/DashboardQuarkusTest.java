package dev.ledgerline.kpi.rest;

import static io.restassured.RestAssured.given;
import static dev.ledgerline.kpi.rest.JsonNumbers.num;
import static dev.ledgerline.kpi.rest.RestTestDeals.deal;
import static dev.ledgerline.kpi.rest.RestTestDeals.producerConfig;
import static dev.ledgerline.kpi.rest.RestTestDeals.send;
import static dev.ledgerline.kpi.rest.RestTestDeals.sendOwner;
import static dev.ledgerline.kpi.rest.RestTestDeals.sendSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard at {@code /}: the page and its two assets are served by the service with their content types,
 * reference nothing outside it, call the two REST endpoints; and the data path of the page (the same URLs the
 * JS builds) answers the expected numbers for a produced tenant.
 *
 * <p>Deals: d1 (o1, pipeline sales) created 2025-01-10, WON 2025-02-15, 1000; d2 (o2, sales) created 2025-02-01,
 * OPEN, 2000 at 0.25; d3 (o2, renewals) created 2025-02-05, OPEN, 400 at 0.5. Owner o1 is "Olivia One"; o2 has
 * no owner record (the page shows its id).
 */
@QuarkusTest
@QuarkusTestResource(DevstackResource.class)
class DashboardQuarkusTest {
    @BeforeAll
    static void sendViewerTokens() {
        DevTokens.sendWithEveryRequest("viewer");
    }

    private static final String TENANT = "dash-" + UUID.randomUUID().toString().substring(0, 8);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theRootServesThePageAndItsAssets() {
        String html = given().get("/").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("<script src=\"dashboard.js\"></script>")
                .contains("<link rel=\"stylesheet\" href=\"dashboard.css\">")
                .contains("id=\"tenant\"").contains("id=\"window\"").contains("id=\"asOf\"")
                .contains("id=\"autoRefresh\"").contains("per-stage dimension");
        for (String w : new String[] {"P7D", "P30D", "P90D", "P365D", "MONTH", "QUARTER", "YEAR"}) {
            assertThat(html).contains(">" + w + "<");
        }
        String js = given().get("/dashboard.js").then().statusCode(200)
                .contentType(containsString("javascript")).extract().asString();
        String css = given().get("/dashboard.css").then().statusCode(200)
                .contentType(containsString("text/css")).extract().asString();

        for (String asset : new String[] {html, js, css}) {
            assertThat(asset).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
        }
        assertThat(js).contains("'/api/tenants/'").contains("'/kpis?'").contains("'/series?'")
                .contains("AVG_WON_DEAL_AMOUNT").contains("dimension: 'OWNER'").contains("dimension: 'PIPELINE'")
                .contains("REFRESH_MS = 5000").contains("history.replaceState").contains("violations")
                .contains(".ownerName")
                // A shared link opens the same view: tenant, window and as-of date come from the address.
                .contains("q.get('tenant')").contains("q.get('window')").contains("q.get('asOf')");
    }

    @Test
    void theUrlsThePageBuildsAnswerTheExpectedNumbers() throws Exception {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        produce();
        String kpis = "/api/tenants/" + TENANT + "/kpis?window=MONTH&asOf=2025-02-28&dimension=";
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get(kpis + "ALL").then().statusCode(200)
                        .body("find { it.kpi == 'OPEN_DEALS_COUNT' }.value", num("2"))
                        .body("find { it.kpi == 'DEALS_WON_COUNT' }.value", num("1")));
        // The sales grid's data source names o1; o2 stays its id on the page.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get(kpis + "OWNER").then().statusCode(200)
                        .body("findAll { it.dimensionValue == 'o1' }.ownerName.unique()", contains("Olivia One"))
                        .body("findAll { it.dimensionValue == 'o2' }.ownerName.unique()", contains(nullValue())));

        given().get(kpis + "ALL").then().statusCode(200)
                .body("", hasSize(15))
                .body("find { it.kpi == 'PIPELINE_VALUE' }.value", num("2400"))
                .body("find { it.kpi == 'PIPELINE_VALUE' }.currency", equalTo("EUR"))
                .body("find { it.kpi == 'WEIGHTED_PIPELINE_VALUE' }.value", num("700"))
                .body("find { it.kpi == 'WIN_RATE' }.value", num("1"));

        given().get(kpis + "OWNER").then().statusCode(200)
                .body("find { it.kpi == 'DEALS_WON_COUNT' && it.dimensionValue == 'o1' }.value", num("1"))
                .body("find { it.kpi == 'AVG_WON_DEAL_AMOUNT' && it.dimensionValue == 'o1' }.numerator", num("1000"))
                .body("find { it.kpi == 'WIN_RATE' && it.dimensionValue == 'o1' }.value", num("1"))
                .body("find { it.kpi == 'WIN_RATE' && it.dimensionValue == 'o2' }.value", equalTo(null))
                .body("find { it.kpi == 'PIPELINE_VALUE' && it.dimensionValue == 'o2' }.value", num("2400"))
                .body("find { it.kpi == 'WEIGHTED_PIPELINE_VALUE' && it.dimensionValue == 'o2' }.value", num("700"));

        given().get(kpis + "PIPELINE").then().statusCode(200)
                .body("find { it.kpi == 'OPEN_DEALS_COUNT' && it.dimensionValue == 'sales' }.value", num("1"))
                .body("find { it.kpi == 'PIPELINE_VALUE' && it.dimensionValue == 'sales' }.value", num("2000"))
                .body("find { it.kpi == 'OPEN_DEALS_COUNT' && it.dimensionValue == 'renewals' }.value", num("1"))
                .body("find { it.kpi == 'PIPELINE_VALUE' && it.dimensionValue == 'renewals' }.value", num("400"));

        given().get("/api/tenants/" + TENANT + "/kpis/AVG_WON_DEAL_AMOUNT/series?window=MONTH&to=2025-02-28")
                .then().statusCode(200)
                .body("currency", equalTo("EUR"))
                .body("series[0].points", hasSize(12))
                .body("series[0].points[0].period", equalTo("2024-03"))
                .body("series[0].points[10].period", equalTo("2025-01"))
                .body("series[0].points[10].numerator", num("0"))
                .body("series[0].points[11].period", equalTo("2025-02"))
                .body("series[0].points[11].numerator", num("1000"));

        // A bad parameter is the problem body the page shows.
        given().get("/api/tenants/" + TENANT + "/kpis?window=P31D&dimension=ALL").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations[0].field", equalTo("window"));
    }

    private void produce() throws Exception {
        sendSettings(bootstrapServers, TENANT, 1);
        sendOwner(bootstrapServers, TENANT, "o1", "Olivia One");
        try (var producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(),
                AvroSerde.of(Deal.class).serializer())) {
            send(producer, deal(TENANT, "d1", "o1", "sales", "2025-01-10T09:00:00Z", StageCategory.WON,
                    "2025-02-15T10:00:00Z", "1000", null));
            send(producer, deal(TENANT, "d2", "o2", "sales", "2025-02-01T09:00:00Z", StageCategory.OPEN,
                    null, "2000", 0.25));
            send(producer, deal(TENANT, "d3", "o2", "renewals", "2025-02-05T09:00:00Z", StageCategory.OPEN,
                    null, "400", 0.5));
        }
    }
}
