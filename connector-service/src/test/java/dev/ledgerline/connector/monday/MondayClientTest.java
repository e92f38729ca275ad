package dev.ledgerline.connector.monday;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ledgerline.connector.oauth.CountingTokens;
import dev.ledgerline.connector.sync.ConnectionPaused;
import dev.ledgerline.connector.sync.CredentialsRejected;
import dev.ledgerline.connector.sync.FakeSyncClock;
import dev.ledgerline.connector.sync.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The monday.com GraphQL client against WireMock answering as monday documents it (errors in HTTP 200 bodies). */
class MondayClientTest {

    @RegisterExtension
    static final WireMockExtension MONDAY = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("monday")).build();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Instant NOW = Instant.parse("2024-07-04T10:00:00Z");
    /** Backoff of retry n with jitter 0.5: 1 s → 750 ms, 2 s → 1500 ms. */
    private static final RetryPolicy RETRIES =
            new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

    private final FakeSyncClock clock = new FakeSyncClock(NOW);
    private MondayClient client;

    @BeforeEach
    void connect() {
        client = new MondayClient(URI.create(MONDAY.baseUrl()), "2025-04", new CountingTokens(), HTTP, RETRIES, clock);
    }

    private static MappingBuilder operation(String name) {
        return post(urlPathEqualTo("/v2")).withRequestBody(matchingJsonPath("$.query", containing("query " + name + "(")));
    }

    private static ResponseDefinitionBuilder file(String name) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBodyFile(name);
    }

    private List<String> idsOf(String boardId) {
        List<String> ids = new ArrayList<>();
        client.boardItems(boardId).forEachRemaining(page -> page.forEach(item -> ids.add(item.path("id").asText())));
        return ids;
    }

    @Test
    void boardItemsFollowTheCursorUntilItIsNull() {
        MONDAY.stubFor(operation("ItemsPage").willReturn(file("items-page-1.json")));
        MONDAY.stubFor(operation("NextItemsPage").withRequestBody(matchingJsonPath("$.variables.cursor",
                equalTo("MSw5NzI4MDA5MDAsaV9YcmxJb0p1VEdYc1VWeGlxeF9kLDg4MiwzNXw0MTQ1NzU1MTE5")))
                .willReturn(file("next-items-page-2.json")));

        assertThat(idsOf("1234567890")).containsExactly("1700000001", "1700000002", "1700000003");

        MONDAY.verify(postRequestedFor(urlPathEqualTo("/v2")).withHeader("API-Version", equalTo("2025-04"))
                .withHeader("Authorization", equalTo("token-1"))
                .withRequestBody(matchingJsonPath("$.variables.boardId", equalTo("1234567890")))
                .withRequestBody(matchingJsonPath("$.variables.limit", equalTo("500")))
                .withRequestBody(matchingJsonPath("$.query", containing("state: all"))));
        assertThat(client.counters().calls()).isEqualTo(2);
    }

    @Test
    void anExpiredCursorStartsTheBoardAgain() {
        MONDAY.stubFor(operation("ItemsPage").willReturn(file("items-page-1.json")));
        MONDAY.stubFor(operation("NextItemsPage").inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(file("error-cursor-expired.json")).willSetStateTo("fresh"));
        MONDAY.stubFor(operation("NextItemsPage").inScenario("expiry").whenScenarioStateIs("fresh")
                .willReturn(file("next-items-page-2.json")));

        assertThat(idsOf("1234567890"))
                .containsExactly("1700000001", "1700000002", "1700000001", "1700000002", "1700000003");
        MONDAY.verify(2, postRequestedFor(urlPathEqualTo("/v2"))
                .withRequestBody(matchingJsonPath("$.query", containing("query ItemsPage("))));
    }

    @Test
    void aCursorThatKeepsExpiringFailsTheBoardAfterTheRestarts() {
        MONDAY.stubFor(operation("ItemsPage").willReturn(file("items-page-1.json")));
        MONDAY.stubFor(operation("NextItemsPage").willReturn(file("error-cursor-expired.json")));

        assertThatThrownBy(() -> idsOf("1234567890")).isInstanceOf(MondayException.class)
                .hasMessageContaining("CursorExpiredError")
                .satisfies(e -> assertThat(((MondayException) e).cursorExpired()).isTrue());
        MONDAY.verify(1 + MondayClient.CURSOR_RESTARTS, postRequestedFor(urlPathEqualTo("/v2"))
                .withRequestBody(matchingJsonPath("$.query", containing("query ItemsPage("))));
    }

    @Test
    void anExhaustedComplexityBudgetWaitsTheSecondsMondayNames() {
        MONDAY.stubFor(operation("ItemsPage").inScenario("budget").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(file("error-complexity-budget.json")).willSetStateTo("refilled"));
        MONDAY.stubFor(operation("ItemsPage").inScenario("budget").whenScenarioStateIs("refilled")
                .willReturn(file("items-page-1.json")));

        MondayClient.ItemsPage page = client.itemsPage("1234567890");

        assertThat(page.items()).hasSize(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(17));
        assertThat(client.counters().rateLimited()).isEqualTo(1);
        assertThat(client.counters().retries()).isEqualTo(1);
    }

    @Test
    void theOlderComplexityExceptionBodyIsReadToo() {
        MONDAY.stubFor(operation("ItemsPage").inScenario("budget").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        "{\"error_code\":\"ComplexityException\",\"status_code\":429,\"error_message\":\"Complexity"
                                + " budget exhausted, query cost 30001 budget remaining 19986 out of 1000000 reset in 3"
                                + " seconds\",\"error_data\":{},\"errors\":[\"Complexity budget exhausted, query cost"
                                + " 30001 budget remaining 19986 out of 1000000 reset in 3 seconds\"],"
                                + "\"account_id\":9876543}"))
                .willSetStateTo("refilled"));
        MONDAY.stubFor(operation("ItemsPage").inScenario("budget").whenScenarioStateIs("refilled")
                .willReturn(file("items-page-1.json")));

        assertThat(client.itemsPage("1234567890").items()).hasSize(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(client.counters().rateLimited()).isEqualTo(1);
    }

    @Test
    void minuteLimitsAnd5xxBackOffHonouringRetryAfter() {
        MONDAY.stubFor(operation("Users").inScenario("faults").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(file("error-rate-limit.json")).willSetStateTo("5xx"));
        MONDAY.stubFor(operation("Users").inScenario("faults").whenScenarioStateIs("5xx")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "4").withBody("upstream down"))
                .willSetStateTo("ok"));
        MONDAY.stubFor(operation("Users").inScenario("faults").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"data\":{\"users\":[{\"id\":\"51000001\",\"name\":\"Dana Owner\",\"email\":\"dana@example.com\","
                                + "\"enabled\":true,\"is_guest\":false,\"title\":\"AE\"}]},\"account_id\":9876543}")));

        List<ObjectNode> users = client.users();

        assertThat(users).extracting(user -> user.path("email").asText()).containsExactly("dana@example.com");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(9), Duration.ofSeconds(4));
    }

    @Test
    void aFaultThatOutlastsTheAttemptsFailsWithMondaysMessage() {
        MONDAY.stubFor(operation("Users").willReturn(aResponse().withStatus(500).withBody("{\"error_message\":"
                + "\"Internal server error\",\"status_code\":500}")));

        assertThatThrownBy(client::users).isInstanceOf(MondayException.class).hasMessageContaining("Internal server error");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void errorsAreClassifiedSkipFailPauseOrReauthorize() {
        MONDAY.stubFor(operation("ItemsPage").willReturn(file("error-user-unauthorized.json")));
        assertThatThrownBy(() -> client.itemsPage("1234567890")).isInstanceOf(MondayException.class)
                .satisfies(e -> assertThat(((MondayException) e).handling()).isEqualTo(MondayError.Handling.SKIP))
                .hasMessageContaining("User unauthorized to perform action");

        MONDAY.stubFor(operation("NextItemsPage").willReturn(file("error-parse.json")));
        assertThatThrownBy(() -> client.nextItemsPage("c")).isInstanceOf(MondayException.class)
                .satisfies(e -> assertThat(((MondayException) e).handling()).isEqualTo(MondayError.Handling.FAIL))
                .hasMessageContaining("undefinedField");

        MONDAY.stubFor(operation("Users").willReturn(file("error-daily-limit.json")));
        assertThatThrownBy(client::users).isInstanceOf(ConnectionPaused.class)
                .satisfies(e -> assertThat(((ConnectionPaused) e).until()).isEqualTo(Instant.parse("2024-07-05T00:00:00Z")));

        MONDAY.stubFor(operation("ActivityLogs").willReturn(aResponse().withStatus(401).withBodyFile(
                "error-unauthorized-401.json")));
        assertThatThrownBy(() -> client.activityLogs("1234567890", NOW)).isInstanceOf(CredentialsRejected.class);

        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aBoardTheUserCannotSeeIsSkippable() {
        MONDAY.stubFor(operation("ItemsPage").willReturn(aResponse().withStatus(200).withBody(
                "{\"data\":{\"complexity\":{\"before\":5000000,\"after\":4999990,\"reset_in_x_seconds\":60},"
                        + "\"boards\":[]},\"account_id\":9876543}")));

        assertThatThrownBy(() -> client.itemsPage("404")).isInstanceOf(MondayException.class)
                .satisfies(e -> assertThat(((MondayException) e).handling()).isEqualTo(MondayError.Handling.SKIP));
    }

    @Test
    void activityLogsAreReadFromTheInstantAndItemsRefetchedById() {
        MONDAY.stubFor(operation("ActivityLogs").withRequestBody(matchingJsonPath("$.variables.page", equalTo("1")))
                .willReturn(file("activity-logs.json")));
        MONDAY.stubFor(operation("ItemsById").willReturn(aResponse().withStatus(200).withBody(
                "{\"data\":{\"items\":[{\"id\":\"1700000001\",\"name\":\"Acme renewal\",\"state\":\"active\"}]},"
                        + "\"account_id\":9876543}")));

        List<ObjectNode> logs = client.activityLogs("1234567890", Instant.parse("2024-07-01T00:00:00.123Z"));
        List<ObjectNode> items = client.itemsById(List.of("1700000001", "1700000002"));

        assertThat(logs).hasSize(4);
        assertThat(items).extracting(item -> item.path("id").asText()).containsExactly("1700000001");
        MONDAY.verify(postRequestedFor(urlPathEqualTo("/v2"))
                .withRequestBody(matchingJsonPath("$.variables.from", equalTo("2024-07-01T00:00:00Z")))
                .withRequestBody(matchingJsonPath("$.variables.boardId", equalTo("1234567890"))));
        MONDAY.verify(postRequestedFor(urlPathEqualTo("/v2"))
                .withRequestBody(matchingJsonPath("$.variables.ids[1]", equalTo("1700000002"))));
    }
}
