package dev.ledgerline.simulator.monday;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.HandClock;
import dev.ledgerline.simulator.Simulator;
import dev.ledgerline.simulator.SimulatorSettings;
import dev.ledgerline.simulator.TestSeeds;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.CompanyGenerator;
import dev.ledgerline.simulator.company.CompanySize;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.SimpleDuplicates;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.hubspot.HubSpotApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The company's monday.com part served as a monday account, called with the connector's GraphQL documents verbatim
 * (the test resource {@code monday/connector-queries.json}, the text of the connector's {@code MondayQueries}): the
 * boards are the sales-CRM template's, the items match the ground truth's {@code ?crm=monday} view, removals arrive
 * with their state, activity shows in activity_logs, and the account's faults (token, complexity budget, cursors) are
 * monday's. Seeded: two fixed seeds and a random one, printed (replay with {@code -Dsimulator.seed=N}).
 */
class MondayAccountTest {
    private static final String TOKEN = "monday-test-token-0123456789";
    private static final Instant REFERENCE = Instant.parse("2026-03-15T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonNode QUERIES = queries();
    private static final Map<String, String> BOARD_TRUTH = Map.of("Deals", "deals", "Leads", "leads",
            "Contacts", "contacts", "Accounts", "accounts", "Products", "products");

    private Simulator simulator;
    private URI base;

    static List<Long> seeds() {
        return TestSeeds.fixedAndRandom("MondayAccountTest", 7L, 20_261_203L);
    }

    private void start(long seed, double mondayShare, int complexityPerMinute) {
        simulator = Simulator.start(settings(seed, mondayShare, complexityPerMinute));
        base = URI.create("http://localhost:" + simulator.port());
    }

    private static SimulatorSettings settings(long seed, double mondayShare, int complexityPerMinute) {
        return new SimulatorSettings(0, seed, REFERENCE, new CompanySize(300, 2_500, 4), 0, null,
                new HubSpotApi.Settings(62515, "pat-test-token-123", null, null, Duration.ofMinutes(30), 1_000_000,
                        100_000, 100_000, Duration.ZERO), 0.3, null, mondayShare,
                new MondayApi.Settings(TOKEN, complexityPerMinute));
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theAccountServesItsPartOfTheCompanyAsTheConnectorReadsIt(long seed) throws Exception {
        start(seed, 0.4, 5_000_000);
        for (String records : List.of("deals", "leads", "line-items", "invoices", "payments")) {
            int all = truth(records, null).size();
            int split = truth(records, "hubspot").size() + truth(records, "salesforce").size()
                    + truth(records, "monday").size();
            assertThat(split).as("every one of the %s in exactly one CRM", records).isEqualTo(all);
        }
        assertThat(truth("deals", "monday").size()).as("the account holds a part of the deals").isPositive()
                .isLessThan(truth("deals", null).size());

        JsonNode users = graphql("USERS", Map.of("page", 1, "limit", 500)).path("data").path("users");
        assertThat(ids(users)).isEqualTo(crmIds(truth("owners", "monday")));

        JsonNode boards = graphql("BOARDS", Map.of("page", 1, "limit", 100)).path("data").path("boards");
        Map<String, JsonNode> byName = new HashMap<>();
        boards.forEach(board -> byName.put(board.path("name").asText(), board));
        assertThat(byName).containsOnlyKeys(BOARD_TRUTH.keySet());
        JsonNode stage = column(byName.get("Deals"), "status");
        JsonNode labels = JSON.readTree(stage.path("settings_str").asText()).path("labels");
        assertThat(labels.toString()).contains("\"Won\"", "\"Lost\"");
        assertThat(column(byName.get("Deals"), "numbers").path("title").asText()).containsIgnoringCase("value");
        assertThat(column(byName.get("Deals"), "date").path("title").asText()).containsIgnoringCase("close");
        assertThat(columnTitles(byName.get("Deals"), "board_relation")).containsExactly("Contacts", "Accounts");
        JsonNode again = graphql("BOARD_COLUMNS", Map.of("boardIds", List.of(byName.get("Deals").path("id").asText())))
                .path("data").path("boards");
        assertThat(again).hasSize(1);
        assertThat(again.get(0)).isEqualTo(byName.get("Deals"));

        for (Map.Entry<String, String> board : BOARD_TRUTH.entrySet()) {
            JsonNode truth = truth(board.getValue(), "monday");
            List<JsonNode> items = wholeBoard(byName.get(board.getKey()).path("id").asText(), 500);
            assertThat(ids(items)).as("%s: one item per record the account holds", board.getKey())
                    .isEqualTo(crmIds(truth));
            Map<String, JsonNode> itemById = new HashMap<>();
            items.forEach(item -> itemById.put(item.path("id").asText(), item));
            for (JsonNode record : truth) {
                JsonNode item = itemById.get(record.path("crmId").asText());
                assertThat(item.path("state").asText()).as("state of %s", record.path("id"))
                        .isEqualTo(!record.path("archived").asBoolean() ? "active"
                                : Long.parseLong(record.path("id").asText()) % 2 == 0 ? "archived" : "deleted");
                Instant modified = Instant.parse(record.path("modifiedAt").asText()).truncatedTo(ChronoUnit.SECONDS);
                if (board.getKey().equals("Contacts")) {
                    // A person of another CRM's accounts is entered here later, with a deal or lead naming them.
                    assertThat(Instant.parse(item.path("updated_at").asText())).isAfterOrEqualTo(modified);
                } else {
                    assertThat(Instant.parse(item.path("updated_at").asText())).isEqualTo(modified);
                }
                if (board.getKey().equals("Deals")) {
                    assertDealAsKept(item, record, labels);
                }
            }
        }
    }

    /** The deal's columns as the connector reads them: stage by label index, value, close date, owner, links. */
    private void assertDealAsKept(JsonNode item, JsonNode deal, JsonNode labels) throws IOException {
        Map<String, JsonNode> columns = new HashMap<>();
        item.path("column_values").forEach(column -> columns.put(column.path("type").asText() + ":"
                + column.path("id").asText(), column));
        JsonNode stage = value(columns, "status:deal_stage");
        assertThat(labels.path(stage.path("index").asText()).asText().toUpperCase().replace(' ', '_'))
                .isEqualTo(deal.path("stage").asText());
        assertThat(columns.get("numbers:deal_value").path("text").asText())
                .isEqualTo(deal.path("amount").isNull() ? "" : deal.path("amount").asText());
        if (!deal.path("closedAt").isNull()) {
            assertThat(value(columns, "date:deal_expected_close_date").path("date").asText() + "T00:00:00Z")
                    .isEqualTo(deal.path("closedAt").asText());
        }
        if (!deal.path("ownerId").isNull()) {
            assertThat(value(columns, "people:deal_owner").path("personsAndTeams").get(0).path("id").asText())
                    .isEqualTo(MondayTruth.id(Kind.OWNER, Long.parseLong(deal.path("ownerId").asText())));
        }
        JsonNode account = value(columns, "board_relation:deal_account");
        if (!deal.path("accountId").isNull()) {
            assertThat(account.path("linkedPulseIds").get(0).path("linkedPulseId").asText()).isEqualTo(MondayTruth.id(
                    Kind.ACCOUNT, Long.parseLong(deal.path("accountId").asText())));
        }
    }

    @Test
    void removalsAndActivityArriveThroughActivityLogsAndItemsById() throws Exception {
        start(11, 0.5, 5_000_000);
        Instant before = Instant.now().minusSeconds(1);
        Set<String> contactsBefore = crmIdsOf(truth("contacts", "monday"));
        JsonNode changes = post("/_simulator/activity?events=40&event=DEAL_DELETED").path("changes");
        post("/_simulator/activity?events=60&event=STAGE_MOVE");
        post("/_simulator/activity?events=30&event=WIN");
        post("/_simulator/activity?events=40&event=NEW_DEAL");
        post("/_simulator/activity?events=40&event=NEW_LEAD");
        Set<String> mondayDeals = crmIdsOf(truth("deals", "monday"));
        Map<String, String> crmIdOf = new HashMap<>();
        truth("deals", "monday").forEach(deal -> crmIdOf.put(deal.path("id").asText(), deal.path("crmId").asText()));
        Set<String> deleted = new HashSet<>();
        changes.forEach(change -> {
            if (change.path("kind").asText().equals("DEAL") && crmIdOf.containsKey(change.path("id").asText())) {
                deleted.add(crmIdOf.get(change.path("id").asText()));
            }
        });
        assertThat(deleted).as("deletions of deals in the monday account").isNotEmpty();

        String dealsBoard = MondayBoards.Board.DEALS.id();
        List<JsonNode> logs = new ArrayList<>();
        String from = before.truncatedTo(ChronoUnit.SECONDS).toString();
        graphql("ACTIVITY_LOGS", Map.of("boardId", dealsBoard, "from", from, "page", 1, "limit", 1000))
                .path("data").path("boards").get(0)
                .path("activity_logs").forEach(logs::add);
        Set<String> logged = new HashSet<>();
        Instant previous = Instant.MAX;
        for (JsonNode log : logs) {
            JsonNode data = JSON.readTree(log.path("data").asText());
            logged.add(data.path("pulse_id").asText());
            assertThat(data.path("board_id").asText()).isEqualTo(dealsBoard);
            long ticks = Long.parseLong(log.path("created_at").asText());
            Instant at = Instant.ofEpochSecond(ticks / 10_000_000L, ticks % 10_000_000L * 100);
            assertThat(at).as("newest first, none before from").isBeforeOrEqualTo(previous).isAfterOrEqualTo(before);
            previous = at;
        }
        assertThat(mondayDeals).containsAll(logged);
        assertThat(logged).as("every deletion logged").containsAll(deleted);
        Set<String> changedInMonday = new HashSet<>();
        truth("deals", "monday").forEach(deal -> {
            boolean removed = deal.path("archived").asBoolean()
                    && Instant.parse(deal.path("archivedAt").asText()).isAfter(before);
            if (Instant.parse(deal.path("modifiedAt").asText()).isAfter(before) || removed) {
                changedInMonday.add(deal.path("crmId").asText());
            }
        });
        assertThat(logged).as("exactly the deals changed since from").isEqualTo(changedInMonday);

        // Whoever is on the Contacts board now and was not before is logged, also a person entered here only with a
        // new deal naming them, so an incremental read finds them.
        Set<String> contactsLogged = new HashSet<>();
        graphql("ACTIVITY_LOGS", Map.of("boardId", MondayBoards.Board.CONTACTS.id(), "from", from, "page", 1,
                "limit", 1000)).path("data").path("boards").get(0).path("activity_logs").forEach(log -> {
                    try {
                        contactsLogged.add(JSON.readTree(log.path("data").asText()).path("pulse_id").asText());
                    } catch (IOException unreadable) {
                        throw new AssertionError(unreadable);
                    }
                });
        Set<String> entered = crmIdsOf(truth("contacts", "monday"));
        entered.removeAll(contactsBefore);
        assertThat(entered).as("people entered in the account by the activity").isNotEmpty();
        assertThat(contactsLogged).containsAll(entered);

        JsonNode items = graphql("ITEMS_BY_ID", Map.of("ids", List.copyOf(deleted).subList(0,
                Math.min(100, deleted.size())), "limit", 100)).path("data").path("items");
        assertThat(items).hasSize(Math.min(100, deleted.size()));
        for (JsonNode item : items) {
            assertThat(item.path("state").asText()).isIn("archived", "deleted");
            assertThat(item.path("board").path("id").asText()).isEqualTo(dealsBoard);
        }
        JsonNode both = graphql("ITEMS_BY_ID", Map.of("ids", List.of(crmIds(truth("contacts", "monday")).get(0),
                "99"), "limit", 100)).path("data").path("items");
        assertThat(both).as("an unknown id is simply absent").hasSize(1);
        assertThat(both.get(0).path("board").path("id").asText()).isEqualTo(MondayBoards.Board.CONTACTS.id());
    }

    @Test
    void theComplexityBudgetOfAMinuteIsEnforcedAsMondayDoes() throws Exception {
        start(7, 0.4, 25_000);
        Map<String, Object> page = Map.of("boardId", MondayBoards.Board.DEALS.id(), "limit", 500);
        JsonNode first = graphql("ITEMS_PAGE", page);
        JsonNode complexity = first.path("data").path("complexity");
        assertThat(complexity.path("before").asLong()).isEqualTo(25_000);
        long cost = complexity.path("before").asLong() - complexity.path("after").asLong();
        assertThat(cost).isPositive();
        assertThat(complexity.path("reset_in_x_seconds").asLong()).isBetween(1L, 60L);
        JsonNode second = graphql("ITEMS_PAGE", page);
        assertThat(second.path("data").path("complexity").path("before").asLong()).isEqualTo(25_000 - cost);

        Answer refused = send("ITEMS_PAGE", page, TOKEN);
        assertThat(refused.status()).as("monday answers budget errors with HTTP 200").isEqualTo(200);
        assertThat(refused.json().has("data")).isFalse();
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("COMPLEXITY_BUDGET_EXHAUSTED");
        assertThat(error.path("extensions").path("retry_in_seconds").asLong()).isBetween(1L, 60L);
        assertThat(error.path("message").asText()).contains("reset in " + error.path("extensions")
                .path("retry_in_seconds").asLong() + " seconds");
        JsonNode cheap = graphql("USERS", Map.of("page", 1, "limit", 1));
        assertThat(cheap.path("data").path("users")).as("a cheaper query still fits what is left").hasSize(1);
    }

    @Test
    void aWrongOrMissingTokenIsMondaysUnauthorizedAndAnUnknownOperationIsAGraphqlError() throws Exception {
        start(7, 0.4, 5_000_000);
        for (String token : new String[] {"not-the-token", null}) {
            Answer refused = send("USERS", Map.of("page", 1, "limit", 10), token);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("errors").get(0).path("extensions").path("code").asText())
                    .isEqualTo("UNAUTHENTICATED");
        }
        Answer unknown = sendQuery("query Workspaces { workspaces { id } }", Map.of(), TOKEN);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("errors").get(0).path("message").asText()).contains("Workspaces");
        assertThat(unknown.json().has("data")).isFalse();
    }

    @Test
    void theSameSeedServesTheSameAccount() throws Exception {
        start(20_261_203L, 0.4, 5_000_000);
        List<JsonNode> first = wholeBoard(MondayBoards.Board.DEALS.id(), 200);
        JsonNode firstLeads = graphql("ITEMS_PAGE", Map.of("boardId", MondayBoards.Board.LEADS.id(), "limit", 500));
        simulator.close();
        start(20_261_203L, 0.4, 5_000_000);
        assertThat(wholeBoard(MondayBoards.Board.DEALS.id(), 200)).isEqualTo(first);
        assertThat(graphql("ITEMS_PAGE", Map.of("boardId", MondayBoards.Board.LEADS.id(), "limit", 500))
                .path("data").path("boards")).isEqualTo(firstLeads.path("data").path("boards"));
    }

    @Test
    void aShareOfZeroLeavesTheAccountEmptyAndTheOtherCrmsAsTheyWere() throws Exception {
        start(7, 0, 5_000_000);
        assertThat(truth("deals", "monday")).isEmpty();
        assertThat(wholeBoard(MondayBoards.Board.DEALS.id(), 500)).isEmpty();
        Company company = CompanyGenerator.generate(7, REFERENCE, new CompanySize(300, 2_500, 4),
                new SimpleDuplicates());
        List<String> withoutMonday = company.read(c -> {
            CrmSplit before = new CrmSplit(7, 0.3);
            List<String> kept = new ArrayList<>();
            c.all(Kind.DEAL).values().forEach(deal -> {
                for (CrmSplit.Crm crm : List.of(CrmSplit.Crm.HUBSPOT, CrmSplit.Crm.SALESFORCE)) {
                    if (before.holds(c, crm, Kind.DEAL, deal)) {
                        kept.add(crm + ":" + deal.id());
                    }
                }
            });
            return kept;
        });
        List<String> served = new ArrayList<>();
        for (String crm : List.of("hubspot", "salesforce")) {
            truth("deals", crm).forEach(deal -> served.add(crm.toUpperCase() + ":" + deal.path("id").asText()));
        }
        assertThat(served).containsExactlyInAnyOrderElementsOf(withoutMonday);
    }

    @Test
    void aCursorOlderThanSixtyMinutesHasExpired() throws Exception {
        Company company = CompanyGenerator.generate(7, REFERENCE, new CompanySize(300, 2_500, 4),
                new SimpleDuplicates());
        HandClock clock = new HandClock(REFERENCE);
        MondayApi api = new MondayApi(company, new CrmSplit(7, 0.3, 0.4), new MondayApi.Settings(TOKEN, 5_000_000),
                clock);
        JsonNode first = body(api.answer(TOKEN, request("ITEMS_PAGE", Map.of("boardId",
                MondayBoards.Board.DEALS.id(), "limit", 100))));
        String cursor = first.path("data").path("boards").get(0).path("items_page").path("cursor").asText();
        clock.advance(Duration.ofMinutes(59));
        JsonNode second = body(api.answer(TOKEN, request("NEXT_ITEMS_PAGE", Map.of("cursor", cursor, "limit", 100))));
        String next = second.path("data").path("next_items_page").path("cursor").asText();
        assertThat(second.path("data").path("next_items_page").path("items")).hasSize(100);
        clock.advance(Duration.ofMinutes(2));
        JsonNode expired = body(api.answer(TOKEN, request("NEXT_ITEMS_PAGE", Map.of("cursor", next, "limit", 100))));
        assertThat(expired.path("errors").get(0).path("extensions").path("code").asText())
                .as("valid 60 minutes from the board's first page").isEqualTo("CursorExpiredError");
    }

    private List<JsonNode> wholeBoard(String boardId, int limit) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        JsonNode page = graphql("ITEMS_PAGE", Map.of("boardId", boardId, "limit", limit)).path("data").path("boards")
                .get(0).path("items_page");
        page.path("items").forEach(items::add);
        while (!page.path("cursor").isNull()) {
            assertThat(page.path("items")).hasSize(limit);
            page = graphql("NEXT_ITEMS_PAGE", Map.of("cursor", page.path("cursor").asText(), "limit", limit))
                    .path("data").path("next_items_page");
            page.path("items").forEach(items::add);
        }
        return items;
    }

    private static JsonNode column(JsonNode board, String type) {
        for (JsonNode column : board.path("columns")) {
            if (column.path("type").asText().equals(type)) {
                return column;
            }
        }
        throw new AssertionError("no " + type + " column on " + board);
    }

    private static List<String> columnTitles(JsonNode board, String type) {
        List<String> titles = new ArrayList<>();
        board.path("columns").forEach(column -> {
            if (column.path("type").asText().equals(type)) {
                titles.add(column.path("title").asText());
            }
        });
        return titles;
    }

    private static JsonNode value(Map<String, JsonNode> columns, String key) throws IOException {
        JsonNode value = columns.get(key).path("value");
        return value.isTextual() ? JSON.readTree(value.asText()) : JSON.createObjectNode();
    }

    private static List<String> ids(Iterable<JsonNode> nodes) {
        List<String> ids = new ArrayList<>();
        nodes.forEach(node -> ids.add(node.path("id").asText()));
        return ids.stream().sorted().toList();
    }

    private static List<String> crmIds(JsonNode truth) {
        List<String> ids = new ArrayList<>();
        truth.forEach(record -> ids.add(record.path("crmId").asText()));
        return ids.stream().sorted().toList();
    }

    private static Set<String> crmIdsOf(JsonNode truth) {
        return new HashSet<>(crmIds(truth));
    }

    private JsonNode truth(String records, String crm) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/_simulator/truth/" + records
                + (crm == null ? "" : "?crm=" + crm))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode post(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Sends one of the connector's documents and expects data. */
    private JsonNode graphql(String document, Map<String, Object> variables) throws Exception {
        Answer answer = send(document, variables, TOKEN);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("errors")).as(answer.json().toString()).isFalse();
        assertThat(answer.json().path("account_id").asLong()).isPositive();
        return answer.json();
    }

    private Answer send(String document, Map<String, Object> variables, String token) throws Exception {
        return sendQuery(QUERIES.path(document).asText(), variables, token);
    }

    private Answer sendQuery(String query, Map<String, Object> variables, String token) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v2")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("API-Version", "2025-04")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static ObjectNode request(String document, Map<String, Object> variables) {
        ObjectNode body = JSON.createObjectNode().put("query", QUERIES.path(document).asText());
        body.set("variables", JSON.valueToTree(variables));
        return body;
    }

    private static JsonNode body(Response response) throws IOException {
        assertThat(response.status()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode queries() {
        try (InputStream in = MondayAccountTest.class.getResourceAsStream("/monday/connector-queries.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the connector's queries are a test resource", e);
        }
    }

    private record Answer(int status, JsonNode json) {
    }
}
