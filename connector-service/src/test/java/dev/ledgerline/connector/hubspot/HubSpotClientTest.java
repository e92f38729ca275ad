package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.mapping.DealPipeline;
import dev.ledgerline.connector.oauth.CountingTokens;
import dev.ledgerline.connector.sync.FakeSyncClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ledgerline.connector.sync.RetryPolicy;
import dev.ledgerline.wire.StageCategory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HubSpotClientTest {

    @RegisterExtension
    static final WireMockExtension HUBSPOT = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("hubspot")).build();

    /** HTTP/1.1 as HubSpot's clients negotiate over TLS; plain-text h2c upgrades against Jetty fail at random. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String DEALS = "/crm/v3/objects/deals";
    private static final String DEALS_SEARCH = "/crm/v3/objects/deals/search";

    /** Backoff of retry n with jitter 0.5: 1 s → 750 ms, 2 s → 1500 ms, 4 s → 3000 ms. */
    private static final RetryPolicy RETRIES =
            new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

    private final FakeSyncClock clock = new FakeSyncClock(Instant.parse("2024-07-01T12:00:00Z"));
    private final CountingTokens tokens = new CountingTokens();
    private HubSpotClient client;

    @BeforeEach
    void connect() {
        client = new HubSpotClient(URI.create(HUBSPOT.baseUrl()), tokens, HTTP, new HubSpotRateLimiter(clock),
                RETRIES, clock);
    }

    @Test
    void listsEveryPageFollowingAfterAndSendsTheQuery() {
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).withQueryParam("after", absent())
                .willReturn(file("deals-page-1.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).withQueryParam("after", equalTo("9003"))
                .willReturn(file("deals-page-2.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).withQueryParam("after", equalTo("9004"))
                .willReturn(file("deals-page-3.json")));

        List<ObjectPage> pages = drain(client.list(new ListQuery(HubSpotObjectType.DEALS,
                List.of("dealname", "amount"), List.of("contacts", "line_items"), false, null)));

        assertThat(pages).extracting(ObjectPage::nextAfter).containsExactly("9003", "9004", null);
        assertThat(ids(pages)).containsExactly("9001", "9002", "9003", "9004");
        HUBSPOT.verify(3, getRequestedFor(urlPathEqualTo(DEALS)).withQueryParam("limit", equalTo("100"))
                .withQueryParam("properties", equalTo("dealname,amount"))
                .withQueryParam("associations", equalTo("contacts,line_items"))
                .withQueryParam("archived", equalTo("false"))
                .withHeader("Authorization", equalTo("Bearer token-1")));
        assertThat(client.counters().calls()).isEqualTo(3);
    }

    @Test
    void searchRestartsAfterTheLastSeenRecordWhenHubSpotRefusesToPagePastTheCap() {
        Instant cursor = Instant.parse("2024-06-01T09:00:00Z");
        String firstQuery = "$.filterGroups[0].filters[0].operator";
        HUBSPOT.stubFor(search().withRequestBody(matchingJsonPath(firstQuery, equalTo("GTE")))
                .withRequestBody(notContaining("\"after\"")).willReturn(file("search-first-1.json")));
        HUBSPOT.stubFor(search().withRequestBody(matchingJsonPath(firstQuery, equalTo("GTE")))
                .withRequestBody(matchingJsonPath("$.after", equalTo("2"))).willReturn(file("search-first-2.json")));
        HUBSPOT.stubFor(search().withRequestBody(matchingJsonPath(firstQuery, equalTo("GTE")))
                .withRequestBody(matchingJsonPath("$.after", equalTo("4")))
                .willReturn(file("error-400-search-cap.json").withStatus(400)));
        HUBSPOT.stubFor(search().withRequestBody(matchingJsonPath(firstQuery, equalTo("GT")))
                .withRequestBody(notContaining("\"after\"")).willReturn(file("search-restart-1.json")));
        HUBSPOT.stubFor(search().withRequestBody(matchingJsonPath(firstQuery, equalTo("GT")))
                .withRequestBody(matchingJsonPath("$.after", equalTo("2"))).willReturn(file("search-restart-2.json")));

        List<ObjectPage> pages = drain(client.search(new SearchQuery(HubSpotObjectType.DEALS,
                cursor.minus(Duration.ofMinutes(5)), List.of("dealname"), 2)));

        // 1004 comes again after the restart (the tie on its modified time) and is delivered once.
        assertThat(ids(pages)).containsExactly("1001", "1002", "1003", "1004", "1005", "1006");
        HUBSPOT.verify(postRequestedFor(urlPathEqualTo(DEALS_SEARCH)).withRequestBody(equalToJson("""
                {"filterGroups": [{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GTE",
                                                "value": "%d"}]}],
                 "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"},
                           {"propertyName": "hs_object_id", "direction": "ASCENDING"}],
                 "properties": ["dealname", "hs_lastmodifieddate"], "limit": 2}
                """.formatted(Instant.parse("2024-06-01T08:55:00Z").toEpochMilli()))));
        long lastSeen = Instant.parse("2024-06-01T10:05:00.250Z").toEpochMilli();
        HUBSPOT.verify(postRequestedFor(urlPathEqualTo(DEALS_SEARCH)).withRequestBody(equalToJson("""
                {"filterGroups": [
                   {"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GT", "value": "%d"}]},
                   {"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "EQ", "value": "%d"},
                                {"propertyName": "hs_object_id", "operator": "GT", "value": "1004"}]}],
                 "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"},
                           {"propertyName": "hs_object_id", "direction": "ASCENDING"}],
                 "properties": ["dealname", "hs_lastmodifieddate"], "limit": 2}
                """.formatted(lastSeen, lastSeen))));
        assertThat(client.counters().calls()).isEqualTo(5);
    }

    @Test
    void searchPassesOtherRefusalsOn() {
        HUBSPOT.stubFor(search().willReturn(file("error-400-search-cap.json").withStatus(400)));

        Iterator<ObjectPage> pages = client.search(SearchQuery.changedSince(HubSpotObjectType.DEALS,
                Instant.parse("2024-06-01T00:00:00Z"), Duration.ofMinutes(10), List.of("dealname")));

        assertThatThrownBy(pages::hasNext).isInstanceOf(HubSpotException.class)
                .satisfies(e -> assertThat(((HubSpotException) e).status()).isEqualTo(400));
    }

    @Test
    void waitsRetryAfterOnA429() {
        stubInSequence(() -> get(urlPathEqualTo(DEALS)),
                file("error-429-secondly.json").withStatus(429).withHeader("Retry-After", "7"),
                file("deals-page-3.json"));

        assertThat(ids(drain(client.list(dealsQuery())))).containsExactly("9004");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(client.counters().rateLimited()).isEqualTo(1);
        assertThat(client.counters().calls()).isEqualTo(2);
    }

    @Test
    void backsOffExponentiallyWithJitterOn429sWithoutRetryAfter() {
        stubInSequence(() -> get(urlPathEqualTo(DEALS)),
                file("error-429-secondly.json").withStatus(429),
                file("error-429-secondly.json").withStatus(429),
                file("deals-page-3.json"));

        assertThat(ids(drain(client.list(dealsQuery())))).containsExactly("9004");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
        assertThat(client.counters().rateLimited()).isEqualTo(2);
    }

    @Test
    void failsAtOnceOnTheDailyLimit() {
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).willReturn(file("error-429-daily.json").withStatus(429)));

        assertThatThrownBy(() -> client.list(dealsQuery()).next()).isInstanceOf(DailyLimitReached.class);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void retriesServerErrorsWithBackoff() {
        stubInSequence(() -> get(urlPathEqualTo(DEALS)),
                file("error-502.html").withStatus(502),
                aResponse().withStatus(503),
                file("deals-page-3.json"));

        assertThat(ids(drain(client.list(dealsQuery())))).containsExactly("9004");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
        assertThat(client.counters().retries()).isEqualTo(2);
    }

    @Test
    void givesUpOnServerErrorsAfterTheLastAttempt() {
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> client.list(dealsQuery()).next()).isInstanceOf(HubSpotException.class)
                .satisfies(e -> assertThat(((HubSpotException) e).status()).isEqualTo(500));
        assertThat(client.counters().calls()).isEqualTo(RETRIES.maxAttempts());
    }

    @Test
    void retriesATimedOutCall() {
        stubInSequence(() -> get(urlPathEqualTo(DEALS)),
                file("deals-page-3.json").withFixedDelay(5_000),
                file("deals-page-3.json"));

        assertThat(ids(drain(client.list(dealsQuery())))).containsExactly("9004");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(750));
    }

    @Test
    void refreshesTheTokenOnceOn401() {
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(file("error-401.json").withStatus(401)));
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(file("deals-page-3.json")));

        assertThat(ids(drain(client.list(dealsQuery())))).containsExactly("9004");
        assertThat(tokens.refreshes.get()).isEqualTo(1);
    }

    @Test
    void requiresReauthorizationWhenTheRefreshedTokenIsRefusedToo() {
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).willReturn(file("error-401.json").withStatus(401)));

        assertThatThrownBy(() -> client.list(dealsQuery()).next()).isInstanceOf(ReauthorizationRequired.class)
                .satisfies(e -> assertThat(((HubSpotException) e).category()).isEqualTo("EXPIRED_AUTHENTICATION"));
        assertThat(tokens.refreshes.get()).isEqualTo(1);
        assertThat(client.counters().calls()).isEqualTo(2);
    }

    @Test
    void reportsAMissingScopeWithTheScopesHubSpotNames() {
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/invoices"))
                .willReturn(file("error-403-missing-scopes.json").withStatus(403)));

        Iterator<ObjectPage> invoices = client.list(new ListQuery(HubSpotObjectType.INVOICES, List.of(), List.of(),
                false, null));

        assertThatThrownBy(invoices::next).isInstanceOfSatisfying(MissingScope.class, missing -> {
            assertThat(missing.requiredScopes()).containsExactly("crm.objects.invoices.read");
            assertThat(missing.correlationId()).isEqualTo("a1e7b1c2-4cde-4bb0-8a55-0e0b5d2f7c11");
        });
        assertThat(client.counters().calls()).isEqualTo(1);
    }

    @Test
    void waitsBeforeSendingWhenHubSpotReportsNoSecondlyRequestsLeft() {
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).withQueryParam("after", absent())
                .willReturn(file("deals-page-1.json").withHeader("X-HubSpot-RateLimit-Secondly", "11")
                        .withHeader("X-HubSpot-RateLimit-Secondly-Remaining", "0")
                        .withHeader("X-HubSpot-RateLimit-Max", "110")
                        .withHeader("X-HubSpot-RateLimit-Remaining", "95")
                        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")));
        HUBSPOT.stubFor(get(urlPathEqualTo(DEALS)).withQueryParam("after", equalTo("9003"))
                .willReturn(file("deals-page-3.json")));

        assertThat(ids(drain(client.list(dealsQuery())))).containsExactly("9001", "9002", "9004");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(1030));
        assertThat(client.counters().rateLimited()).isZero();
    }

    @Test
    void readsDealPipelinesAndDerivesTheDefaultStageMapping() {
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/pipelines/deals")).willReturn(file("pipelines-deals.json")));

        List<DealPipeline> pipelines = client.dealPipelines();
        StageMapping mapping = StageMapping.derivedFrom(pipelines);

        assertThat(pipelines).extracting(DealPipeline::id).containsExactly("default", "75442112");
        assertThat(pipelines.get(0).stages().get(0))
                .isEqualTo(new DealPipeline.Stage("appointmentscheduled", "Appointment Scheduled", false, 0.2));
        assertThat(mapping.lookup("default", "contractsent")).contains(
                new StageMapping.Stage("Sales Pipeline", "Contract Sent", StageCategory.OPEN, 0.9));
        assertThat(mapping.lookup("default", "closedwon")).get()
                .extracting(StageMapping.Stage::category).isEqualTo(StageCategory.WON);
        assertThat(mapping.lookup("default", "closedlost")).get()
                .extracting(StageMapping.Stage::category).isEqualTo(StageCategory.LOST);
        // Opaque ids and misleading labels: only isClosed and probability decide.
        assertThat(mapping.lookup("75442112", "148920631")).contains(
                new StageMapping.Stage("Partner channel", "Partner introduced", StageCategory.OPEN, 0.3));
        assertThat(mapping.lookup("75442112", "148920633")).contains(
                new StageMapping.Stage("Partner channel", "Signed (won)?", StageCategory.WON, 1.0));
        assertThat(mapping.lookup("75442112", "148920634")).contains(
                new StageMapping.Stage("Partner channel", "Won nothing", StageCategory.LOST, 0.0));
        assertThat(mapping.lookup("default", "148920634")).isEmpty();
        // For deals without a stage, which still name (or default to) a pipeline.
        assertThat(mapping.pipelineLabel(StageMapping.DEFAULT_PIPELINE)).contains("Sales Pipeline");
        assertThat(mapping.pipelineLabel("75442112")).contains("Partner channel");
        assertThat(mapping.pipelineLabel("90210")).isEmpty();
    }

    @Test
    void pagesOwnersAndBatchReadsObjectsAndAssociations() {
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/owners")).withQueryParam("after", absent())
                .willReturn(file("owners.json")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/owners")).withQueryParam("after", equalTo("41629780"))
                .willReturn(file("owners-archived.json")));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/line_items/batch/read"))
                .withRequestBody(equalToJson("""
                        {"properties": ["name", "price"], "inputs": [{"id": "8001"}]}"""))
                .willReturn(file("line-items-batch.json")));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/line_items/batch/read"))
                .withRequestBody(equalToJson("""
                        {"inputs": [{"id": "9001"}, {"id": "9002"}]}"""))
                .willReturn(okJson("""
                        {"status": "COMPLETE",
                         "results": [{"from": {"id": "9001"},
                                      "to": [{"toObjectId": 8001, "associationTypes": [
                                                {"category": "HUBSPOT_DEFINED", "typeId": 19, "label": null}]}]}],
                         "startedAt": "2024-06-28T14:31:06.001Z", "completedAt": "2024-06-28T14:31:06.020Z"}""")));

        assertThat(ids(drain(client.owners(false)))).containsExactly("41629779", "41629790");
        assertThat(client.batchRead(HubSpotObjectType.LINE_ITEMS, List.of("8001", "8001"), List.of("name", "price")))
                .extracting(item -> item.path("id").asText()).containsExactly("8001");
        assertThat(client.associations(HubSpotObjectType.DEALS, HubSpotObjectType.LINE_ITEMS, List.of("9001", "9002")))
                .containsExactly(Map.entry("9001", List.of("8001")));
    }

    private static ListQuery dealsQuery() {
        return new ListQuery(HubSpotObjectType.DEALS, List.of("dealname"), List.of(), false, null);
    }

    private static MappingBuilder search() {
        return post(urlPathEqualTo(DEALS_SEARCH));
    }

    private static ResponseDefinitionBuilder file(String name) {
        String type = name.endsWith(".json") ? "application/json" : "text/html";
        return aResponse().withStatus(200).withHeader("Content-Type", type).withBodyFile(name);
    }

    /** Answers the same request with each response in turn, the last one from then on. */
    private static void stubInSequence(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder step = request.get().inScenario("sequence")
                    .whenScenarioStateIs(i == 0 ? STARTED : "step-" + i);
            if (i < responses.length - 1) {
                step = step.willSetStateTo("step-" + (i + 1));
            }
            HUBSPOT.stubFor(step.willReturn(responses[i]));
        }
    }

    private static List<ObjectPage> drain(Iterator<ObjectPage> pages) {
        List<ObjectPage> all = new ArrayList<>();
        pages.forEachRemaining(all::add);
        return all;
    }

    private static List<String> ids(List<ObjectPage> pages) {
        return pages.stream().flatMap(page -> page.results().stream()).map(object -> object.path("id").asText())
                .toList();
    }
}
