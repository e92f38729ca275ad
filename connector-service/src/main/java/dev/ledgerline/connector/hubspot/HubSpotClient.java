package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.oauth.AccessTokens;
import dev.ledgerline.connector.mapping.DealPipeline;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.hubspot.HubSpotRateLimiter.Budget;
import dev.ledgerline.connector.sync.ApiCallCounters;
import dev.ledgerline.connector.sync.RetryPolicy;
import dev.ledgerline.connector.sync.SyncClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * HubSpot CRM v3 for one connection: list, incremental search, batch read, associations, owners and deal pipelines,
 * every call paced by the connection's {@link HubSpotRateLimiter} and guarded by its {@link RetryPolicy}.
 * <ul>
 *   <li>429: waits {@code Retry-After} when HubSpot sends it, else the policy's backoff; the DAILY policy fails at
 *   once with {@link DailyLimitReached}.</li>
 *   <li>5xx, timeouts and connection failures: retried with backoff up to the policy's attempts.</li>
 *   <li>401: the token is refreshed once and the call repeated; a second 401 is {@link ReauthorizationRequired}.</li>
 *   <li>403 MISSING_SCOPES: {@link MissingScope}, so that the caller skips that entity.</li>
 * </ul>
 * Not thread-safe per iterator; one client may serve several threads of the same connection.
 */
public final class HubSpotClient {

    /** HubSpot's production API; sandboxes and tests pass their own base URL. */
    public static final URI API_BASE_URL = URI.create("https://api.hubapi.com");

    static final int LIST_PAGE_SIZE = 100;
    static final int BATCH_SIZE = 100;
    private static final String OBJECT_ID = "hs_object_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final AccessTokens tokens;
    private final HttpClient http;
    private final HubSpotRateLimiter limiter;
    private final RetryPolicy retryPolicy;
    private final SyncClock clock;
    private final ApiCallCounters counters = new ApiCallCounters();

