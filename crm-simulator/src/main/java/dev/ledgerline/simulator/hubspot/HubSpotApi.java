package dev.ledgerline.simulator.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.DealStage;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.Owner;
import dev.ledgerline.simulator.http.Handler;
import dev.ledgerline.simulator.http.HttpProblem;
import dev.ledgerline.simulator.http.Request;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.http.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/**
 * The company as a HubSpot portal serves it over CRM v3 (and v4 associations): account details, the deal pipeline,
 * owners, object lists, search, batch reads and associations, behind HubSpot's bearer authentication (a private-app
 * token or the OAuth app's access tokens) and its rate limits. The calls and shapes are those of HubSpot's public API
 * that the connectors read. It holds the company's HubSpot part ({@link CrmSplit}): records kept only in Salesforce are
 * not found, listed, searched or associated.
 */
public final class HubSpotApi {
    static final int LIST_DEFAULT_LIMIT = 10;
    static final int LIST_MAX_LIMIT = 100;
    static final int BATCH_MAX_INPUTS = 100;
    static final int ASSOCIATIONS_MAX_INPUTS = 1000;
    static final int OWNERS_MAX_LIMIT = 500;

    /**
     * How the portal behaves.
     *
     * @param privateAppToken the private app's token; null for none
     * @param clientId        the OAuth app's client id; null for no OAuth app
     * @param clientSecret    the OAuth app's client secret (signs webhooks too)
     * @param searchLag       how long a change takes to show up in search, which HubSpot indexes late
     */
    public record Settings(int portalId, String privateAppToken, String clientId, String clientSecret,
            Duration accessTokenLifetime, int perTenSeconds, int perSecond, int searchesPerSecond,
            Duration searchLag) {
        public Settings {
            if ((clientId == null) != (clientSecret == null)) {
                throw new IllegalArgumentException("an OAuth app needs both a client id and a client secret");
            }
            if (privateAppToken == null && clientId == null) {
                throw new IllegalArgumentException("give a private-app token or an OAuth app, or both");
            }
        }
    }

    private final Company company;
    private final CrmSplit split;
    private final Settings settings;
    private final Clock clock;
    private final Credentials credentials;
    private final RateLimits limits;

    public HubSpotApi(Company company, Settings settings, Clock clock) {
        this(company, new CrmSplit(company.seed(), 0), settings, clock);
    }

    /** The portal of the company's HubSpot part, as {@code split} divides it. */
    public HubSpotApi(Company company, CrmSplit split, Settings settings, Clock clock) {
        this.company = company;
        this.split = split;
        this.settings = settings;
        this.clock = clock;
        this.credentials = new Credentials(settings.privateAppToken(),
                settings.clientId() == null ? null : new Credentials.OAuthApp(settings.clientId(),
                        settings.clientSecret()), settings.accessTokenLifetime(), clock);
        this.limits = new RateLimits(new RateLimits.Limits(settings.perTenSeconds(), settings.perSecond(),
                settings.searchesPerSecond()));
    }

    public void routes(Router router) {
        new OAuthEndpoints(credentials, settings.portalId()).routes(router);
        router.on("GET", "/account-info/v3/details", api(false, this::accountDetails))
                .on("GET", "/crm/v3/pipelines/deals", api(false, request -> Response.json(200, pipelines())))
                .on("GET", "/crm/v3/owners/?", api(false, this::owners))
                .on("GET", "/crm/v3/objects/([a-z_]+)/?", api(false, this::list))
                .on("GET", "/crm/v3/objects/([a-z_]+)/(\\d+)", api(false, this::read))
                .on("POST", "/crm/v3/objects/([a-z_]+)/search", api(true, this::search))
                .on("POST", "/crm/v3/objects/([a-z_]+)/batch/read", api(false, this::batchRead))
                .on("POST", "/crm/v4/associations/([a-z_]+)/([a-z_]+)/batch/read", api(false, this::associations));
    }

