package dev.ledgerline.simulator.monday;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.Owner;
import dev.ledgerline.simulator.http.HttpProblem;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.http.Router;
import dev.ledgerline.simulator.monday.MondayBoards.Board;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The company's monday.com part ({@link CrmSplit}) as a monday account's GraphQL API, {@code POST /v2}, for the
 * operations the connector sends (by their operation name, reading their {@code variables}; no GraphQL parser):
 * {@code Users}, {@code Boards} and {@code BoardColumns} (the sales-CRM template's boards, {@link MondayBoards}),
 * {@code ItemsPage} and {@code NextItemsPage} (every item, archived and deleted ones with their {@code state}, by
 * cursor, valid 60 minutes), {@code ItemsById} and {@code ActivityLogs} (a log for each item created, changed or
 * removed since {@code from}, newest first, {@code data} a JSON string naming the item as {@code pulse_id}).
 * Authorised by the account's personal API token in {@code Authorization}; a missing or wrong one is monday's 401.
 * Every query costs complexity points against a per-minute budget (the simulator's model: 10 points, plus per item
 * asked for ({@code limit}) 20, per user, board or log 2); a query costing more than is left answers HTTP 200 with
 * {@code COMPLEXITY_BUDGET_EXHAUSTED} and {@code retry_in_seconds}, as monday does. Answers name their account in
 * {@code account_id}.
 */
public final class MondayApi {
    /** How long a cursor of {@code items_page} stays valid. */
    static final Duration CURSOR_LIFETIME = Duration.ofMinutes(60);
    static final int MAX_ITEMS_PER_PAGE = 500;
    static final int MAX_IDS_PER_CALL = 100;
    static final int ACCOUNT_ID = 31_415_926;
    private static final Duration BUDGET_WINDOW = Duration.ofMinutes(1);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern OPERATION = Pattern.compile("^\\s*query\\s+([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * How the account behaves.
     *
     * @param apiToken            the personal API token ({@code Authorization} header)
     * @param complexityPerMinute the complexity budget of a minute
     */
    public record Settings(String apiToken, int complexityPerMinute) {
    }

    private record Cursor(String boardId, List<Long> remaining, Instant issued) {
    }

    private final Company company;
    private final MondayBoards boards;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private final AtomicLong cursorIds = new AtomicLong(1);
    private Instant budgetWindowStart;
    private long budgetUsed;

    public MondayApi(Company company, CrmSplit split, Settings settings, Clock clock) {
        this.company = company;
        this.boards = new MondayBoards(company, split);
        this.settings = settings;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.on("POST", "/v2/?", request -> answer(request.header("Authorization"), request.json()));
    }

    /** One GraphQL request: its {@code Authorization} header and its body ({@code query}, {@code variables}). */
    Response answer(String authorization, JsonNode body) {
        if (authorization == null || !authorization.trim().replaceFirst("^Bearer ", "").equals(settings.apiToken())) {
            return error(401, "UNAUTHENTICATED", "Not Authenticated", JSON.objectNode().put("status_code", 401));
        }
        String query = body.path("query").asText("");
        JsonNode variables = body.path("variables");
        Matcher named = OPERATION.matcher(query);
        String operation = body.path("operationName").asText(named.find() ? named.group(1) : "");
        Integer cost = cost(operation, variables);
        if (cost == null) {
            return error(200, "GRAPHQL_VALIDATION_FAILED", "The simulator serves the operations the connector sends "
                    + "(Users, Boards, BoardColumns, ItemsPage, NextItemsPage, ItemsById, ActivityLogs), not '"
                    + operation + "'", JSON.objectNode().put("status_code", 400));
        }
        ObjectNode complexity = charge(cost);
        if (complexity == null) {
            return exhausted(cost);
        }
        ObjectNode data;
        try {
            data = company.read(c -> data(operation, variables));
        } catch (HttpProblem refused) {
            return refused.response();
        }
        if (query.contains("complexity")) {
            data.set("complexity", complexity);
        }
        return answer(200, JSON.objectNode().set("data", data));
    }

    private ObjectNode data(String operation, JsonNode variables) {
        ObjectNode data = JSON.objectNode();
        switch (operation) {
            case "Users" -> data.set("users", page(company.<Owner>all(Kind.OWNER).values().stream()
                    .filter(owner -> boards.held(Kind.OWNER, owner)).map(MondayBoards::user).toList(), variables));
            case "Boards" -> data.set("boards", page(List.of(Board.values()).stream().map(Board::json).toList(),
                    variables));
            case "BoardColumns" -> {
                ArrayNode found = data.putArray("boards");
                for (JsonNode id : variables.path("boardIds")) {
                    Board.byId(id.asText()).ifPresent(board -> found.add(board.json()));
                }
            }
            case "ItemsPage" -> {
                ArrayNode found = data.putArray("boards");
                Board.byId(variables.path("boardId").asText()).ifPresent(board -> found.addObject()
                        .set("items_page", firstPage(board, limit(variables, MAX_ITEMS_PER_PAGE))));
            }
            case "NextItemsPage" -> data.set("next_items_page", nextPage(variables.path("cursor").asText(),
                    limit(variables, MAX_ITEMS_PER_PAGE)));
            case "ItemsById" -> data.set("items", itemsById(variables));
            case "ActivityLogs" -> {
                ArrayNode found = data.putArray("boards");
                Board.byId(variables.path("boardId").asText()).ifPresent(board -> found.addObject()
                        .set("activity_logs", activityLogs(board, variables)));
            }
            default -> throw new IllegalStateException("no data for " + operation);
        }
        return data;
    }

    /** The complexity of an operation, or null for one the simulator does not serve. */
    private static Integer cost(String operation, JsonNode variables) {
        int limit = variables.path("limit").asInt(25);
        return switch (operation) {
            case "ItemsPage", "NextItemsPage", "ItemsById" -> 10 + 20 * limit;
            case "Users", "Boards", "ActivityLogs" -> 10 + 2 * limit;
            case "BoardColumns" -> 10 + 2 * Board.values().length;
            default -> null;
        };
    }

    /** Charges a query against the minute's budget: the complexity field's value, or null when too little is left. */
    private synchronized ObjectNode charge(int cost) {
        Instant now = clock.instant();
        if (budgetWindowStart == null || !now.isBefore(budgetWindowStart.plus(BUDGET_WINDOW))) {
            budgetWindowStart = now;
            budgetUsed = 0;
        }
        long before = settings.complexityPerMinute() - budgetUsed;
        if (cost > before) {
            return null;
        }
        budgetUsed += cost;
        return JSON.objectNode().put("before", before).put("after", before - cost)
                .put("reset_in_x_seconds", resetInSeconds(now));
    }

    private synchronized Response exhausted(int cost) {
        long left = settings.complexityPerMinute() - budgetUsed;
        long reset = resetInSeconds(clock.instant());
        return error(200, "COMPLEXITY_BUDGET_EXHAUSTED", "Complexity budget exhausted, query cost " + cost
                + " budget remaining " + left + " out of " + settings.complexityPerMinute() + " reset in " + reset
                + " seconds", JSON.objectNode().put("complexity", cost).put("complexity_budget_left", left)
                .put("complexity_budget_limit", settings.complexityPerMinute()).put("retry_in_seconds", reset)
                .put("status_code", 429));
    }

    private long resetInSeconds(Instant now) {
        long millis = Duration.between(now, budgetWindowStart.plus(BUDGET_WINDOW)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private ObjectNode firstPage(Board board, int limit) {
        List<Long> ids = boards.held(board).stream().map(entity -> MondayBoards.itemId(board.kind(), entity.id()))
                .toList();
        return itemsPage(new Cursor(board.id(), ids, clock.instant()), limit);
    }

    private ObjectNode nextPage(String cursorValue, int limit) {
        Cursor cursor;
        synchronized (cursors) {
            cursor = cursors.remove(cursorValue);
        }
        if (cursor == null) {
            throw new HttpProblem(error(200, "InvalidCursorException", "The cursor is not one this account issued or "
                    + "was already used", JSON.objectNode().put("status_code", 400)));
        }
        if (clock.instant().isAfter(cursor.issued().plus(CURSOR_LIFETIME))) {
            throw new HttpProblem(error(200, "CursorExpiredError", "CursorExpiredError: The cursor provided for "
                    + "pagination has expired. Please use a new cursor.", JSON.objectNode().put("status_code", 400)));
        }
        return itemsPage(cursor, limit);
    }

    /** A page of the cursor's items, as they are now, and the cursor of the rest (null after the last page). */
    private ObjectNode itemsPage(Cursor cursor, int limit) {
        Board board = Board.byId(cursor.boardId()).orElseThrow();
        List<Long> now = cursor.remaining().subList(0, Math.min(limit, cursor.remaining().size()));
        ObjectNode page = JSON.objectNode();
        if (now.size() < cursor.remaining().size()) {
            String next = Base64.getUrlEncoder().withoutPadding().encodeToString((ACCOUNT_ID + "," + cursor.boardId()
                    + "," + cursorIds.getAndIncrement()).getBytes(StandardCharsets.UTF_8));
            synchronized (cursors) {
                cursors.entrySet().removeIf(open -> clock.instant().isAfter(open.getValue().issued()
                        .plus(CURSOR_LIFETIME.multipliedBy(2))));
                cursors.put(next, new Cursor(cursor.boardId(), List.copyOf(cursor.remaining().subList(now.size(),
                        cursor.remaining().size())), cursor.issued()));
            }
            page.put("cursor", next);
        } else {
            page.putNull("cursor");
        }
        ArrayNode items = page.putArray("items");
        for (long id : now) {
            entity(board.kind(), id).ifPresent(entity -> items.add(boards.item(board, entity)));
        }
        return page;
    }

    private ArrayNode itemsById(JsonNode variables) {
        ArrayNode items = JSON.arrayNode();
        int limit = limit(variables, MAX_IDS_PER_CALL);
        for (JsonNode id : variables.path("ids")) {
            if (items.size() == limit) {
                break;
            }
            long itemId;
            try {
                itemId = Long.parseLong(id.asText());
            } catch (NumberFormatException notAnId) {
                continue;
            }
            for (Board board : Board.values()) {
                Optional<Entity> entity = entity(board.kind(), itemId);
                if (entity.isPresent()) {
                    ObjectNode item = boards.item(board, entity.get());
                    item.putObject("board").put("id", board.id());
                    items.add(item);
                }
            }
        }
        return items;
    }

    /** The record behind an item id of the kind's board, when the account holds it. */
    private Optional<Entity> entity(Kind kind, long itemId) {
        if (company.all(kind).isEmpty()) {
            return Optional.empty();
        }
        Long entityId = MondayBoards.entityId(kind, itemId, company.all(kind).firstKey());
        Entity entity = entityId == null ? null : company.get(kind, entityId);
        return entity != null && boards.held(kind, entity) ? Optional.of(entity) : Optional.empty();
    }

    /** The board's activity since {@code from}: a log per creation, last change and removal, newest first. */
    private ArrayNode activityLogs(Board board, JsonNode variables) {
        Instant from;
        try {
            from = Instant.parse(variables.path("from").asText());
        } catch (DateTimeParseException unreadable) {
            throw new HttpProblem(error(200, "INVALID_ARGUMENT", "from must be an ISO 8601 date-time, not '"
                    + variables.path("from").asText() + "'", JSON.objectNode().put("status_code", 400)));
        }
        record Log(Instant at, String event, Entity entity) {
        }
        List<Log> logs = new ArrayList<>();
        for (Entity entity : boards.held(board)) {
            if (!entity.createdAt().isBefore(from)) {
                logs.add(new Log(entity.createdAt(), "create_pulse", entity));
            }
            Instant updated = boards.updatedAt(entity);
            if (updated.isAfter(entity.createdAt()) && !updated.isBefore(from)) {
                logs.add(new Log(updated, "update_column_value", entity));
            }
            if (entity.archived() && !entity.archivedAt().isBefore(from)) {
                logs.add(new Log(entity.archivedAt(), MondayBoards.state(entity).equals("archived") ? "archive_pulse"
                        : "delete_pulse", entity));
            }
        }
        logs.sort(Comparator.comparing(Log::at).reversed().thenComparing(log -> log.entity().id()));
        int limit = limit(variables, 10_000);
        int page = Math.max(1, variables.path("page").asInt(1));
        ArrayNode answer = JSON.arrayNode();
        for (Log log : logs.subList(Math.min(logs.size(), (page - 1) * limit), Math.min(logs.size(), page * limit))) {
            long itemId = MondayBoards.itemId(board.kind(), log.entity().id());
            String data = JSON.objectNode().put("board_id", Long.parseLong(board.id())).put("pulse_id", itemId)
                    .put("pulse_name", boards.item(board, log.entity()).path("name").asText()).toString();
            long ticks = log.at().getEpochSecond() * 10_000_000L + log.at().getNano() / 100;
            answer.addObject().put("id", UUID.nameUUIDFromBytes((itemId + log.event() + ticks)
                            .getBytes(StandardCharsets.UTF_8)).toString())
                    .put("event", log.event()).put("entity", "pulse").put("data", data)
                    .put("created_at", String.valueOf(ticks));
        }
        return answer;
    }

    private static ArrayNode page(List<ObjectNode> all, JsonNode variables) {
        int limit = limit(variables, Integer.MAX_VALUE);
        int page = Math.max(1, variables.path("page").asInt(1));
        ArrayNode answer = JSON.arrayNode();
        long from = (long) (page - 1) * limit;
        all.stream().skip(from).limit(limit).forEach(answer::add);
        return answer;
    }

    private static int limit(JsonNode variables, int max) {
        int limit = variables.path("limit").asInt(25);
        if (limit < 1 || limit > max) {
            throw new HttpProblem(error(200, "INVALID_ARGUMENT", "limit must be from 1 to " + max + ", not " + limit,
                    JSON.objectNode().put("status_code", 400)));
        }
        return limit;
    }

    private static Response answer(int status, ObjectNode body) {
        return Response.json(status, body.put("account_id", ACCOUNT_ID));
    }

    /** monday's error shape: an {@code errors} array, the code and details in {@code extensions}. */
    private static Response error(int status, String code, String message, ObjectNode extensions) {
        ObjectNode body = JSON.objectNode();
        ObjectNode error = body.putArray("errors").addObject().put("message", message);
        error.set("extensions", JSON.objectNode().put("code", code).setAll(extensions));
        return answer(status, body);
    }
}
