package dev.ledgerline.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HubSpot portal behind WireMock, answering the CRM v3 calls a sync makes with payloads shaped like
 * HubSpot's: private-app bearer token, rate-limit headers, list pages with {@code paging.next.after}, only the
 * requested properties (null when empty, as HubSpot sends them), inline associations, and HubSpot's error bodies.
 * Its deals are generated from a seed, so a test can compute the KPIs they must give.
 */
final class HubSpotPortal implements ResponseDefinitionTransformerV2 {
    static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OBJECTS = Pattern.compile("/crm/v3/objects/([a-z_]+)");
    private static final Pattern SEARCH = Pattern.compile("/crm/v3/objects/([a-z_]+)/search");
    private static final Pattern BATCH_READ = Pattern.compile("/crm/v3/objects/([a-z_]+)/batch/read");
    /** Properties HubSpot returns whether asked or not. */
    private static final Set<String> DEFAULT_PROPERTIES = Set.of("createdate", "hs_lastmodifieddate",
            "lastmodifieddate", "hs_object_id");

    /** HubSpot's default deal pipeline: id, label, closed, probability. */
    private static final List<Stage> STAGES = List.of(
            new Stage("appointmentscheduled", "Appointment Scheduled", false, "0.2"),
            new Stage("qualifiedtobuy", "Qualified To Buy", false, "0.4"),
            new Stage("presentationscheduled", "Presentation Scheduled", false, "0.6"),
            new Stage("decisionmakerboughtin", "Decision Maker Bought-In", false, "0.8"),
            new Stage("contractsent", "Contract Sent", false, "0.9"),
            new Stage("closedwon", "Closed Won", true, "1.0"),
            new Stage("closedlost", "Closed Lost", true, "0.0"));

    record Stage(String id, String label, boolean closed, String probability) {
    }

    /** One generated deal, as the portal serves it. */
    record Deal(String id, String name, BigDecimal amount, Stage stage, Instant createdAt, Instant closeDate,
            Instant modifiedAt, String ownerId, String contactId, String companyId) {
        boolean won() {
            return stage.id().equals("closedwon");
        }

        boolean lost() {
            return stage.id().equals("closedlost");
        }
    }

    private final List<ObjectNode> owners = new ArrayList<>();
    private final Map<String, List<ObjectNode>> objects = new LinkedHashMap<>();
    private final List<Deal> deals = new ArrayList<>();

    private HubSpotPortal() {
    }