    /** Authenticates the caller and draws on its budget; the answer carries the budget's headers. */
    private Handler api(boolean search, Handler handler) {
        return request -> {
            Credentials.Caller caller = credentials.authenticate(request);
            long now = clock.millis();
            RateLimits.Outcome outcome = search ? limits.search(caller.budget(), now)
                    : limits.call(caller.budget(), now);
            Response response;
            if (!outcome.admitted()) {
                String policy = outcome.refusedBy();
                ObjectNode body = HubSpotErrors.body("RATE_LIMITS", "You have reached your "
                        + (policy.equals(RateLimits.SECONDLY) ? "secondly" : "ten_secondly_rolling") + " limit.");
                body.put("errorType", "RATE_LIMIT").put("policyName", policy);
                response = Response.json(429, body);
            } else {
                try {
                    response = company.read(c -> handler.handle(request));
                } catch (HttpProblem problem) {
                    response = problem.response();
                }
            }
            outcome.headers().forEach(response::header);
            return response;
        };
    }

    /** Whether the record is in the portal rather than in the company's Salesforce part. */
    private boolean held(HubSpotObjectType type, Entity entity) {
        return split.holds(company, CrmSplit.Crm.HUBSPOT, type.kind(), entity);
    }

    private Response accountDetails(Request request) {
        ArrayNode currencies = JsonNodeFactory.instance.arrayNode().add("EUR").add("GBP");
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("portalId", settings.portalId())
                .put("accountType", "STANDARD").put("timeZone", "UTC")
                .put("companyCurrency", Company.HOME_CURRENCY);
        details.set("additionalCurrencies", currencies);
        details.put("utcOffset", "+00:00").put("utcOffsetMilliseconds", 0).put("uiDomain", "app.hubspot.com")
                .put("dataHostingLocation", "na1");
        return Response.json(200, details);
    }

