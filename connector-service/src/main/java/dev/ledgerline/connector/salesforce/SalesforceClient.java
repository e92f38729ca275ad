package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.oauth.AccessTokens;
import dev.ledgerline.connector.sync.ApiCallCounters;
import dev.ledgerline.connector.sync.ConnectionPaused;
import dev.ledgerline.connector.sync.CredentialsRejected;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The Salesforce REST API of one org (its {@code instance_url}), every call counted against the run's
 * {@link ApiBudget} and guarded by the {@link RetryPolicy}:
 * <ul>
 *   <li>401 ({@code INVALID_SESSION_ID}: Salesforce tokens carry no lifetime): the token is refreshed once and the
 *   call repeated; a second 401 means consent is gone ({@link CredentialsRejected}).</li>
 *   <li>403 {@code REQUEST_LIMIT_EXCEEDED}: the org's daily limit is spent; waiting seconds cannot help, so the
 *   connection pauses ({@link ConnectionPaused}) without another call.</li>
 *   <li>429, 5xx, {@code QUERY_TIMEOUT}, timeouts and connection failures: retried with backoff (Retry-After
 *   honoured) up to the policy's attempts.</li>
 *   <li>Other errors: {@link SalesforceException} with Salesforce's error code.</li>
 * </ul>
 * SOQL goes through {@code queryAll}, so that deleted and merged rows arrive too; pages follow
 * {@code nextRecordsUrl}. Bulk API 2.0 query jobs serve large full reads (see {@link BulkQuery}).
 */
public final class SalesforceClient {
    /** The REST API version every path uses (Winter '25). */
    public static final String API_VERSION = "v62.0";
    static final String DATA = "/services/data/" + API_VERSION;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI instanceUrl;
    private final AccessTokens tokens;
    private final HttpClient http;
    private final RetryPolicy retryPolicy;
    private final SyncClock clock;
    private final ApiBudget budget;
    private final Duration limitPause;
    private final ApiCallCounters counters = new ApiCallCounters();

    /**
     * @param limitPause how long the connection pauses once Salesforce answers {@code REQUEST_LIMIT_EXCEEDED}
     */
    public SalesforceClient(URI instanceUrl, AccessTokens tokens, HttpClient http, RetryPolicy retryPolicy,
            SyncClock clock, ApiBudget budget, Duration limitPause) {
        this.instanceUrl = instanceUrl;
        this.tokens = tokens;
        this.http = http;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.budget = budget;
        this.limitPause = limitPause;
    }

    public ApiCallCounters counters() {
        return counters;
    }

    /** One page of a query: its records as Salesforce sent them, and how many the whole query matches. */
    public record QueryPage(List<ObjectNode> records, long totalSize) {
    }

    /** The pages of a SOQL query through {@code queryAll} (deleted rows included), fetched lazily. */
    public Iterator<QueryPage> queryAll(String soql) {
        return new QueryPages(DATA + "/queryAll?q=" + encode(soql));
    }

    /** Every record of a small query (metadata), through {@code query}: what is deleted is gone. */
    public List<ObjectNode> query(String soql) {
        List<ObjectNode> records = new ArrayList<>();
        new QueryPages(DATA + "/query?q=" + encode(soql)).forEachRemaining(page -> records.addAll(page.records()));
        return records;
    }

    /** How many rows a {@code SELECT COUNT() FROM …} matches, deleted ones included. */
    public long count(String soql) {
        return new QueryPages(DATA + "/queryAll?q=" + encode(soql)).next().totalSize();
    }

    /** The org's objects ({@code GET /sobjects}): each with {@code name} and {@code queryable}. */
    public JsonNode describeGlobal() {
        return json(get(DATA + "/sobjects"), "GET /sobjects");
    }

    /** An object's fields and child relationships ({@code GET /sobjects/{object}/describe}). */
    public JsonNode describe(String object) {
        return json(get(DATA + "/sobjects/" + object + "/describe"), "GET /sobjects/" + object + "/describe");
    }

