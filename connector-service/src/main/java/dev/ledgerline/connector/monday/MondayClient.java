package dev.ledgerline.connector.monday;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.oauth.AccessTokens;
import dev.ledgerline.connector.sync.ApiCallCounters;
import dev.ledgerline.connector.sync.ConnectionPaused;
import dev.ledgerline.connector.sync.CredentialsRejected;
import dev.ledgerline.connector.sync.RetryPolicy;
import dev.ledgerline.connector.sync.SyncClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * monday.com's GraphQL API ({@code POST /v2} with an {@code API-Version} header) for one connection, every call
 * counted and guarded by the {@link RetryPolicy}:
 * <ul>
 *   <li>Application errors come as HTTP 200 with an {@code errors} array ({@link MondayError}):
 *   {@code COMPLEXITY_BUDGET_EXHAUSTED} waits {@code retry_in_seconds} and sends again; minute, concurrency and
 *   internal errors back off and send again; {@code DAILY_LIMIT_EXCEEDED} pauses the connection until midnight UTC;
 *   a refused token asks for consent ({@link CredentialsRejected}); the rest is a {@link MondayException}.</li>
 *   <li>429, 5xx, timeouts and connection failures back off (Retry-After honoured) up to the policy's attempts.</li>
 *   <li>401: monday tokens do not expire and cannot be refreshed, so a refused token means consent is gone.</li>
 * </ul>
 */
public final class MondayClient {
    /** Items per {@code items_page}/{@code next_items_page} (monday's maximum is 500). */
    public static final int ITEMS_PER_PAGE = 500;
    /** Items per {@code items(ids:)} call (monday's maximum is 100). */
    static final int IDS_PER_CALL = 100;
    /** Activity logs per page. */
    static final int LOGS_PER_PAGE = 1000;
    static final int USERS_PER_PAGE = 500;
    /** How often one board read starts again after its cursor expired before the run fails. */
    static final int CURSOR_RESTARTS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String apiVersion;
    private final AccessTokens tokens;
    private final HttpClient http;
    private final RetryPolicy retryPolicy;
    private final SyncClock clock;
    private final ApiCallCounters counters = new ApiCallCounters();

    /**
     * @param apiBaseUrl the API host ({@code https://api.monday.com}, or a fake's); queries go to its {@code /v2}
     * @param apiVersion the {@code API-Version} header, e.g. {@code 2025-04}
     */
    public MondayClient(URI apiBaseUrl, String apiVersion, AccessTokens tokens, HttpClient http,
            RetryPolicy retryPolicy, SyncClock clock) {
        this.endpoint = apiBaseUrl.resolve("/v2");
        this.apiVersion = apiVersion;
        this.tokens = tokens;
        this.http = http;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
    }

    public ApiCallCounters counters() {
        return counters;
    }

    /** One page of a board's items and the cursor of the next (null after the last page). */
    public record ItemsPage(List<ObjectNode> items, String cursor) {
    }

    /**
     * Every item of a board, archived and deleted ones included, page by page. An expired cursor starts the board
     * again from its first page (items come unordered, so there is no position to resume from); publishing again
     * what was published is harmless, the run skips unchanged versions.
     */
    public Iterator<List<ObjectNode>> boardItems(String boardId) {
        return new BoardItems(boardId);
    }

    ItemsPage itemsPage(String boardId) {
        ObjectNode variables = JSON.createObjectNode().put("boardId", boardId).put("limit", ITEMS_PER_PAGE);
        JsonNode boards = execute("ItemsPage", MondayQueries.ITEMS_PAGE, variables).path("boards");
        if (!boards.isArray() || boards.isEmpty()) {
            throw new MondayException("ItemsPage: board " + boardId + " does not exist or the user may not read it",
                    MondayError.Handling.SKIP, null, null);
        }
        return page(boards.get(0).path("items_page"));
    }

    ItemsPage nextItemsPage(String cursor) {
        ObjectNode variables = JSON.createObjectNode().put("cursor", cursor).put("limit", ITEMS_PER_PAGE);
        return page(execute("NextItemsPage", MondayQueries.NEXT_ITEMS_PAGE, variables).path("next_items_page"));
    }