    /**
     * Three owners, companies with a contact each, and {@code dealCount} deals created over the last 500 days: about
     * half open, the rest won or lost, some without an amount, some closed more than a year ago.
     */
    static HubSpotPortal generate(long seed, int dealCount, Instant now) {
        Random random = new Random(seed);
        HubSpotPortal portal = new HubSpotPortal();
        String[][] people = {{"Dana", "Reyes"}, {"Ken", "Okafor"}, {"Lea", "Novak"}};
        for (int i = 0; i < people.length; i++) {
            ObjectNode owner = JSON.createObjectNode().put("id", String.valueOf(41629770 + i))
                    .put("email", people[i][0].toLowerCase() + "." + people[i][1].toLowerCase() + "@example.com")
                    .put("type", "PERSON").put("firstName", people[i][0]).put("lastName", people[i][1])
                    .put("userId", 9586500 + i).put("userIdIncludingInactive", 9586500 + i)
                    .put("createdAt", "2021-01-04T09:00:00.000Z").put("updatedAt", "2024-01-08T09:12:44.001Z")
                    .put("archived", false);
            owner.putArray("teams").addObject().put("id", "368389").put("name", "Inbound").put("primary", true);
            portal.owners.add(owner);
        }
        int companies = Math.max(1, dealCount / 3);
        List<ObjectNode> companyObjects = new ArrayList<>();
        List<ObjectNode> contactObjects = new ArrayList<>();
        for (int i = 0; i < companies; i++) {
            String companyId = String.valueOf(7000 + i);
            String contactId = String.valueOf(5000 + i);
            Instant created = now.minus(600 + random.nextInt(300), ChronoUnit.DAYS);
            companyObjects.add(object(companyId, created, created.plus(Duration.ofDays(30)), "hs_lastmodifieddate",
                    Map.of("name", "Company " + i + " GmbH", "domain", "company" + i + ".example",
                            "country", "Germany", "city", "Berlin"),
                    Map.of("contacts", List.of(contactId))));
            contactObjects.add(object(contactId, created, created.plus(Duration.ofDays(31)), "lastmodifieddate",
                    Map.of("firstname", "Person", "lastname", "Number " + i, "email", "person" + i + "@company" + i
                            + ".example", "phone", "+49 30 1234" + (100 + i), "associatedcompanyid", companyId),
                    Map.of("companies", List.of(companyId))));
        }
        List<ObjectNode> dealObjects = new ArrayList<>();
        for (int i = 0; i < dealCount; i++) {
            Instant created = now.minus(Duration.ofMinutes(60L * 24 * 500 * (i + 1) / (dealCount + 1)))
                    .truncatedTo(ChronoUnit.SECONDS);
            Stage stage = STAGES.get(random.nextInt(10) < 5 ? random.nextInt(5) : 5 + random.nextInt(2));
            Instant closeDate = stage.closed()
                    ? created.plus(Duration.ofHours(1 + random.nextInt((int) Math.max(1,
                            Duration.between(created, now).toHours() - 1))))
                    : now.plus(Duration.ofDays(10 + random.nextInt(90)));
            BigDecimal amount = random.nextInt(10) == 0 ? null
                    : BigDecimal.valueOf(500 + random.nextInt(50_000)).add(new BigDecimal("0.50"));
            int company = random.nextInt(companies);
            Deal deal = new Deal(String.valueOf(9000 + i), "Deal " + i, amount, stage, created,
                    closeDate.truncatedTo(ChronoUnit.SECONDS),
                    (stage.closed() ? closeDate : created).plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS),
                    portal.owners.get(random.nextInt(portal.owners.size())).get("id").asText(),
                    String.valueOf(5000 + company), String.valueOf(7000 + company));
            portal.deals.add(deal);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("dealname", deal.name());
            properties.put("amount", amount == null ? null : amount.toPlainString());
            properties.put("deal_currency_code", "USD");
            properties.put("pipeline", "default");
            properties.put("dealstage", stage.id());
            properties.put("closedate", deal.closeDate().toString());
            properties.put("hubspot_owner_id", deal.ownerId());
            properties.put("dealtype", "newbusiness");
            dealObjects.add(object(deal.id(), created, deal.modifiedAt(), "hs_lastmodifieddate", properties,
                    Map.of("contacts", List.of(deal.contactId()), "companies", List.of(deal.companyId()))));
        }
        portal.objects.put("companies", companyObjects);
        portal.objects.put("contacts", contactObjects);
        portal.objects.put("deals", dealObjects);
        return portal;
    }

    List<Deal> deals() {
        return List.copyOf(deals);
    }

    @Override
    public String getName() {
        return "hubspot-portal";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
            return error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports "
                    + "OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/"
                    + "methods/auth/oauth-overview");
        }
        String path = URI.create(request.getUrl()).getPath();
        Matcher matcher;
        if (path.equals("/account-info/v3/details")) {
            return ok(JSON.createObjectNode().put("portalId", 62515).put("accountType", "STANDARD")
                    .put("timeZone", "UTC").put("companyCurrency", "USD")
                    .put("utcOffset", "+00:00").put("utcOffsetMilliseconds", 0)
                    .put("uiDomain", "app.hubspot.com").put("dataHostingLocation", "na1"));
        } else if (path.equals("/crm/v3/pipelines/deals")) {
            return ok(pipelines());
        } else if (path.equals("/crm/v3/owners")) {
            return ok(page(archived(request) ? List.of() : owners, request));
        } else if ((matcher = SEARCH.matcher(path)).matches() || (matcher = BATCH_READ.matcher(path)).matches()) {
            // Nothing changes in this portal after its creation, so an incremental search finds nothing new; no
            // generated deal has line items to read.
            return ok(JSON.createObjectNode().put("total", 0).put("status", "COMPLETE").set("results",
                    JSON.createArrayNode()));
        } else if ((matcher = OBJECTS.matcher(path)).matches() && request.getMethod().getName().equals("GET")) {
            List<ObjectNode> listed = archived(request) ? List.of() : objects.getOrDefault(matcher.group(1), List.of());
            return ok(page(listed.stream().map(object -> requested(object, request)).toList(), request));
        }
        return error(404, "OBJECT_NOT_FOUND", "resource not found");
    }

    private static ObjectNode object(String id, Instant created, Instant modified, String modifiedProperty,
            Map<String, String> properties, Map<String, List<String>> associations) {
        ObjectNode object = JSON.createObjectNode().put("id", id);
        ObjectNode props = object.putObject("properties");
        props.put("createdate", created.toString());
        props.put(modifiedProperty, modified.toString());
        props.put("hs_object_id", id);
        properties.forEach(props::put);
        object.put("createdAt", created.toString()).put("updatedAt", modified.toString()).put("archived", false);
        ObjectNode associated = object.putObject("associations");
        associations.forEach((type, ids) -> {
            ArrayNode results = associated.putObject(type).putArray("results");
            ids.forEach(target -> results.addObject().put("id", target).put("type", "association_" + type));
        });
        return object;
    }

    /** The object with only the properties and associations the request names, as HubSpot answers a list call. */
    private static ObjectNode requested(ObjectNode object, Request request) {
        ObjectNode copy = object.deepCopy();
        Set<String> properties = Set.copyOf(listParameter(request, "properties"));
        ObjectNode props = (ObjectNode) copy.get("properties");
        List<String> present = new ArrayList<>();
        props.fieldNames().forEachRemaining(present::add);
        present.stream().filter(name -> !properties.contains(name) && !DEFAULT_PROPERTIES.contains(name))
                .forEach(props::remove);
        properties.stream().filter(name -> !props.has(name)).forEach(props::putNull);
        Set<String> associations = Set.copyOf(listParameter(request, "associations"));
        ObjectNode associated = (ObjectNode) copy.get("associations");
        List<String> types = new ArrayList<>();
        associated.fieldNames().forEachRemaining(types::add);
        types.stream().filter(type -> !associations.contains(type)).forEach(associated::remove);
        if (associated.isEmpty()) {
            copy.remove("associations");
        }
        return copy;
    }

    private static List<String> listParameter(Request request, String name) {
        var parameter = request.queryParameter(name);
        return parameter.isPresent()
                ? parameter.values().stream().flatMap(value -> Arrays.stream(value.split(","))).toList()
                : List.of();
    }

    private static boolean archived(Request request) {
        var archived = request.queryParameter("archived");
        return archived.isPresent() && archived.firstValue().equals("true");
    }

    /** A list page of at most {@code limit} (≤ 100) results after the offset in {@code after}. */
    private static ObjectNode page(List<ObjectNode> all, Request request) {
        var limitParameter = request.queryParameter("limit");
        int limit = Math.min(100, limitParameter.isPresent() ? Integer.parseInt(limitParameter.firstValue()) : 10);
        var afterParameter = request.queryParameter("after");
        int from = afterParameter.isPresent() ? Integer.parseInt(afterParameter.firstValue()) : 0;
        int to = Math.min(all.size(), from + limit);
        ObjectNode page = JSON.createObjectNode();
        ArrayNode results = page.putArray("results");
        all.subList(from, to).forEach(results::add);
        if (to < all.size()) {
            page.putObject("paging").putObject("next").put("after", String.valueOf(to))
                    .put("link", "https://api.hubapi.com" + URI.create(request.getUrl()).getPath() + "?after=" + to);
        }
        return page;
    }

    private static ObjectNode pipelines() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode pipeline = body.putArray("results").addObject().put("id", "default").put("label", "Sales Pipeline")
                .put("displayOrder", 0).put("createdAt", "2019-01-01T00:00:00Z")
                .put("updatedAt", "2019-01-01T00:00:00Z").put("archived", false);
        ArrayNode stages = pipeline.putArray("stages");
        for (int i = 0; i < STAGES.size(); i++) {
            Stage stage = STAGES.get(i);
            ObjectNode node = stages.addObject().put("id", stage.id()).put("label", stage.label())
                    .put("displayOrder", i).put("createdAt", "2019-01-01T00:00:00Z")
                    .put("updatedAt", "2019-01-01T00:00:00Z").put("archived", false);
            node.putObject("metadata").put("isClosed", String.valueOf(stage.closed()))
                    .put("probability", stage.probability());
        }
        return body;
    }

    private static ResponseDefinition ok(ObjectNode body) {
        return withRateLimitHeaders(new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body.toString()));
    }

    private static ResponseDefinition error(int status, String category, String message) {
        ObjectNode body = JSON.createObjectNode().put("status", "error").put("message", message)
                .put("correlationId", "5b1c1e2f-8e4a-4c1b-9d7e-000000000000").put("category", category);
        return withRateLimitHeaders(new ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body.toString()));
    }

    private static ResponseDefinition withRateLimitHeaders(ResponseDefinitionBuilder response) {
        return response.withHeader("X-HubSpot-RateLimit-Max", "190")
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withHeader("X-HubSpot-RateLimit-Remaining", "180")
                .withHeader("X-HubSpot-RateLimit-Secondly", "19")
                .withHeader("X-HubSpot-RateLimit-Secondly-Remaining", "18")
                .build();
    }

    /** The day in UTC, the tenant's time zone in the tests. */
    static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
