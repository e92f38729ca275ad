package dev.ledgerline.connector.monday;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ledgerline.connector.sync.SyncRuns.runToEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
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
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * monday.com connections synced end to end: WireMock answers {@code POST /v2} with monday's documented payloads
 * (fixtures under {@code monday/__files}), records land on the embedded broker's topics, progress in PostgreSQL.
 * Each test connects an account of its own (its own personal API token); answers match that token.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class MondaySyncTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final WireMockServer MONDAY = new WireMockServer(wireMockConfig().dynamicPort()
            .usingFilesUnderClasspath("monday"));
    private static final String DEALS = "1234567890";
    private static final String PRODUCTS = "1234567894";

    @BeforeAll
    static void startMonday() {
        MONDAY.start();
    }

    @AfterAll
    static void stopMonday() {
        MONDAY.stop();
    }

    @Test
    void aFullSyncThenIncrementalRunsThroughActivityLogsPublishOnlyChangesDeletionsIncluded() {
        Account account = new Account("full");
        account.stubTemplate();
        MONDAY.stubFor(account.own("ActivityLogs").withRequestBody(matchingJsonPath("$.variables.boardId", equalTo(DEALS)))
                .inScenario(account.token).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(file("activity-logs.json")).willSetStateTo("read"));
        MONDAY.stubFor(account.own("ActivityLogs").atPriority(5).willReturn(file("activity-logs-empty.json")));
        MONDAY.stubFor(account.own("ItemsById").willReturn(file("items-changed.json")));
        String connection = account.connect();

        JsonPath full = runToEnd(account.tenant, connection, "FULL");
        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(full, "owners")).containsEntry("published", 2);
        assertThat(entity(full, "deals:" + DEALS)).containsEntry("fetched", 3).containsEntry("published", 3)
                .containsEntry("deleted", 1);
        assertThat(full.getMap("entities.find { it.entity == 'deals:" + DEALS + "' }.missing"))
                .isEqualTo(Map.of("closeDate", 1, "owner", 1));
        assertThat(entity(full, "products:" + PRODUCTS)).containsEntry("published", 1).containsEntry("rejected", 1);
        assertThat(entity(full, "contacts:1234567891")).containsEntry("state", "SUCCEEDED");

        List<ConsumerRecord<String, Deal>> deals = read(Topics.DEALS, Deal.class, account.key("1700000003"), r -> true);
        Deal acme = latest(deals, account.key("1700000001"));
        assertThat(acme.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(acme.getAmount()).isEqualTo(new Money(new BigDecimal("12500.5000"), "EUR"));
        assertThat(latest(deals, account.key("1700000002")).getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(latest(deals, account.key("1700000003")).getOp()).isEqualTo(Op.DELETE);
        DeadLetter broken = latest(read(Topics.dlq(Topics.PRODUCTS), DeadLetter.class, account.key("1900000002"),
                r -> true), account.key("1900000002"));
        assertThat(broken.getErrorMessage()).isEqualTo("column product_price is not a number: \"ninety\"");
        Owner former = latest(read(Topics.OWNERS, Owner.class, account.key("51000002"), r -> true),
                account.key("51000002"));
        assertThat(former.getActive()).isFalse();

        // The mappings the sync applied are there to see and edit: the stage labels as stages of the deals board.
        JsonPath stages = given().get("/api/tenants/{tenant}/connections/{id}/stage-mapping", account.tenant, connection)
                .then().statusCode(200).extract().jsonPath();
        assertThat(stages.getMap("find { it.pipelineId == '" + DEALS + "' && it.stageId == '1' }"))
                .containsEntry("category", "WON").containsEntry("stageLabel", "Won");
        assertThat(stages.getMap("find { it.pipelineId == '" + DEALS + "' && it.stageId == '3' }"))
                .containsEntry("category", "LOST");

        JsonPath incremental = runToEnd(account.tenant, connection, "INCREMENTAL");
        assertThat(incremental.getString("state")).isEqualTo("SUCCEEDED");
        // Acme renewal won, Hooli trial created, Globex pilot deleted (monday no longer returns it).
        assertThat(entity(incremental, "deals:" + DEALS)).containsEntry("fetched", 3).containsEntry("published", 3)
                .containsEntry("deleted", 1);
        assertThat(entity(incremental, "owners")).containsEntry("published", 0);
        assertThat(entity(incremental, "products:" + PRODUCTS)).containsEntry("published", 0);
        List<ConsumerRecord<String, Deal>> changed = read(Topics.DEALS, Deal.class, account.key("1700000002"),
                r -> r.value().getOp() == Op.DELETE);
        Deal won = latest(changed, account.key("1700000001"));
        assertThat(won.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(won.getAmount()).isEqualTo(new Money(new BigDecimal("13000.0000"), "EUR"));
        assertThat(latest(changed, account.key("1700000004")).getStageCategory()).isEqualTo(StageCategory.OPEN);
        MONDAY.verify(postRequestedFor(urlPathEqualTo("/v2")).withHeader("Authorization", equalTo(account.token))
                .withRequestBody(matchingJsonPath("$.query", containing("query ItemsById(")))
                .withRequestBody(matchingJsonPath("$.variables.ids[0]", equalTo("1700000002"))));

        JsonPath again = runToEnd(account.tenant, connection, "INCREMENTAL");
        assertThat(again.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(again.getList("entities.published", Integer.class)).allMatch(published -> published == 0);
    }

    @Test
    void aFullReadThatFailsIsReadAgainByTheNextRunAndAnExpiredCursorRestartsTheBoard() {
        Account account = new Account("resume");
        account.stubTemplate();
        MONDAY.stubFor(account.own("NextItemsPage").atPriority(1).inScenario(account.token)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(file("error-parse.json")).willSetStateTo("expire"));
        MONDAY.stubFor(account.own("NextItemsPage").atPriority(1).inScenario(account.token)
                .whenScenarioStateIs("expire").willReturn(file("error-cursor-expired.json")).willSetStateTo("ok"));
        String connection = account.connect();

        JsonPath failed = runToEnd(account.tenant, connection, "FULL");
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).contains("undefinedField");
        assertThat(entity(failed, "deals:" + DEALS)).containsEntry("published", 2);

        // The board's position is stored only once a whole read is published: the next run reads it all again,
        // and its cursor expiring half-way starts the board once more.
        JsonPath resumed = runToEnd(account.tenant, connection, "INCREMENTAL");
        assertThat(resumed.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(resumed, "deals:" + DEALS)).containsEntry("fetched", 5).containsEntry("deleted", 1);
        assertThat(latest(read(Topics.DEALS, Deal.class, account.key("1700000003"), r -> true),
                account.key("1700000003")).getOp()).isEqualTo(Op.DELETE);
    }

    @Test
    void aBoardTheUserMayNotReadIsSkippedAndTheRestSynced() {
        Account account = new Account("skip");
        account.stubTemplate();
        MONDAY.stubFor(account.own("ItemsPage").atPriority(1)
                .withRequestBody(matchingJsonPath("$.variables.boardId", equalTo("1234567893")))
                .willReturn(file("error-user-unauthorized.json")));
        String connection = account.connect();

        JsonPath run = runToEnd(account.tenant, connection, "FULL");
        assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(run, "leads:1234567893")).containsEntry("state", "SKIPPED");
        assertThat((String) entity(run, "leads:1234567893").get("message")).contains("User unauthorized to perform action");
        assertThat(entity(run, "deals:" + DEALS)).containsEntry("published", 3);

        // The recognised boards are stored for editing; a user's mapping replaces them for the next runs.
        JsonPath boards = given().get("/api/tenants/{tenant}/connections/{id}/monday-boards", account.tenant, connection)
                .then().statusCode(200).extract().jsonPath();
        assertThat(boards.getList("boardId", String.class))
                .containsExactly(DEALS, "1234567891", "1234567892", "1234567893", PRODUCTS);
        assertThat(boards.getMap("find { it.boardId == '" + DEALS + "' }.columns"))
                .containsEntry("stage", "deal_stage").containsEntry("amount", "deal_value");
        given().contentType(ContentType.JSON).body(List.of(Map.of("boardId", DEALS, "boardName", "Deals",
                        "entity", "DEALS", "columns", Map.of("stage", "deal_stage", "colour", "x"))))
                .put("/api/tenants/{tenant}/connections/{id}/monday-boards", account.tenant, connection)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(List.of(Map.of("boardId", DEALS, "boardName", "Deals",
                        "entity", "DEALS", "columns", Map.of("stage", "deal_stage", "amount", "deal_value"))))
                .put("/api/tenants/{tenant}/connections/{id}/monday-boards", account.tenant, connection)
                .then().statusCode(200);

        JsonPath edited = runToEnd(account.tenant, connection, "FULL");
        assertThat(edited.getList("entities.entity", String.class)).containsExactlyInAnyOrder("owners", "deals:" + DEALS);
        assertThat(edited.getMap("entities.find { it.entity == 'deals:" + DEALS + "' }.missing"))
                .containsEntry("owner", 2).containsEntry("closeDate", 2);
    }

    /** One monday account, reached with a personal API token of its own. */
    private static final class Account {
        final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        final String token;

        Account(String name) {
            this.token = "eyJhbGciOiJIUzI1NiJ9." + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        }

        MappingBuilder own(String operation) {
            return post(urlPathEqualTo("/v2")).atPriority(3).withHeader("Authorization", equalTo(token))
                    .withHeader("API-Version", equalTo("2025-04"))
                    .withRequestBody(matchingJsonPath("$.query", containing("query " + operation + "(")));
        }

        /** The sales-CRM template: its boards, users, a deals board of two pages, products, the rest empty. */
        void stubTemplate() {
            MONDAY.stubFor(own("Boards").willReturn(file("boards.json")));
            MONDAY.stubFor(own("BoardColumns").willReturn(file("boards.json")));
            MONDAY.stubFor(own("Users").willReturn(file("users.json")));
            MONDAY.stubFor(own("ItemsPage").atPriority(5).willReturn(file("items-page-empty.json")));
            MONDAY.stubFor(own("ItemsPage").withRequestBody(matchingJsonPath("$.variables.boardId", equalTo(DEALS)))
                    .willReturn(file("items-page-1.json")));
            MONDAY.stubFor(own("NextItemsPage").willReturn(file("next-items-page-2.json")));
            MONDAY.stubFor(own("ItemsPage").withRequestBody(matchingJsonPath("$.variables.boardId", equalTo(PRODUCTS)))
                    .willReturn(file("items-page-products.json")));
        }

        String connect() {
            given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR", "timeZone", "Europe/Berlin"))
                    .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
            return given().contentType(ContentType.JSON)
                    .body(Map.of("crm", "monday", "displayName", "monday " + tenant, "apiToken", token,
                            "apiBaseUrl", MONDAY.baseUrl(), "settings", Map.of("syncProducts", true)))
                    .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201).extract()
                    .path("connection.id");
        }

        String key(String id) {
            return Keys.of(tenant, "MONDAY", id);
        }
    }

    private static ResponseDefinitionBuilder file(String name) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBodyFile(name);
    }

    private static Map<String, Object> entity(JsonPath run, String entity) {
        return run.getMap("entities.find { it.entity == '" + entity + "' }");
    }

    private static <T extends SpecificRecord> List<ConsumerRecord<String, T>> read(String topic, Class<T> type,
            String untilKey, Predicate<ConsumerRecord<String, T>> matching) {
        return TopicProbe.readUntil(DevstackResource.bootstrapServers(), topic, AvroSerde.of(type).deserializer(),
                r -> r.key().equals(untilKey) && matching.test(r), Duration.ofSeconds(30));
    }

    private static <T> T latest(List<ConsumerRecord<String, T>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow().value();
    }
}
