package dev.ledgerline.connector.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Full sync of {@code bench.deals} deals and {@code bench.contacts} contacts (100,000 each by default) from a
 * HubSpot that enforces 110 requests per 10 s, through the real service, Kafka and PostgreSQL. Not part of the
 * test suite: {@code mvn -B -pl connector-service verify -Pbenchmark} (see BENCHMARKS.md). The bound is the
 * number of requests the sync needs divided by the allowed rate (11 per second).
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class HubSpotFullSyncBenchmark {
    private static final int DEALS = Integer.getInteger("bench.deals", 100_000);
    private static final int CONTACTS = Integer.getInteger("bench.contacts", 100_000);

    @Test
    void fullSyncWithinTenPercentOfTheRateLimitBound() throws Exception {
        RateLimitedHubSpot limits = new RateLimitedHubSpot(DEALS, CONTACTS);
        WireMockServer hubspot = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(8)
                .usingFilesUnderClasspath("hubspot").extensions(limits));
        hubspot.start();
        try {
            stub(hubspot);
            String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR"))
                    .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
            String connection = given().contentType(ContentType.JSON)
                    .body(Map.of("crm", "hubspot", "displayName", "Benchmark portal", "apiToken", "pat-bench-0000",
                            "apiBaseUrl", hubspot.baseUrl()))
                    .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                    .extract().path("connection.id");

            long started = System.nanoTime();
            String run = given().contentType(ContentType.JSON).body(Map.of("mode", "FULL"))
                    .post("/api/tenants/{tenant}/connections/{id}/sync", tenant, connection).then().statusCode(202)
                    .extract().path("id");
            JsonPath result = Awaitility.await().atMost(Duration.ofMinutes(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().get("/api/tenants/{tenant}/connections/{id}/runs/{run}", tenant, connection, run)
                            .then().extract().jsonPath(), json -> !List.of("QUEUED", "RUNNING").contains(json.getString("state")));
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(result.getString("state")).isEqualTo("SUCCEEDED");
            long published = result.getLong("entities.find { it.entity == 'deals' }.published")
                    + result.getLong("entities.find { it.entity == 'contacts' }.published");
            assertThat(published).isEqualTo(DEALS + CONTACTS);
            double bound = (double) limits.served() / RateLimitedHubSpot.PER_SECOND;
            String line = String.format("%s deals=%d contacts=%d requests=%d 429s=%d wall=%.1fs bound=%.1fs ratio=%.3f"
                            + " records/s=%.0f", LocalDate.now(), DEALS, CONTACTS, limits.served(), limits.limited(),
                    seconds, bound, seconds / bound, published / seconds);
            System.out.println("BENCHMARK hubspot-full-sync " + line);
            Path report = Path.of("target", "benchmarks", "hubspot-full-sync.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            hubspot.stop();
        }
    }

    private static void stub(WireMockServer hubspot) {
        hubspot.stubFor(get(urlPathEqualTo("/account-info/v3/details")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBodyFile("account-details.json")));
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/pipelines/deals")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBodyFile("pipelines-deals.json")));
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/owners")).willReturn(okJson("{\"results\":[]}")));
        // Generated by RateLimitedHubSpot from the page's 'after'.
        hubspot.stubFor(get(urlPathMatching("/crm/v3/objects/(deals|contacts)"))
                .withQueryParam("archived", equalTo("false")).willReturn(ok()));
        hubspot.stubFor(get(urlPathMatching("/crm/v3/objects/[a-z_]+"))
                .withQueryParam("archived", equalTo("true")).willReturn(okJson("{\"results\":[]}")));
        hubspot.stubFor(get(urlPathMatching("/crm/v3/objects/(companies|products|leads|invoices|commerce_payments)"))
                .withQueryParam("archived", equalTo("false")).willReturn(okJson("{\"results\":[]}")));
    }
}