    /** The default deal pipeline; stage metadata are strings, as HubSpot sends them. */
    static ObjectNode pipelines() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode pipeline = body.putArray("results").addObject().put("id", Pipelines.DEAL_PIPELINE)
                .put("label", Pipelines.DEAL_PIPELINE_LABEL).put("displayOrder", 0)
                .put("createdAt", Pipelines.CREATED).put("updatedAt", Pipelines.CREATED).put("archived", false);
        ArrayNode stages = pipeline.putArray("stages");
        for (DealStage stage : DealStage.values()) {
            ObjectNode node = stages.addObject().put("id", Pipelines.stageId(stage)).put("label",
                            Pipelines.label(stage)).put("displayOrder", stage.ordinal())
                    .put("createdAt", Pipelines.CREATED).put("updatedAt", Pipelines.CREATED).put("archived", false);
            node.putObject("metadata").put("isClosed", String.valueOf(stage.closed()))
                    .put("probability", String.valueOf(stage.probability()));
        }
        return body;
    }

    private Response owners(Request request) {
        boolean archived = "true".equals(request.query("archived"));
        int limit = limit(request, OWNERS_MAX_LIMIT, LIST_MAX_LIMIT);
        String email = request.query("email");
        NavigableMap<Long, Owner> owners = company.<Owner>all(Kind.OWNER).tailMap(after(request), true);
        List<ObjectNode> page = new ArrayList<>();
        Long next = null;
        for (Owner owner : owners.values()) {
            if (owner.archived() != archived || email != null && !email.equalsIgnoreCase(owner.email())) {
                continue;
            }
            if (page.size() == limit) {
                next = owner.id();
                break;
            }
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", String.valueOf(owner.id()))
                    .put("email", owner.email()).put("type", "PERSON").put("firstName", owner.firstName())
                    .put("lastName", owner.lastName()).put("userId", owner.userId())
                    .put("userIdIncludingInactive", owner.userId())
                    .put("createdAt", HubSpotProperties.text(owner.createdAt()))
                    .put("updatedAt", HubSpotProperties.text(owner.modifiedAt())).put("archived", owner.archived());
            node.putArray("teams").addObject().put("id", String.valueOf(owner.team().id()))
                    .put("name", owner.team().name()).put("primary", true);
            page.add(node);
        }
        return Response.json(200, page(page, next, request));
    }

    /** A list read: records in id order from {@code after}, live or archived ones. */
    private Response list(Request request) {
        HubSpotObjectType type = type(request.path(1));
        boolean archived = "true".equals(request.query("archived"));
        int limit = limit(request, LIST_MAX_LIMIT, LIST_DEFAULT_LIMIT);
        HubSpotObjects.Selection selection = new HubSpotObjects.Selection(request.queryList("properties"),
                request.queryList("associations").stream().map(HubSpotObjectType::of).flatMap(Optional::stream)
                        .toList());
        List<ObjectNode> page = new ArrayList<>();
        Long next = null;
        for (Entity entity : company.all(type.kind()).tailMap(after(request), true).values()) {
            if (entity.archived() != archived || !held(type, entity)) {
                continue;
            }
            if (page.size() == limit) {
                next = entity.id();
                break;
            }
            page.add(HubSpotObjects.render(company, split, type, entity, selection));
        }
        return Response.json(200, page(page, next, request));
    }

    private Response read(Request request) {
        HubSpotObjectType type = type(request.path(1));
        Entity entity = company.get(type.kind(), Long.parseLong(request.path(2)));
        if (entity == null || entity.archived() != "true".equals(request.query("archived")) || !held(type, entity)) {
            throw HubSpotErrors.notFound("Object not found.  objectId are usually numeric.");
        }
        return Response.json(200, HubSpotObjects.render(company, split, type, entity, new HubSpotObjects.Selection(
                request.queryList("properties"), request.queryList("associations").stream()
                        .map(HubSpotObjectType::of).flatMap(Optional::stream).toList())));
    }

    /**
     * Search: live records already indexed (modified at least the search lag ago), filtered, sorted, counted and
     * paged by offset; no associations and no rate-limit headers, as HubSpot answers search.
     */
    private Response search(Request request) {
        HubSpotObjectType type = type(request.path(1));
        SearchQuery query = SearchQuery.parse(request.json());
        Instant indexedUntil = clock.instant().minus(settings.searchLag());
        List<SearchQuery.SortKey> matches = new ArrayList<>();
        for (Entity entity : company.all(type.kind()).values()) {
            if (!entity.archived() && !entity.modifiedAt().isAfter(indexedUntil) && held(type, entity)) {
                Map<String, String> properties = HubSpotProperties.of(company, type, entity);
                if (query.matches(properties)) {
                    matches.add(query.sortKey(properties));
                }
            }
        }
        matches.sort(query.order());
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("total", matches.size());
        ArrayNode results = body.putArray("results");
        int end = Math.min(matches.size(), query.after() + query.limit());
        HubSpotObjects.Selection selection = HubSpotObjects.Selection.properties(query.properties());
        for (SearchQuery.SortKey match : matches.subList(Math.min(query.after(), end), end)) {
            results.add(HubSpotObjects.render(company, split, type, company.get(type.kind(), match.id()), selection));
        }
        if (end < matches.size()) {
            body.putObject("paging").putObject("next").put("after", String.valueOf(end));
        }
        return Response.json(200, body);
    }

    private Response batchRead(Request request) {
        HubSpotObjectType type = type(request.path(1));
        JsonNode body = request.json();
        String idProperty = body.path("idProperty").asText("hs_object_id");
        if (!idProperty.equals("hs_object_id")) {
            throw HubSpotErrors.invalid("idProperty " + idProperty + " is not a unique property of " + type.apiName());
        }
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(property -> properties.add(property.asText()));
        Set<String> ids = inputs(body, BATCH_MAX_INPUTS);
        boolean archived = "true".equals(request.query("archived"));
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("status", "COMPLETE");
        ArrayNode results = answer.putArray("results");
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Entity entity = id.matches("\\d{1,18}") ? company.get(type.kind(), Long.parseLong(id)) : null;
            if (entity == null || entity.archived() != archived || !held(type, entity)) {
                missing.add(id);
            } else {
                results.add(HubSpotObjects.render(company, split, type, entity,
                        HubSpotObjects.Selection.properties(properties)));
            }
        }
        if (!missing.isEmpty()) {
            ObjectNode error = answer.put("numErrors", 1).putArray("errors").addObject().put("status", "error")
                    .put("category", HubSpotErrors.OBJECT_NOT_FOUND)
                    .put("message", "Could not get some " + type.singular().toUpperCase() + " objects, they may be "
                            + "deleted or not exist. Check that ids are valid.");
            ArrayNode context = error.putObject("context").putArray("ids");
            missing.forEach(context::add);
        }
        return timed(answer, missing.isEmpty() ? 200 : 207);
    }

    /** v4 associations of a batch of records with one other type; records without any are errors (207). */
    private Response associations(Request request) {
        HubSpotObjectType from = type(request.path(1));
        HubSpotObjectType to = type(request.path(2));
        Set<String> ids = inputs(request.json(), ASSOCIATIONS_MAX_INPUTS);
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("status", "COMPLETE");
        ArrayNode results = answer.putArray("results");
        List<String> without = new ArrayList<>();
        for (String id : ids) {
            Entity entity = id.matches("\\d{1,18}") ? company.get(from.kind(), Long.parseLong(id)) : null;
            List<Long> targets = entity == null || entity.archived() || !held(from, entity) ? List.of()
                    : Associations.of(company, split, from, entity, to);
            if (targets.isEmpty()) {
                without.add(id);
                continue;
            }
            ObjectNode result = results.addObject();
            result.putObject("from").put("id", id);
            ArrayNode associated = result.putArray("to");
            for (long target : targets) {
                ObjectNode node = associated.addObject().put("toObjectId", target);
                node.putArray("associationTypes").addObject().put("category", "HUBSPOT_DEFINED")
                        .put("typeId", Associations.typeId(from, to)).putNull("label");
            }
        }
        if (!without.isEmpty()) {
            ArrayNode errors = answer.put("numErrors", without.size()).putArray("errors");
            for (String id : without) {
                errors.addObject().put("status", "error").put("category", "OBJECT_NOT_FOUND")
                        .put("subCategory", "crm.associations.NO_ASSOCIATIONS_FOUND")
                        .put("message", "No " + to.singular() + " is associated with " + from.singular() + " " + id
                                + ".").putObject("context").putArray("fromObjectId").add(id);
            }
        }
        return timed(answer, without.isEmpty() ? 200 : 207);
    }

    private Response timed(ObjectNode answer, int status) {
        String now = HubSpotProperties.text(clock.instant());
        return Response.json(status, answer.put("startedAt", now).put("completedAt", now));
    }

    private static Set<String> inputs(JsonNode body, int max) {
        Set<String> ids = new LinkedHashSet<>();
        body.path("inputs").forEach(input -> ids.add(input.path("id").asText()));
        if (ids.size() > max) {
            throw HubSpotErrors.invalid("Too many inputs: " + ids.size() + " > " + max);
        }
        return ids;
    }

    private static HubSpotObjectType type(String name) {
        return HubSpotObjectType.of(name).orElseThrow(() -> HubSpotErrors.invalid(
                "Unable to infer object type from: " + name));
    }

    private static int limit(Request request, int max, int defaultLimit) {
        String limit = request.query("limit");
        try {
            return limit == null ? defaultLimit : Math.max(1, Math.min(max, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            throw HubSpotErrors.invalid("limit is not a number: " + limit);
        }
    }

    /** The list paging token: the id to continue from. */
    private static long after(Request request) {
        String after = request.query("after");
        try {
            return after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw HubSpotErrors.invalid("after is not a paging token of this list: " + after);
        }
    }

    private static ObjectNode page(List<ObjectNode> results, Long next, Request request) {
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.putArray("results").addAll(results);
        if (next != null) {
            String query = request.uri().getRawQuery() == null ? "" : request.uri().getRawQuery()
                    .replaceAll("(^|&)after=[^&]*", "");
            String link = request.baseUrl() + request.uri().getRawPath() + "?" + (query.isEmpty() ? ""
                    : query.replaceFirst("^&", "") + "&") + "after=" + URLEncoder.encode(String.valueOf(next),
                    StandardCharsets.UTF_8);
            page.putObject("paging").putObject("next").put("after", String.valueOf(next)).put("link", link);
        }
        return page;
    }
}
