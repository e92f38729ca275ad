package dev.ledgerline.connector.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A monday.com account as the benchmark needs it, behind {@code POST /v2}: a per-minute complexity budget (5,000,000
 * points, reset a minute after the window opened) that every query is charged against, answering
 * {@code COMPLEXITY_BUDGET_EXHAUSTED} with {@code retry_in_seconds} — as HTTP 200 with an {@code errors} array — once a
 * query costs more than what is left; and a deals board of generated items served by {@code items_page} and
 * {@code next_items_page}, shaped as monday's API answers them. Other queries answer their stub (the template's
 * boards and users); other boards are empty.
 */
final class BudgetedMonday implements ResponseDefinitionTransformerV2 {
    static final long BUDGET_PER_MINUTE = 5_000_000;
    /**
     * monday does not publish its per-field costs; an item with its column values is charged this much, so that an
     * items_page of 500 costs 100,000 points and 50,000 items twice the budget of a minute.
     */
    static final long COST_PER_ITEM = Long.getLong("bench.monday.item-cost", 200);
    /** What any other query (boards, users, an empty board) is charged. */
    static final long COST_PER_QUERY = 1_000;
    static final String DEALS_BOARD = "1234567890";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OPERATION = Pattern.compile("query (\\w+)\\(");
    private static final String[] STAGES = {"New", "Proposal", "Negotiation", "Won", "Lost"};
    private static final int[] STAGE_INDEXES = {0, 5, 2, 1, 3};

    private final int items;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong exhausted = new AtomicLong();
    private final AtomicLong charged = new AtomicLong();
    private long windowStart = -1;
    private long left = BUDGET_PER_MINUTE;

    BudgetedMonday(int items) {
        this.items = items;
    }

    @Override
    public String getName() {
        return "budgeted-monday";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        JsonNode request;
        try {
            request = JSON.readTree(event.getRequest().getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher operation = OPERATION.matcher(request.path("query").asText());
        String name = operation.find() ? operation.group(1) : "";
        JsonNode variables = request.path("variables");
        int limit = variables.path("limit").asInt(25);
        int from;
        boolean deals;
        if (name.equals("ItemsPage")) {
            deals = DEALS_BOARD.equals(variables.path("boardId").asText());
            from = 0;
        } else if (name.equals("NextItemsPage")) {
            deals = true;
            from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(variables.path("cursor").asText()),
                    StandardCharsets.UTF_8).substring("bench:".length()));
        } else {
            deals = false;
            from = 0;
        }
        int to = deals ? Math.min(from + limit, items) : from;
        long cost = deals ? COST_PER_QUERY + (long) (to - from) * COST_PER_ITEM : COST_PER_QUERY;

        long before;
        long resetIn;
        synchronized (this) {
            queries.incrementAndGet();
            long now = System.currentTimeMillis();
            if (windowStart < 0 || now >= windowStart + 60_000) {
                windowStart = now;
                left = BUDGET_PER_MINUTE;
            }
            resetIn = Math.max(1, (windowStart + 60_000 - now + 999) / 1000);
            if (cost > left) {
                exhausted.incrementAndGet();
                return json("""
                        {"errors":[{"message":"Complexity budget exhausted","extensions":{"code":\
                        "COMPLEXITY_BUDGET_EXHAUSTED","complexity":%d,"complexity_budget_left":%d,\
                        "complexity_budget_limit":%d,"retry_in_seconds":%d,"status_code":429}}],\
                        "account_id":9876543,"extensions":{"request_id":"bench-%d"}}"""
                        .formatted(cost, left, BUDGET_PER_MINUTE, resetIn, queries.get()));
            }
            before = left;
            left -= cost;
            charged.addAndGet(cost);
        }
        String complexity = "\"complexity\":{\"before\":" + before + ",\"after\":" + (before - cost)
                + ",\"reset_in_x_seconds\":" + resetIn + "}";
        if (name.equals("ItemsPage")) {
            return json("{\"data\":{" + complexity + ",\"boards\":[{\"items_page\":" + page(deals, from, to)
                    + "}]},\"account_id\":9876543}");
        }
        if (name.equals("NextItemsPage")) {
            return json("{\"data\":{" + complexity + ",\"next_items_page\":" + page(true, from, to)
                    + "},\"account_id\":9876543}");
        }
        return ResponseDefinitionBuilder.like(event.getResponseDefinition()).build();
    }

    long queries() {
        return queries.get();
    }

    long exhausted() {
        return exhausted.get();
    }

    long charged() {
        return charged.get();
    }

    private String page(boolean deals, int from, int to) {
        if (!deals) {
            return "{\"cursor\":null,\"items\":[]}";
        }
        StringBuilder json = new StringBuilder(700 * (to - from) + 100).append("{\"cursor\":");
        json.append(to < items ? "\"" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("bench:" + to).getBytes(StandardCharsets.UTF_8)) + "\"" : "null");
        json.append(",\"items\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                json.append(',');
            }
            json.append(item(i));
        }
        return json.append("]}").toString();
    }

    /** A deal of the sales-CRM template's deals board, with the column values monday answers. */
    private static String item(int i) {
        Instant created = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 41L);
        Instant updated = created.plusSeconds(86_400 * 9);
        int stage = i % STAGES.length;
        String closeDate = created.plusSeconds(86_400 * 30).toString().substring(0, 10);
        return "{\"id\":\"" + (1_800_000_000L + i) + "\",\"name\":\"Deal " + i + "\",\"state\":\"active\","
                + "\"created_at\":\"" + created + "\",\"updated_at\":\"" + updated + "\",\"creator_id\":\"51000001\","
                + "\"group\":{\"id\":\"topics\",\"title\":\"Active deals\"},\"column_values\":["
                + "{\"id\":\"deal_stage\",\"type\":\"status\",\"text\":\"" + STAGES[stage] + "\",\"value\":"
                + "\"{\\\"index\\\":" + STAGE_INDEXES[stage] + ",\\\"post_id\\\":null,\\\"changed_at\\\":\\\""
                + updated + "\\\"}\"},"
                + "{\"id\":\"deal_value\",\"type\":\"numbers\",\"text\":\"" + (1000 + i % 9000) + ".50\",\"value\":"
                + "\"\\\"" + (1000 + i % 9000) + ".50\\\"\"},"
                + "{\"id\":\"deal_owner\",\"type\":\"people\",\"text\":\"Dana Owner\",\"value\":"
                + "\"{\\\"personsAndTeams\\\":[{\\\"id\\\":51000001,\\\"kind\\\":\\\"person\\\"}]}\"},"
                + "{\"id\":\"deal_expected_close_date\",\"type\":\"date\",\"text\":\"" + closeDate + "\",\"value\":"
                + "\"{\\\"date\\\":\\\"" + closeDate + "\\\",\\\"icon\\\":null,\\\"changed_at\\\":\\\"" + updated
                + "\\\"}\"},"
                + "{\"id\":\"deal_contact\",\"type\":\"board_relation\",\"text\":\"\",\"value\":null},"
                + "{\"id\":\"deal_account\",\"type\":\"board_relation\",\"text\":\"\",\"value\":null}]}";
    }

    private static ResponseDefinition json(String body) {
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }
}
