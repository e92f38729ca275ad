package dev.ledgerline.simulator.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.http.Handler;
import dev.ledgerline.simulator.http.HttpProblem;
import dev.ledgerline.simulator.http.Request;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.http.Router;
import dev.ledgerline.simulator.hubspot.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The company's Salesforce part ({@link CrmSplit}) as a Salesforce org's REST API, in the shapes the connector reads:
 * OAuth ({@link SalesforceOAuth}), {@code GET /services/data/vXX.X/sobjects} and {@code …/sobjects/{object}/describe},
 * and SOQL through {@code query} and {@code queryAll} ({@link SoqlQuery}): the selected fields and subqueries,
 * {@code COUNT()}, conditions, order and limit, 2,000 rows per batch with {@code nextRecordsUrl}; {@code query} leaves
 * deleted rows out, {@code queryAll} keeps them with {@code IsDeleted} true. Every data call counts against the org's
 * daily limit of the rolling 24 hours ({@code Sforce-Limit-Info: api-usage=USED/MAX}); over it the org answers
 * {@code 403 REQUEST_LIMIT_EXCEEDED}. Bulk API 2.0 is not served: the connector reads through it only above its
 * bulk threshold (10,000 rows of one object), which the demo company stays below.
 */
public final class SalesforceApi {
    static final String DATA = "/services/data/v62.0";
    static final int BATCH_SIZE = 2000;
    private static final int MAX_OPEN_CURSORS = 100;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * How the org behaves.
     *
     * @param clientId          the connected app's consumer key; null for no app (the org is not served)
     * @param dailyApiLimit     API calls per rolling 24 hours
     * @param sessionLifetime   how long an access token is valid (Salesforce's session timeout)
     */
    public record Settings(String clientId, String clientSecret, int dailyApiLimit, Duration sessionLifetime) {
    }

    private final Company company;
    private final SalesforceRows rows;
    private final Settings settings;
    private final Clock clock;
    private final Credentials credentials;
    private final Deque<Long> calls = new ArrayDeque<>();
    private final Map<String, List<ObjectNode>> cursors = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ObjectNode>> eldest) {
            return size() > MAX_OPEN_CURSORS;
        }
    };
    private final AtomicLong cursorIds = new AtomicLong(1);

    public SalesforceApi(Company company, CrmSplit split, Settings settings, Clock clock) {
        this.company = company;
        this.rows = new SalesforceRows(company, split);
        this.settings = settings;
        this.clock = clock;
        this.credentials = new Credentials(null, new Credentials.OAuthApp(settings.clientId(), settings.clientSecret()),
                settings.sessionLifetime(), clock, "salesforce", SalesforceErrors.SESSION);
    }

    public void routes(Router router) {
        new SalesforceOAuth(credentials).routes(router);
        router.on("GET", "/services/data/v\\d+\\.\\d/sobjects/?", api(request -> describeGlobal()))
                .on("GET", "/services/data/v\\d+\\.\\d/sobjects/([A-Za-z0-9_]+)/describe/?", api(this::describe))
                .on("GET", "/services/data/v\\d+\\.\\d/(query|queryAll)/?", api(this::query))
                .on("GET", "/services/data/v\\d+\\.\\d/(query|queryAll)/(01g[A-Za-z0-9]+-\\d+)", api(this::more));
    }

    /** Authenticates, counts the call against the daily limit, answers under the company's read lock. */
    private Handler api(Handler handler) {
        return request -> {
            credentials.authenticate(request);
            long used = count();
            Response response;
            if (used > settings.dailyApiLimit()) {
                response = SalesforceErrors.error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            } else {
                try {
                    response = company.read(c -> handler.handle(request));
                } catch (HttpProblem problem) {
                    response = problem.response();
                }
            }
            return response.header("Sforce-Limit-Info", "api-usage=" + Math.min(used, settings.dailyApiLimit()) + "/"
                    + settings.dailyApiLimit());
        };
    }

    /** Records a call; answers how many the rolling 24 hours hold, this one included. */
    private synchronized long count() {
        long now = clock.millis();
        long dayAgo = now - Duration.ofDays(1).toMillis();
        while (!calls.isEmpty() && calls.peekFirst() <= dayAgo) {
            calls.pollFirst();
        }
        calls.addLast(now);
        return calls.size();
    }

    private Response describeGlobal() {
        ObjectNode body = JSON.objectNode().put("encoding", "UTF-8").put("maxBatchSize", 200);
        ArrayNode objects = body.putArray("sobjects");
        SalesforceRows.OBJECTS.values().stream().map(SalesforceRows.SObject::name).sorted().forEach(name ->
                objects.addObject().put("name", name).put("label", name).put("queryable", true)
                        .put("retrieveable", true).put("createable", false).put("deletable", false)
                        .put("keyPrefix", SalesforceRows.OBJECTS.get(name).prefix())
                        .putObject("urls").put("sobject", DATA + "/sobjects/" + name)
                        .put("describe", DATA + "/sobjects/" + name + "/describe"));
        return Response.json(200, body);
    }

    private Response describe(Request request) {
        SalesforceRows.SObject object = object(request.path(1));
        ObjectNode body = JSON.objectNode().put("name", object.name()).put("label", object.name())
                .put("keyPrefix", object.prefix()).put("queryable", true);
        ArrayNode fields = body.putArray("fields");
        for (String field : object.fields()) {
            fields.addObject().put("name", field).put("label", field)
                    .put("custom", field.endsWith("__c")).put("calculated", false).put("nillable", !field.equals("Id"));
        }
        ArrayNode children = body.putArray("childRelationships");
        object.children().forEach((relationship, child) -> children.addObject().put("relationshipName", relationship)
                .put("childSObject", child).put("field", object.name().equals("Product2") ? "Product2Id"
                        : "OpportunityId"));
        return Response.json(200, body);
    }

    private SalesforceRows.SObject object(String name) {
        SalesforceRows.SObject object = SalesforceRows.OBJECTS.get(name);
        if (object == null) {
            throw new HttpProblem(SalesforceErrors.error(404, "NOT_FOUND", "The requested resource does not exist"));
        }
        return object;
    }

    /** A SOQL query's first batch; {@code query} hides deleted rows, {@code queryAll} shows them. */
    private Response query(Request request) {
        String soql = request.query("q");
        if (soql == null || soql.isBlank()) {
            throw new HttpProblem(SalesforceErrors.error(400, "MALFORMED_QUERY", "A query string has to be specified"));
        }
        SoqlQuery query;
        try {
            query = SoqlQuery.parse(soql);
        } catch (SoqlQuery.Malformed malformed) {
            throw new HttpProblem(SalesforceErrors.error(400, "MALFORMED_QUERY", malformed.getMessage()));
        }
        List<ObjectNode> matched = new SoqlRun(rows, query, request.path(1).equals("queryAll")).rows();
        if (query.count()) {
            return Response.json(200, JSON.objectNode().put("totalSize", matched.size()).put("done", true)
                    .set("records", JSON.arrayNode()));
        }
        return batch(request.path(1), matched, matched.size());
    }

    /** The next batch of an open query, by its {@code nextRecordsUrl}. */
    private Response more(Request request) {
        List<ObjectNode> rest;
        synchronized (cursors) {
            rest = cursors.remove(request.path(2));
        }
        if (rest == null) {
            throw new HttpProblem(SalesforceErrors.error(400, "INVALID_QUERY_LOCATOR", "invalid query locator"));
        }
        int total = Integer.parseInt(request.path(2).substring(request.path(2).indexOf('-') + 1));
        return batch(request.path(1), rest, total);
    }

    private Response batch(String endpoint, List<ObjectNode> remaining, int total) {
        ObjectNode body = JSON.objectNode().put("totalSize", total);
        List<ObjectNode> now = remaining.subList(0, Math.min(BATCH_SIZE, remaining.size()));
        boolean done = now.size() == remaining.size();
        body.put("done", done);
        if (!done) {
            String locator = SalesforceIds.of("01g", cursorIds.getAndIncrement()).substring(0, 15) + "-" + total;
            synchronized (cursors) {
                cursors.put(locator, new ArrayList<>(remaining.subList(now.size(), remaining.size())));
            }
            body.put("nextRecordsUrl", DATA + "/" + endpoint + "/" + locator);
        }
        body.putArray("records").addAll(now);
        return Response.json(200, body);
    }
}