    public HubSpotClient(URI baseUrl, AccessTokens tokens, HttpClient http, HubSpotRateLimiter limiter,
                         RetryPolicy retryPolicy, SyncClock clock) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.http = http;
        this.limiter = limiter;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
    }

    /** Calls, 429s and retries of this client so far. */
    public ApiCallCounters counters() {
        return counters;
    }

    /** Every object of a type through the list endpoint, page by page, from {@link ListQuery#after()}. */
    public Iterator<ObjectPage> list(ListQuery query) {
        String path = "/crm/v3/objects/" + query.type().apiName() + "?limit=" + LIST_PAGE_SIZE
                + commaSeparated("properties", query.properties())
                + commaSeparated("associations", query.associations())
                + "&archived=" + query.archived();
        return new Pages(query.after(), after -> objectPage(get(pathWithAfter(path, after))));
    }

    /**
     * Objects modified since {@link SearchQuery#modifiedSince()}, in ascending (last-modified, id) order, each version
     * of an object once. Past HubSpot's 10,000-result cap of one query, the query restarts strictly after the last
     * (last-modified, id) seen, so that a run of many objects sharing one modified time still makes progress.
     * The returned pages carry no resumable token: resume from the last delivered object's position.
     */
    public Iterator<ObjectPage> search(SearchQuery query) {
        return new SearchPages(query);
    }

    /** The current state of objects by id (webhook events carry only ids); ids HubSpot does not know are left out. */
    public List<JsonNode> batchRead(HubSpotObjectType type, Collection<String> ids, List<String> properties) {
        List<JsonNode> objects = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            ObjectNode body = JSON.createObjectNode();
            body.set("properties", JSON.valueToTree(properties));
            body.set("inputs", idInputs(chunk));
            get(post("/crm/v3/objects/" + type.apiName() + "/batch/read", body), Budget.STANDARD)
                    .path("results").forEach(objects::add);
        }
        return objects;
    }

    /**
     * Associated ids per object id through the v4 associations API, for objects read by search or batch read,
     * which come without associations. Objects without associations are missing from the map.
     */
    public Map<String, List<String>> associations(HubSpotObjectType from, HubSpotObjectType to,
                                                  Collection<String> ids) {
        Map<String, List<String>> associated = new LinkedHashMap<>();
        for (List<String> chunk : chunks(ids)) {
            ObjectNode body = JSON.createObjectNode();
            body.set("inputs", idInputs(chunk));
            String path = "/crm/v4/associations/" + from.apiName() + "/" + to.apiName() + "/batch/read";
            for (JsonNode result : get(post(path, body), Budget.STANDARD).path("results")) {
                List<String> targets = associated.computeIfAbsent(result.path("from").path("id").asText(),
                        id -> new ArrayList<>());
                result.path("to").forEach(target -> targets.add(target.path("toObjectId").asText()));
            }
        }
        return associated;
    }

    /** The portal's owners (sales reps), active or archived ones, page by page. */
    public Iterator<ObjectPage> owners(boolean archived) {
        String path = "/crm/v3/owners?limit=" + LIST_PAGE_SIZE + "&archived=" + archived;
        return new Pages(null, after -> objectPage(get(pathWithAfter(path, after))));
    }

    /** The portal's company currency (ISO 4217) from its account details, when the portal names one. */
    public Optional<String> companyCurrency() {
        String currency = get("/account-info/v3/details").path("companyCurrency").asText("");
        return currency.isBlank() ? Optional.empty() : Optional.of(currency);
    }

    /** The deal pipelines with their stages; stage metadata arrives as strings and is read here. */
    public List<DealPipeline> dealPipelines() {
        List<DealPipeline> pipelines = new ArrayList<>();
        for (JsonNode pipeline : get("/crm/v3/pipelines/deals").path("results")) {
            List<DealPipeline.Stage> stages = new ArrayList<>();
            for (JsonNode stage : pipeline.path("stages")) {
                JsonNode metadata = stage.path("metadata");
                String probability = metadata.path("probability").asText("");
                try {
                    String id = stage.path("id").asText();
                    boolean closed = Boolean.parseBoolean(metadata.path("isClosed").asText());
                    // A closed stage without a probability is won only as HubSpot's built-in closedwon.
                    Boolean won = closed && probability.isBlank() ? "closedwon".equals(id) : null;
                    stages.add(new DealPipeline.Stage(id, stage.path("label").asText(), closed, won,
                            probability.isBlank() ? null : Double.valueOf(probability)));
                } catch (NumberFormatException unreadable) {
                    throw new HubSpotException("pipeline " + pipeline.path("id").asText() + " stage "
                            + stage.path("id").asText() + " has an unreadable probability '" + probability + "'",
                            200, null, null, unreadable);
                }
            }
            pipelines.add(new DealPipeline(pipeline.path("id").asText(), pipeline.path("label").asText(), stages));
        }
        return pipelines;
    }

    private JsonNode get(String pathAndQuery) {
        return get(request(pathAndQuery).GET().build(), Budget.STANDARD);
    }

    private HttpRequest post(String path, JsonNode body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery)).timeout(retryPolicy.attemptTimeout())
                .header("Accept", "application/json");
    }

    /** Sends a request until it succeeds or its fault allows no more attempts, and returns the JSON body. */
    private JsonNode get(HttpRequest request, Budget budget) {
        String call = request.method() + " " + request.uri().getPath();
        String token = tokens.current();
        boolean refreshed = false;
        int faults = 0;
        int rateLimits = 0;
        try {
            while (true) {
                limiter.acquire(budget);
                counters.callSent();
                HttpResponse<String> response;
                try {
                    response = http.send(withToken(request, token), HttpResponse.BodyHandlers.ofString());
                } catch (IOException noResponse) {
                    faults = retryAfterFault(faults, call, new HubSpotException(call + ": no response: " + noResponse,
                            0, null, null, noResponse));
                    continue;
                }
                limiter.onResponse(budget, response.headers());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(response.body(), call);
                }
                HubSpotError error = HubSpotError.parse(status, response.body(), JSON);
                if (status == 401) {
                    if (refreshed) {
                        throw new ReauthorizationRequired(call + ": HubSpot refused a freshly refreshed token: "
                                + error.message(), status, error.category(), error.correlationId());
                    }
                    token = tokens.refresh();
                    refreshed = true;
                    counters.retry();
                } else if (status == 429) {
                    rateLimits = waitOutRateLimit(rateLimits, call, error, response.headers());
                } else if (status >= 500) {
                    faults = retryAfterFault(faults, call, new HubSpotException(call, error));
                } else if (status == 403 && HubSpotError.MISSING_SCOPES.equals(error.category())) {
                    throw new MissingScope(call, error);
                } else {
                    throw new HubSpotException(call, error);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new HubSpotException(call + ": interrupted", 0, null, null, interrupted);
        }
    }

    private static HttpRequest withToken(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token)
                .build();
    }

    private int retryAfterFault(int faults, String call, HubSpotException fault) throws InterruptedException {
        int failed = faults + 1;
        if (failed >= retryPolicy.maxAttempts()) {
            throw fault;
        }
        counters.retry();
        clock.sleep(retryPolicy.backoff(failed));
        return failed;
    }

    private int waitOutRateLimit(int rateLimits, String call, HubSpotError error, HttpHeaders headers)
            throws InterruptedException {
        counters.rateLimitedResponse();
        if (HubSpotError.DAILY_POLICY.equals(error.policyName())) {
            throw new DailyLimitReached(call, error);
        }
        int hits = rateLimits + 1;
        if (hits >= retryPolicy.maxAttempts()) {
            throw new HubSpotException(call + " (rate limited " + hits + " times)", error);
        }
        counters.retry();
        // HubSpot often omits Retry-After on 429s; the backoff then doubles so that we do not hammer in a loop.
        clock.sleep(RetryPolicy.retryAfter(headers, clock.now()).orElseGet(() -> retryPolicy.backoff(hits)));
        return hits;
    }

    private static JsonNode parse(String body, String call) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new HubSpotException(call + ": response is not JSON: " + malformed.getOriginalMessage(), 200, null,
                    null, malformed);
        }
    }

    private static ObjectPage objectPage(JsonNode body) {
        List<JsonNode> results = new ArrayList<>();
        body.path("results").forEach(results::add);
        JsonNode after = body.path("paging").path("next").path("after");
        return new ObjectPage(results, after.isMissingNode() || after.isNull() ? null : after.asText());
    }

    private static String pathWithAfter(String path, String after) {
        return after == null ? path : path + "&after=" + encode(after);
    }

    private static String commaSeparated(String parameter, List<String> values) {
        return values.isEmpty() ? "" : "&" + parameter + "=" + encode(String.join(",", values));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ArrayNode idInputs(List<String> ids) {
        ArrayNode inputs = JSON.createArrayNode();
        ids.forEach(id -> inputs.addObject().put("id", id));
        return inputs;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        List<List<String>> chunks = new ArrayList<>();
        for (int start = 0; start < all.size(); start += BATCH_SIZE) {
            chunks.add(all.subList(start, Math.min(start + BATCH_SIZE, all.size())));
        }
        return chunks;
    }

    /** Pages of a list endpoint, fetched lazily, until HubSpot sends no {@code paging.next.after}. */
    private static final class Pages implements Iterator<ObjectPage> {
        private final Function<String, ObjectPage> fetch;
        private String after;
        private boolean done;

        Pages(String after, Function<String, ObjectPage> fetch) {
            this.after = after;
            this.fetch = fetch;
        }

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public ObjectPage next() {
            if (done) {
                throw new NoSuchElementException();
            }
            ObjectPage page = fetch.apply(after);
            after = page.nextAfter();
            done = after == null;
            return page;
        }
    }

    /** Pages of one incremental search, restarted past the result cap and de-duplicated across restarts. */
    private final class SearchPages implements Iterator<ObjectPage> {
        private final SearchQuery query;
        private final String modifiedProperty;
        private final Set<String> delivered = new HashSet<>();
        private SearchPosition restartAfter;
        private SearchPosition lastSeen;
        private String after;
        private boolean exhausted;
        private ObjectPage ready;

        SearchPages(SearchQuery query) {
            this.query = query;
            this.modifiedProperty = query.type().lastModifiedProperty();
        }

        @Override
        public boolean hasNext() {
            while (ready == null && !exhausted) {
                ready = fetchNext();
            }
            return ready != null;
        }

        @Override
        public ObjectPage next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ObjectPage page = ready;
            ready = null;
            return page;
        }

        /** The next page with something new, or null when this round brought nothing new. */
        private ObjectPage fetchNext() {
            JsonNode body;
            try {
                body = get(post("/crm/v3/objects/" + query.type().apiName() + "/search", requestBody()),
                        Budget.SEARCH);
            } catch (HubSpotException refused) {
                // HubSpot answers 400 when paging past 10,000 results of one query: query again after the last seen.
                boolean capReached = refused.status() == 400 && after != null && lastSeen != null
                        && !lastSeen.equals(restartAfter);
                if (!capReached) {
                    throw refused;
                }
                restartAfter = lastSeen;
                after = null;
                return null;
            }
            ObjectPage page = objectPage(body);
            List<JsonNode> fresh = new ArrayList<>();
            for (JsonNode object : page.results()) {
                Optional<SearchPosition> position = positionOf(object);
                position.filter(seen -> lastSeen == null || seen.compareTo(lastSeen) > 0)
                        .ifPresent(seen -> lastSeen = seen);
                String version = object.path("id").asText() + "@"
                        + position.map(seen -> seen.modifiedAt().toString()).orElse("");
                if (delivered.add(version)) {
                    fresh.add(object);
                }
            }
            after = page.nextAfter();
            exhausted = after == null;
            return fresh.isEmpty() ? null : new ObjectPage(fresh, null);
        }

        private ObjectNode requestBody() {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode groups = body.putArray("filterGroups");
            if (restartAfter == null) {
                filter(groups.addObject().putArray("filters"), modifiedProperty, "GTE",
                        epochMillis(query.modifiedSince()));
            } else {
                String modifiedAt = epochMillis(restartAfter.modifiedAt());
                filter(groups.addObject().putArray("filters"), modifiedProperty, "GT", modifiedAt);
                ArrayNode tie = groups.addObject().putArray("filters");
                filter(tie, modifiedProperty, "EQ", modifiedAt);
                filter(tie, OBJECT_ID, "GT", restartAfter.id());
            }
            ArrayNode sorts = body.putArray("sorts");
            sorts.addObject().put("propertyName", modifiedProperty).put("direction", "ASCENDING");
            sorts.addObject().put("propertyName", OBJECT_ID).put("direction", "ASCENDING");
            Set<String> properties = new LinkedHashSet<>(query.properties());
            properties.add(modifiedProperty);
            body.set("properties", JSON.valueToTree(properties));
            body.put("limit", query.pageSize());
            if (after != null) {
                body.put("after", after);
            }
            return body;
        }

        private Optional<SearchPosition> positionOf(JsonNode object) {
            String id = object.path("id").asText("");
            String modified = object.path("properties").path(modifiedProperty).asText("");
            if (id.isEmpty() || modified.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new SearchPosition(HubSpotValues.instant(modified), id));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty(); // the normaliser rejects the object with the reason
            }
        }
    }

    private static void filter(ArrayNode filters, String property, String operator, String value) {
        filters.addObject().put("propertyName", property).put("operator", operator).put("value", value);
    }

    private static String epochMillis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
