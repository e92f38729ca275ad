package dev.ledgerline.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ledgerline.connector.oauth.CountingTokens;
import dev.ledgerline.connector.sync.ConnectionPaused;
import dev.ledgerline.connector.sync.CredentialsRejected;
import dev.ledgerline.connector.sync.FakeSyncClock;
import dev.ledgerline.connector.sync.RetryPolicy;
import dev.ledgerline.connector.sync.RunStopped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Salesforce REST and Bulk API 2.0 client against WireMock answering as Salesforce documents it. */
class SalesforceClientTest {

    @RegisterExtension
    static final WireMockExtension SALESFORCE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("salesforce")).build();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String QUERY_ALL = "/services/data/v62.0/queryAll";
    private static final String JOBS = "/services/data/v62.0/jobs/query";
    private static final Instant NOW = Instant.parse("2024-07-04T10:00:00Z");
    /** Backoff of retry n with jitter 0.5: 1 s → 750 ms, 2 s → 1500 ms. */
    private static final RetryPolicy RETRIES =
            new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

    private final FakeSyncClock clock = new FakeSyncClock(NOW);
    private final CountingTokens tokens = new CountingTokens();
    private SalesforceClient client;

    @BeforeEach
    void connect() {
        client = client(1.0);
    }

    private SalesforceClient client(double budgetShare) {
        return new SalesforceClient(URI.create(SALESFORCE.baseUrl()), tokens, HTTP, RETRIES, clock,
                new ApiBudget(budgetShare), Duration.ofHours(1));
    }

    @Test
    void queryAllFollowsNextRecordsUrlUntilDone() {
        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", containing("FROM Opportunity"))
                .willReturn(file("opportunities-page-1.json")));
        SALESFORCE.stubFor(get(urlPathEqualTo("/services/data/v62.0/query/01gDn00000Qry01IAA-2000"))
                .willReturn(file("opportunities-page-2.json")));

        List<String> ids = new ArrayList<>();
        client.queryAll("SELECT Id FROM Opportunity ORDER BY SystemModstamp, Id")
                .forEachRemaining(page -> page.records().forEach(r -> ids.add(r.path("Id").asText())));

        assertThat(ids).containsExactly("006Dn00000Op1aAIAR", "006Dn00000Op1aBIAR", "006Dn00000Op1aCIAR",
                "006Dn00000Op1aDIAR", "006Dn00000Op1aEIAR", "006Dn00000Op1aFIAR");
        SALESFORCE.verify(getRequestedFor(urlPathEqualTo(QUERY_ALL))
                .withQueryParam("q", equalTo("SELECT Id FROM Opportunity ORDER BY SystemModstamp, Id"))
                .withHeader("Authorization", equalTo("Bearer token-1")));
        assertThat(client.counters().calls()).isEqualTo(2);
    }

    @Test
    void anInvalidSessionRefreshesTheTokenOnceAndASecondRefusalAsksForConsent() {
        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(file("error-401-invalid-session.json").withStatus(401)));
        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(file("users.json")));

        assertThat(client.queryAll("SELECT Id FROM User").next().records()).hasSize(2);
        assertThat(tokens.refreshes.get()).isEqualTo(1);

        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(file("error-401-invalid-session.json")
                .withStatus(401)));
        assertThatThrownBy(() -> client.queryAll("SELECT Id FROM User").next())
                .isInstanceOf(CredentialsRejected.class).hasMessageContaining("INVALID_SESSION_ID");
        assertThat(tokens.refreshes.get()).isEqualTo(2);
    }

    @Test
    void anExhaustedDailyLimitPausesTheConnectionWithoutAnotherCall() {
        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(file("error-403-request-limit.json")
                .withStatus(403).withHeader(ApiBudget.HEADER, "api-usage=15023/15000")));

        assertThatThrownBy(() -> client.queryAll("SELECT Id FROM Account").next())
                .isInstanceOfSatisfying(ConnectionPaused.class, paused -> {
                    assertThat(paused.until()).isEqualTo(NOW.plus(Duration.ofHours(1)));
                    assertThat(paused.getMessage()).contains("TotalRequests Limit exceeded");
                });
        SALESFORCE.verify(1, getRequestedFor(urlPathEqualTo(QUERY_ALL)));
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void serverErrorsAndTimedOutQueriesAreRetriedWithBackoffAndRetryAfterIsHonoured() {
        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("faults").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("busy").willReturn(file("error-500.json").withStatus(500)));
        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("faults").whenScenarioStateIs("busy")
                .willSetStateTo("calm").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("faults").whenScenarioStateIs("calm")
                .willReturn(file("accounts.json")));

        assertThat(client.queryAll("SELECT Id FROM Account").next().records()).hasSize(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(750), Duration.ofSeconds(7));
        assertThat(client.counters().rateLimited()).isEqualTo(1);

        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(file("error-400-query-timeout.json")
                .withStatus(400)));
        assertThatThrownBy(() -> client.queryAll("SELECT Id FROM Account").next())
                .isInstanceOfSatisfying(SalesforceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("QUERY_TIMEOUT"));
        SALESFORCE.verify(3 + RETRIES.maxAttempts(), getRequestedFor(urlPathEqualTo(QUERY_ALL)));
    }

    @Test
    void aRunStopsOnceItSpentItsShareOfTheCallsLeftForTheDay() {
        AtomicLong used = new AtomicLong(14_000);
        SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(file("query-empty.json")));
        SalesforceClient halfBudget = client(0.5);
        // 1,000 calls were left at the start: the run may spend 500 of them, counting the org's other clients.
        List<Long> answered = new ArrayList<>();
        assertThatThrownBy(() -> {
            while (true) {
                SALESFORCE.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(file("query-empty.json")
                        .withHeader(ApiBudget.HEADER, "api-usage=" + used.get() + "/15000")));
                halfBudget.queryAll("SELECT Id FROM Account").next();
                answered.add(used.getAndAdd(100));
            }
        }).isInstanceOf(RunStopped.class).hasMessageContaining("used 14500 of its 15000")
                .hasMessageContaining("50 % of the 1000");
        assertThat(answered).containsExactly(14_000L, 14_100L, 14_200L, 14_300L, 14_400L, 14_500L);
    }

    @Test
    void aBulkQueryJobIsPolledReadSetBySetWithTheLocatorAndDeleted() {
        SALESFORCE.stubFor(post(urlPathEqualTo(JOBS))
                .withRequestBody(matchingJsonPath("$.operation", equalTo("queryAll")))
                .withRequestBody(matchingJsonPath("$.query", containing("FROM Opportunity")))
                .willReturn(file("bulk-job-opportunities-created.json")));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA")).inScenario("job")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done")
                .willReturn(file("bulk-job-opportunities-in-progress.json")));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA")).inScenario("job")
                .whenScenarioStateIs("done").willReturn(file("bulk-job-opportunities-complete.json")));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA/results"))
                .withQueryParam("locator", WireMock.absent()).willReturn(csv("bulk-opportunities-1.csv", "MjAwMDA")));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA/results"))
                .withQueryParam("locator", equalTo("MjAwMDA")).willReturn(csv("bulk-opportunities-2.csv", "null")));
        SALESFORCE.stubFor(WireMock.delete(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA"))
                .willReturn(aResponse().withStatus(204)));

        List<ObjectNode> rows = new ArrayList<>();
        try (BulkQuery query = new BulkQuery(client, "SELECT Id FROM Opportunity", Duration.ofSeconds(1),
                Duration.ofSeconds(30), 2)) {
            query.forEachRemaining(rows::addAll);
        }

        assertThat(rows).extracting(row -> row.path("Id").asText()).containsExactly("006Dn00000Op1aAIAR",
                "006Dn00000Op1aBIAR", "006Dn00000Op1aCIAR", "006Dn00000Op1aFIAR");
        SalesforceRecord pilot = new SalesforceRecord(rows.get(1));
        assertThat(pilot.text("Name")).isEqualTo("Globex pilot, phase \"one\"");
        assertThat(pilot.bool("IsClosed")).isFalse();
        assertThat(pilot.instant("SystemModstamp")).isEqualTo(Instant.parse("2024-06-29T11:00:00Z"));
        assertThat(pilot.text("Loss_Reason__c")).isNull();
        assertThat(new SalesforceRecord(rows.get(2)).text("Loss_Reason__c"))
                .isEqualTo("Price\n(competitor offered 20% less)");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1));
        SALESFORCE.verify(getRequestedFor(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA/results"))
                .withQueryParam("maxRecords", equalTo("2")).withHeader("Accept", equalTo("text/csv")));
        SALESFORCE.verify(1, deleteRequestedFor(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA")));
    }

    @Test
    void aFailedBulkJobFailsTheReadAndIsDeleted() {
        SALESFORCE.stubFor(post(urlPathEqualTo(JOBS)).willReturn(file("bulk-job-opportunities-created.json")));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"750Dn00000Bq0O1IAA","operation":"queryAll","object":"Opportunity","state":"Failed",
                        "errorMessage":"InvalidBatch : Failed to process query: QUERY_TIMEOUT","jobType":"V2Query",
                        "numberRecordsProcessed":0,"retries":15,"totalProcessingTime":600000}""")));
        SALESFORCE.stubFor(WireMock.delete(urlPathMatching(JOBS + "/.*")).willReturn(aResponse().withStatus(204)));

        Iterator<List<ObjectNode>> query = new BulkQuery(client, "SELECT Id FROM Opportunity", Duration.ofSeconds(1),
                Duration.ofSeconds(30), 10_000);
        assertThatThrownBy(query::next).isInstanceOf(SalesforceException.class).hasMessageContaining("Failed")
                .hasMessageContaining("QUERY_TIMEOUT");
        assertThat(query.hasNext()).isFalse();
        SALESFORCE.verify(1, postRequestedFor(urlPathEqualTo(JOBS)));
        SALESFORCE.verify(1, deleteRequestedFor(urlPathEqualTo(JOBS + "/750Dn00000Bq0O1IAA")));
    }

    private static ResponseDefinitionBuilder file(String name) {
        return aResponse().withHeader("Content-Type", "application/json;charset=UTF-8").withBodyFile(name);
    }

    private static ResponseDefinitionBuilder csv(String name, String locator) {
        return aResponse().withHeader("Content-Type", "text/csv").withHeader(BulkQuery.LOCATOR, locator)
                .withHeader("Sforce-NumberOfRecords", "2").withBodyFile(name);
    }
}
