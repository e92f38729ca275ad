package dev.ledgerline.connector.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A FULL sync of {@code bench.opportunities} Salesforce opportunities (200,000 by default), each with a product line
 * and a contact role, through the real service, Kafka and PostgreSQL, from a WireMock org ({@link
 * GeneratedSalesforceOrg}) that answers at once: what is measured is the connector's own work and the API calls the
 * read costs the org, REST {@code queryAll} paging against Bulk API 2.0 jobs. The two benchmarks differ only in the
 * service's {@code ledgerline.salesforce.bulk-threshold}. Not part of the test suite (see BENCHMARKS.md).
 */
final class SalesforceFullSync {
    static final int OPPORTUNITIES = Integer.getInteger("bench.opportunities", 200_000);
    private static final String DATA = "/services/data/v62.0";

    private SalesforceFullSync() {
    }

    static void run(String mode) throws Exception {
        GeneratedSalesforceOrg org = new GeneratedSalesforceOrg(OPPORTUNITIES);
        WireMockServer salesforce = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(8)
                .usingFilesUnderClasspath("salesforce").extensions(org));
        salesforce.start();
        try {
            stub(salesforce);
            String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            String connection = connect(salesforce, tenant);
            String loadBefore = BenchmarkRuns.load();
            long requestsBefore = org.requests();
            BenchmarkRuns.Timed timed = BenchmarkRuns.fullRun(tenant, connection);
            JsonPath result = timed.run();
            double seconds = timed.seconds();
            String loadAfter = BenchmarkRuns.load();

            assertThat(result.getString("state")).isEqualTo("SUCCEEDED");
            long published = result.getLong("entities.find { it.entity == 'Opportunity' }.published");
            assertThat(published).isEqualTo(OPPORTUNITIES);
            String line = String.format("%s mode=%s opportunities=%d apiCalls=%d wall=%.1fs records/s=%.0f load=%s-%s",
                    LocalDate.now(), mode, OPPORTUNITIES, org.requests() - requestsBefore, seconds, published / seconds,
                    loadBefore, loadAfter);
            BenchmarkRuns.report("salesforce-full-sync", line);
        } finally {
            salesforce.stop();
        }
    }

    private static String connect(WireMockServer salesforce, String tenant) {
        salesforce.stubFor(post(urlPathEqualTo("/bench/services/oauth2/token")).willReturn(okJson("""
                {"access_token":"00DBn0000bench!at","refresh_token":"5Aep861bench.rt","signature":"c2lnbmF0dXJl",
                "scope":"refresh_token api","instance_url":"%s","id":"%s/id/00DBn00000Org01MAA/005Bn0000000000001",
                "token_type":"Bearer","issued_at":"1735689600000"}""".formatted(salesforce.baseUrl(), salesforce.baseUrl()))));
        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
        var created = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "salesforce", "displayName", "Benchmark org",
                        "oauth", Map.of("clientId", "3MVG9bench", "clientSecret", "bench-secret-0001",
                                "redirectUri", "https://ledgerline.test/oauth/callback"),
                        "tokenUrl", salesforce.baseUrl() + "/bench/services/oauth2/token",
                        "authorizeUrl", salesforce.baseUrl() + "/bench/services/oauth2/authorize"))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201).extract();
        String state = ((String) created.path("authorizeUrl")).replaceAll(".*[?&]state=([^&]+).*", "$1");
        given().queryParam("code", "aPrxbench").queryParam("state", state).get("/oauth/callback").then().statusCode(200);
        return created.path("connection.id");
    }

    private static void stub(WireMockServer salesforce) {
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/sobjects")).willReturn(file("describe-global.json")));
        for (String object : List.of("User", "Account", "Contact", "Lead", "Opportunity", "OpportunityLineItem",
                "OpportunityContactRole", "Product2", "PricebookEntry")) {
            salesforce.stubFor(get(urlPathEqualTo(DATA + "/sobjects/" + object + "/describe"))
                    .willReturn(file("describe-" + object + ".json")));
        }
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", containing("FROM OpportunityStage"))
                .willReturn(file("opportunity-stages.json")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", containing("FROM LeadStatus"))
                .willReturn(file("lead-statuses.json")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", containing("FROM CurrencyType"))
                .willReturn(file("currency-corporate.json")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/queryAll")).atPriority(10).willReturn(file("query-empty.json")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/queryAll"))
                .withQueryParam("q", matching("SELECT COUNT\\(\\) FROM Opportunity .*"))
                .willReturn(okJson("{\"totalSize\":" + OPPORTUNITIES + ",\"done\":true,\"records\":[]}")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/queryAll"))
                .withQueryParam("q", matching(".*\\) FROM Opportunity WHERE SystemModstamp < .*"))
                .willReturn(ok().withHeader(GeneratedSalesforceOrg.GENERATED, "rest-first")));
        salesforce.stubFor(get(urlPathMatching(DATA + "/query/01gBENCH-\\d+"))
                .willReturn(ok().withHeader(GeneratedSalesforceOrg.GENERATED, "rest-next")));
        for (String[] job : new String[][] {{"OpportunityLineItem", "L"}, {"OpportunityContactRole", "C"},
                {"Opportunity WHERE", "O"}}) {
            String id = "750Bn00000Bnch" + job[1] + "AAA";
            salesforce.stubFor(post(urlPathEqualTo(DATA + "/jobs/query"))
                    .withRequestBody(matchingJsonPath("$.query", containing("FROM " + job[0])))
                    .willReturn(okJson(jobInfo(id, "UploadComplete"))));
            salesforce.stubFor(get(urlPathEqualTo(DATA + "/jobs/query/" + id)).willReturn(okJson(jobInfo(id, "JobComplete"))));
            salesforce.stubFor(get(urlPathEqualTo(DATA + "/jobs/query/" + id + "/results"))
                    .willReturn(ok().withHeader(GeneratedSalesforceOrg.GENERATED, "bulk-results")));
        }
        salesforce.stubFor(WireMock.delete(urlPathMatching(DATA + "/jobs/query/.*")).willReturn(aResponse().withStatus(204)));
    }

    private static String jobInfo(String id, String state) {
        return """
                {"id":"%s","operation":"queryAll","object":"Opportunity","createdById":"005Bn0000000000001",
                "createdDate":"2025-01-01T00:00:00.000+0000","systemModstamp":"2025-01-01T00:00:01.000+0000",
                "state":"%s","concurrencyMode":"Parallel","contentType":"CSV","apiVersion":62.0,"lineEnding":"LF",
                "columnDelimiter":"COMMA"}""".formatted(id, state);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder file(String name) {
        return aResponse().withHeader("Content-Type", "application/json").withBodyFile(name);
    }
}