    /** Items by id, any state; ids monday does not return (deleted for good) are simply absent. */
    public List<ObjectNode> itemsById(List<String> ids) {
        List<ObjectNode> items = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            ObjectNode variables = JSON.createObjectNode().put("limit", IDS_PER_CALL);
            ArrayNode chunk = variables.putArray("ids");
            ids.subList(from, Math.min(from + IDS_PER_CALL, ids.size())).forEach(chunk::add);
            execute("ItemsById", MondayQueries.ITEMS_BY_ID, variables).path("items")
                    .forEach(item -> items.add((ObjectNode) item));
        }
        return items;
    }

    /** A board's activity logs since {@code from}, every page. */
    public List<ObjectNode> activityLogs(String boardId, Instant from) {
        List<ObjectNode> logs = new ArrayList<>();
        for (int page = 1; ; page++) {
            ObjectNode variables = JSON.createObjectNode().put("boardId", boardId)
                    .put("from", from.truncatedTo(ChronoUnit.SECONDS).toString())
                    .put("page", page).put("limit", LOGS_PER_PAGE);
            JsonNode boards = execute("ActivityLogs", MondayQueries.ACTIVITY_LOGS, variables).path("boards");
            JsonNode read = boards.isArray() && !boards.isEmpty() ? boards.get(0).path("activity_logs") : null;
            if (read == null || !read.isArray() || read.isEmpty()) {
                return logs;
            }
            read.forEach(log -> logs.add((ObjectNode) log));
            if (read.size() < LOGS_PER_PAGE) {
                return logs;
            }
        }
    }

    /** Every user of the account, guests and disabled users included (they may still own items). */
    public List<ObjectNode> users() {
        List<ObjectNode> users = new ArrayList<>();
        for (int page = 1; ; page++) {
            ObjectNode variables = JSON.createObjectNode().put("page", page).put("limit", USERS_PER_PAGE);
            JsonNode read = execute("Users", MondayQueries.USERS, variables).path("users");
            read.forEach(user -> users.add((ObjectNode) user));
            if (read.size() < USERS_PER_PAGE) {
                return users;
            }
        }
    }

    /** The boards named, with their columns; boards the user may not read are absent. */
    public List<ObjectNode> boardColumns(List<String> boardIds) {
        ObjectNode variables = JSON.createObjectNode();
        ArrayNode ids = variables.putArray("boardIds");
        boardIds.forEach(ids::add);
        List<ObjectNode> boards = new ArrayList<>();
        execute("BoardColumns", MondayQueries.BOARD_COLUMNS, variables).path("boards")
                .forEach(board -> boards.add((ObjectNode) board));
        return boards;
    }

    private static ItemsPage page(JsonNode itemsPage) {
        List<ObjectNode> items = new ArrayList<>();
        itemsPage.path("items").forEach(item -> items.add((ObjectNode) item));
        String cursor = itemsPage.path("cursor").asText(null);
        return new ItemsPage(items, cursor == null || cursor.isBlank() ? null : cursor);
    }

    /**
     * Sends a GraphQL document until it answers data or its fault allows no more attempts.
     *
     * @return the response's {@code data}
     */
    JsonNode execute(String operation, String document, ObjectNode variables) {
        String body = JSON.createObjectNode().put("query", document).set("variables", variables).toString();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(retryPolicy.attemptTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("API-Version", apiVersion).header("Authorization", tokens.current())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int faults = 0;
        int budgetWaits = 0;
        try {
            while (true) {
                counters.callSent();
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException noResponse) {
                    faults = retryAfterFault(faults, null, Optional.empty(), new MondayException(operation
                            + ": no response: " + noResponse, MondayError.Handling.RETRY, null, noResponse));
                    continue;
                }
                int status = response.statusCode();
                JsonNode parsed = parse(response.body());
                Optional<MondayError> error = MondayError.of(parsed);
                if (status == 401) {
                    throw new CredentialsRejected(operation + ": monday.com refused the token"
                            + error.map(e -> " (" + e + ")").orElse(""), null);
                }
                if (status == 429) {
                    counters.rateLimitedResponse();
                }
                MondayError.Handling handling = error.map(MondayError::handling)
                        .orElse(status >= 200 && status < 300 ? null : MondayError.Handling.FAIL);
                if (status == 429 || status >= 500) {
                    handling = handling == MondayError.Handling.WAIT_FOR_BUDGET ? handling : MondayError.Handling.RETRY;
                }
                if (handling == null) {
                    if (parsed == null || !parsed.path("data").isObject()) {
                        throw new MondayException(operation + ": HTTP " + status + " without data",
                                MondayError.Handling.FAIL, null, null);
                    }
                    return parsed.path("data");
                }
                MondayError.Handling faultHandling = handling;
                MondayException fault = error.map(e -> new MondayException(operation, e)).orElseGet(() ->
                        new MondayException(operation + ": HTTP " + status, faultHandling, null, null));
                switch (handling) {
                    case WAIT_FOR_BUDGET -> {
                        if (status != 429) {
                            counters.rateLimitedResponse();
                        }
                        budgetWaits = retryAfterFault(budgetWaits, response.headers(),
                                error.flatMap(MondayError::retryIn), fault);
                    }
                    case RETRY -> faults = retryAfterFault(faults, response.headers(),
                            error.flatMap(MondayError::retryIn), fault);
                    case PAUSE_FOR_DAY -> throw new ConnectionPaused("monday.com's daily API call limit is spent ("
                            + fault.getMessage() + ")", clock.now().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)
                            .atStartOfDay().toInstant(ZoneOffset.UTC));
                    case REAUTHORIZE -> throw new CredentialsRejected(fault.getMessage(), fault);
                    default -> throw fault;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new MondayException(operation + ": interrupted", MondayError.Handling.FAIL, null, interrupted);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** Waits what monday asked (its {@code retry_in_seconds}, else Retry-After), else the policy's backoff. */
    private int retryAfterFault(int faults, HttpHeaders headers, Optional<Duration> asked, MondayException fault)
            throws InterruptedException {
        int failed = faults + 1;
        if (failed >= retryPolicy.maxAttempts()) {
            throw fault;
        }
        counters.retry();
        Optional<Duration> wait = asked.or(() -> headers == null ? Optional.empty()
                : RetryPolicy.retryAfter(headers, clock.now()));
        clock.sleep(wait.orElseGet(() -> retryPolicy.backoff(failed)));
        return failed;
    }

    /** A board's pages, from items_page on, following the cursor; restarted when the cursor expired. */
    private final class BoardItems implements Iterator<List<ObjectNode>> {
        private final String boardId;
        private boolean started;
        private String cursor;
        private int restarts;

        BoardItems(String boardId) {
            this.boardId = boardId;
        }

        @Override
        public boolean hasNext() {
            return !started || cursor != null;
        }

        @Override
        public List<ObjectNode> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ItemsPage page;
            try {
                page = started ? nextItemsPage(cursor) : itemsPage(boardId);
            } catch (MondayException e) {
                if (!e.cursorExpired() || restarts >= CURSOR_RESTARTS) {
                    throw e;
                }
                restarts++;
                page = itemsPage(boardId);
            }
            started = true;
            cursor = page.cursor();
            return page.items();
        }
    }
}