    /** Creates a Bulk API 2.0 query job and answers its info ({@code id}, {@code state} …). */
    JsonNode createQueryJob(String soql) {
        ObjectNode body = JSON.createObjectNode().put("operation", "queryAll").put("query", soql)
                .put("contentType", "CSV").put("columnDelimiter", "COMMA").put("lineEnding", "LF");
        HttpRequest request = request(DATA + "/jobs/query", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return json(send(request, true), "POST /jobs/query");
    }

    /** A query job's info. */
    JsonNode queryJob(String jobId) {
        return json(get(DATA + "/jobs/query/" + jobId), "GET /jobs/query/" + jobId);
    }

    /** One set of a completed job's CSV results, from {@code locator} (null: the first set). */
    HttpResponse<String> queryJobResults(String jobId, String locator, int maxRecords) {
        String path = DATA + "/jobs/query/" + jobId + "/results?maxRecords=" + maxRecords
                + (locator == null ? "" : "&locator=" + encode(locator));
        return send(request(path, "text/csv").GET().build(), true);
    }

    /**
     * Deletes a query job and its results. Sent even when the run's budget is spent: a job left behind keeps its
     * results stored at Salesforce.
     */
    void deleteQueryJob(String jobId) {
        send(request(DATA + "/jobs/query/" + jobId, "application/json").DELETE().build(), false);
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery, "application/json").GET().build(), true);
    }

    private HttpRequest.Builder request(String pathAndQuery, String accept) {
        return HttpRequest.newBuilder(instanceUrl.resolve(pathAndQuery)).timeout(retryPolicy.attemptTimeout())
                .header("Accept", accept);
    }

    /**
     * Sends a request until it succeeds or its fault allows no more attempts.
     *
     * @param budgeted whether the run's API budget may refuse it
     */
    private HttpResponse<String> send(HttpRequest request, boolean budgeted) {
        String call = request.method() + " " + request.uri().getRawPath();
        String token = tokens.current();
        boolean refreshed = false;
        int faults = 0;
        try {
            while (true) {
                if (budgeted) {
                    budget.beforeCall();
                }
                counters.callSent();
                HttpResponse<String> response;
                try {
                    response = http.send(withToken(request, token), HttpResponse.BodyHandlers.ofString());
                } catch (IOException noResponse) {
                    faults = retryAfterFault(faults, null, new SalesforceException(call + ": no response: " + noResponse,
                            0, null, noResponse));
                    continue;
                }
                budget.observe(response.headers());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                SalesforceError error = SalesforceError.parse(status, response.body(), JSON);
                if (status == 401) {
                    if (refreshed) {
                        throw new CredentialsRejected(call + ": Salesforce refused a freshly refreshed token: "
                                + error.errorCode() + " " + error.message(), null);
                    }
                    token = tokens.refresh();
                    refreshed = true;
                    counters.retry();
                } else if (status == 403 && SalesforceError.REQUEST_LIMIT_EXCEEDED.equals(error.errorCode())) {
                    throw new ConnectionPaused("Salesforce's daily API limit is exhausted (" + call + ": "
                            + error.errorCode() + " " + error.message() + ")", clock.now().plus(limitPause));
                } else if (status == 429 || status >= 500
                        || (status == 400 && SalesforceError.QUERY_TIMEOUT.equals(error.errorCode()))) {
                    if (status == 429) {
                        counters.rateLimitedResponse();
                    }
                    faults = retryAfterFault(faults, response.headers(), new SalesforceException(call, error));
                } else {
                    throw new SalesforceException(call, error);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SalesforceException(call + ": interrupted", 0, null, interrupted);
        }
    }

    private static HttpRequest withToken(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token)
                .build();
    }

    private int retryAfterFault(int faults, HttpHeaders headers, SalesforceException fault) throws InterruptedException {
        int failed = faults + 1;
        if (failed >= retryPolicy.maxAttempts()) {
            throw fault;
        }
        counters.retry();
        Optional<Duration> asked = headers == null ? Optional.empty() : RetryPolicy.retryAfter(headers, clock.now());
        clock.sleep(asked.orElseGet(() -> retryPolicy.backoff(failed)));
        return failed;
    }

    private static JsonNode json(HttpResponse<String> response, String call) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException malformed) {
            throw new SalesforceException(call + ": response is not JSON: " + malformed.getOriginalMessage(),
                    response.statusCode(), null, malformed);
        }
    }

    /** A query parameter value, spaces as {@code %20} (Salesforce reads {@code +} too, not every proxy does). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The pages of one query, until Salesforce answers {@code done}. */
    private final class QueryPages implements Iterator<QueryPage> {
        private String next;

        QueryPages(String first) {
            this.next = first;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public QueryPage next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            String path = next;
            JsonNode body = json(get(path), "GET " + path.replaceAll("\\?.*", ""));
            List<ObjectNode> records = new ArrayList<>();
            body.path("records").forEach(record -> records.add((ObjectNode) record));
            String more = body.path("nextRecordsUrl").asText("");
            next = body.path("done").asBoolean(true) || more.isBlank() ? null : more;
            return new QueryPage(records, body.path("totalSize").asLong(records.size()));
        }
    }

    /** For {@link BulkQuery}: waits on the run's clock. */
    void sleep(Duration duration) {
        try {
            clock.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceException("interrupted while waiting for a Bulk API job", 0, null, e);
        }
    }
}
