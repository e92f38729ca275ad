package dev.ledgerline.simulator.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerline.simulator.company.CompanySize;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated portal answers the calls a HubSpot connector makes as HubSpot does: list pages, properties,
 * associations, search, batch reads, owners, pipelines, and HubSpot's errors, against the ground truth.
 */
class HubSpotApiTest {
    private static Portal portal;
    private static Map<String, JsonNode> deals;

    @BeforeAll
    static void start() {
        portal = Portal.unlimited(7, new CompanySize(300, 800, 6));
        deals = new LinkedHashMap<>();
        portal.truth("deals").forEach(deal -> deals.put(deal.path("id").asText(), deal));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void aCallWithoutAValidTokenIsRefusedWith401() {
        Portal.Answer none = portal.send(java.net.http.HttpRequest.newBuilder(portal.base.resolve(
                "/crm/v3/objects/deals")).GET());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
        assertThat(none.json().path("status").asText()).isEqualTo("error");
        Portal.Answer wrong = portal.post("/crm/v3/objects/deals/search", "{}", "pat-someone-else-000000");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("correlationId").asText()).isNotBlank();
    }

    @Test
    void listPagesGoThroughEveryLiveDealOnceAndArchivedOnesSeparately() {
        List<String> live = listAll("/crm/v3/objects/deals?limit=100&properties=dealname&archived=false");
        assertThat(live).doesNotHaveDuplicates()
                .containsExactlyElementsOf(deals.values().stream().filter(deal -> !deal.path("archived").asBoolean())
                        .map(deal -> deal.path("id").asText()).toList());
        List<String> archived = listAll("/crm/v3/objects/deals?limit=100&archived=true");
        assertThat(archived).isNotEmpty().containsExactlyElementsOf(deals.values().stream()
                .filter(deal -> deal.path("archived").asBoolean()).map(deal -> deal.path("id").asText()).toList());
        JsonNode first = portal.get("/crm/v3/objects/deals?archived=true&limit=1").json().path("results").get(0);
        assertThat(first.path("archived").asBoolean()).isTrue();
        assertThat(Instant.parse(first.path("archivedAt").asText()))
                .isEqualTo(Instant.parse(deals.get(first.path("id").asText()).path("archivedAt").asText()));
    }

    @Test
    void propertiesAreStringsAndAskedForOnesAreNullWhenEmpty() {
        JsonNode page = portal.get("/crm/v3/objects/deals?limit=100&properties="
                + URLEncoder.encode("dealname,amount,closed_lost_reason,dealstage,pipeline,no_such_property",
                StandardCharsets.UTF_8)).json();
        for (JsonNode deal : page.path("results")) {
            JsonNode properties = deal.path("properties");
            assertThat(fieldNames(properties)).containsExactlyInAnyOrder("amount", "closed_lost_reason", "createdate",
                    "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline");
            properties.forEach(value -> assertThat(value.isTextual() || value.isNull()).isTrue());
            JsonNode truth = deals.get(deal.path("id").asText());
            assertThat(properties.path("dealname").asText()).isEqualTo(truth.path("name").asText());
            assertThat(properties.path("amount").isNull()).isEqualTo(truth.path("amount").isNull());
            if (!truth.path("amount").isNull()) {
                assertThat(properties.path("amount").asText()).isEqualTo(truth.path("amount").asText());
            }
            assertThat(properties.path("dealstage").isNull()).isEqualTo(truth.path("stage").isNull());
            assertThat(properties.path("pipeline").isNull()).isEqualTo(!truth.path("inPipeline").asBoolean());
            assertThat(Instant.parse(deal.path("updatedAt").asText()))
                    .isEqualTo(Instant.parse(properties.path("hs_lastmodifieddate").asText()))
                    .isEqualTo(Instant.parse(truth.path("modifiedAt").asText()));
        }
        JsonNode defaults = portal.get("/crm/v3/objects/deals?limit=1").json().path("results").get(0).path("properties");
        assertThat(fieldNames(defaults)).containsExactlyInAnyOrderElementsOf(HubSpotObjectType.DEALS.defaultProperties());
    }

    @Test
    void closedDealsCarryTheirCloseMomentAndStagesTheirHubSpotIds() {
        for (String id : deals.keySet().stream().limit(300).toList()) {
            JsonNode truth = deals.get(id);
            if (truth.path("archived").asBoolean()) {
                continue;
            }
            JsonNode properties = portal.get("/crm/v3/objects/deals/" + id
                    + "?properties=dealstage,closedate,hs_is_closed_won,amount_in_home_currency,deal_currency_code")
                    .json().path("properties");
            switch (truth.path("stageCategory").asText()) {
                case "WON" -> {
                    assertThat(properties.path("dealstage").asText()).isEqualTo("closedwon");
                    assertThat(properties.path("hs_is_closed_won").asText()).isEqualTo("true");
                    assertThat(Instant.parse(properties.path("closedate").asText()))
                            .isEqualTo(Instant.parse(truth.path("closedAt").asText()));
                }
                case "LOST" -> assertThat(properties.path("dealstage").asText()).isEqualTo("closedlost");
                default -> assertThat(properties.path("dealstage").asText(null)).isNotIn("closedwon", "closedlost");
            }
            assertThat(properties.path("deal_currency_code").asText()).isEqualTo(truth.path("currency").asText());
        }
    }

    @Test
    void associationsComeInlineWithListReadsAndFromTheV4Api() {
        JsonNode page = portal.get("/crm/v3/objects/deals?limit=50&associations=contacts,companies,line_items").json();
        List<String> ids = new ArrayList<>();
        for (JsonNode deal : page.path("results")) {
            JsonNode truth = deals.get(deal.path("id").asText());
            ids.add(deal.path("id").asText());
            assertThat(ids(deal.path("associations").path("contacts").path("results"), "id"))
                    .isEqualTo(texts(truth.path("contactIds")));
            assertThat(deal.path("associations").path("contacts").path("results").get(0).path("type").asText())
                    .isEqualTo("deal_to_contact");
            assertThat(ids(deal.path("associations").path("line_items").path("results"), "id"))
                    .isEqualTo(texts(truth.path("lineItemIds")));
            if (truth.path("accountId").isNull()) {
                assertThat(deal.path("associations").has("companies")).isFalse();
            }
        }
        Map<String, Object> body = Map.of("inputs", ids.stream().map(id -> Map.of("id", id)).toList());
        Portal.Answer v4 = portal.post("/crm/v4/associations/deals/companies/batch/read", body);
        assertThat(v4.status()).isIn(200, 207);
        Set<String> withCompany = new HashSet<>();
        for (JsonNode result : v4.json().path("results")) {
            String deal = result.path("from").path("id").asText();
            withCompany.add(deal);
            assertThat(result.path("to").get(0).path("toObjectId").isNumber()).isTrue();
            assertThat(result.path("to").get(0).path("toObjectId").asText())
                    .isEqualTo(deals.get(deal).path("accountId").asText());
        }
        assertThat(withCompany).containsExactlyInAnyOrderElementsOf(ids.stream()
                .filter(id -> !deals.get(id).path("accountId").isNull()).toList());
        if (withCompany.size() < ids.size()) {
            assertThat(v4.status()).isEqualTo(207);
            assertThat(v4.json().path("numErrors").asInt()).isEqualTo(ids.size() - withCompany.size());
        }
    }

    @Test
    void searchFindsWhatChangedSinceInModifiedOrderPageByPage() {
        List<JsonNode> live = deals.values().stream().filter(deal -> !deal.path("archived").asBoolean()).toList();
        Instant cutoff = live.stream().map(deal -> Instant.parse(deal.path("modifiedAt").asText())).sorted()
                .toList().get(live.size() / 2);
        List<String> expected = live.stream().filter(deal -> !Instant.parse(deal.path("modifiedAt").asText())
                        .isBefore(cutoff))
                .sorted(Comparator.comparing((JsonNode deal) -> Instant.parse(deal.path("modifiedAt").asText()))
                        .thenComparing(deal -> Long.parseLong(deal.path("id").asText())))
                .map(deal -> deal.path("id").asText()).toList();
        List<String> found = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "hs_lastmodifieddate",
                    "operator", "GTE", "value", String.valueOf(cutoff.toEpochMilli()))))));
            body.put("sorts", List.of(Map.of("propertyName", "hs_lastmodifieddate", "direction", "ASCENDING"),
                    Map.of("propertyName", "hs_object_id", "direction", "ASCENDING")));
            body.put("properties", List.of("dealname", "hs_lastmodifieddate"));
            body.put("limit", 200);
            if (after != null) {
                body.put("after", after);
            }
            Portal.Answer page = portal.post("/crm/v3/objects/deals/search", body);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().path("total").asInt()).isEqualTo(expected.size());
            assertThat(page.header("X-HubSpot-RateLimit-Max")).as("search answers carry no rate-limit headers")
                    .isNull();
            page.json().path("results").forEach(result -> {
                found.add(result.path("id").asText());
                assertThat(result.has("associations")).isFalse();
            });
            after = page.json().path("paging").path("next").path("after").asText(null);
        } while (after != null);
        assertThat(found).containsExactlyElementsOf(expected);
    }

    @Test
    void searchRefusesWhatHubSpotRefuses() {
        assertThat(portal.post("/crm/v3/objects/deals/search", Map.of("limit", 201)).status()).isEqualTo(400);
        Portal.Answer beyond = portal.post("/crm/v3/objects/deals/search", Map.of("limit", 200, "after", "10000"));
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().path("category").asText()).isEqualTo("VALIDATION_ERROR");
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            groups.add(Map.of("filters", List.of(Map.of("propertyName", "amount", "operator", "HAS_PROPERTY"))));
        }
        assertThat(portal.post("/crm/v3/objects/deals/search", Map.of("filterGroups", groups)).status())
                .isEqualTo(400);
        assertThat(portal.post("/crm/v3/objects/deals/search", Map.of("filterGroups", List.of(Map.of("filters",
                List.of(Map.of("propertyName", "amount", "operator", "ABOUT", "value", "1")))))).status())
                .isEqualTo(400);
    }

    @Test
    void searchFiltersCombineAndWithinAGroupAndOrAcrossGroups() {
        Map<String, Object> wonOrLost = Map.of("filterGroups", List.of(
                Map.of("filters", List.of(Map.of("propertyName", "dealstage", "operator", "EQ", "value", "closedwon"),
                        Map.of("propertyName", "amount", "operator", "GT", "value", "10000"))),
                Map.of("filters", List.of(Map.of("propertyName", "dealstage", "operator", "IN",
                        "values", List.of("closedlost"))))), "limit", 1);
        long expected = deals.values().stream().filter(deal -> !deal.path("archived").asBoolean())
                .filter(deal -> deal.path("stageCategory").asText().equals("LOST")
                        || deal.path("stageCategory").asText().equals("WON") && !deal.path("amount").isNull()
                        && new java.math.BigDecimal(deal.path("amount").asText()).compareTo(java.math.BigDecimal.valueOf(10000)) > 0)
                .count();
        assertThat(portal.post("/crm/v3/objects/deals/search", wonOrLost).json().path("total").asLong())
                .isEqualTo(expected);
    }

    @Test
    void batchReadAnswersKnownIdsAndNamesTheMissingOnes() {
        List<String> known = deals.values().stream().filter(deal -> !deal.path("archived").asBoolean()).limit(3)
                .map(deal -> deal.path("id").asText()).toList();
        List<Map<String, String>> inputs = new ArrayList<>(known.stream().map(id -> Map.of("id", id)).toList());
        inputs.add(Map.of("id", "123"));
        Portal.Answer answer = portal.post("/crm/v3/objects/deals/batch/read",
                Map.of("properties", List.of("dealname"), "inputs", inputs));
        assertThat(answer.status()).isEqualTo(207);
        assertThat(ids(answer.json().path("results"), "id")).containsExactlyElementsOf(known);
        assertThat(answer.json().path("errors").get(0).path("context").path("ids").get(0).asText()).isEqualTo("123");
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Map.of("id", String.valueOf(i)));
        }
        assertThat(portal.post("/crm/v3/objects/deals/batch/read", Map.of("inputs", tooMany)).status())
                .isEqualTo(400);
    }

    @Test
    void ownersArePagedAndThoseWhoLeftAreArchived() {
        JsonNode owners = portal.truth("owners");
        List<String> active = listAll("/crm/v3/owners?limit=2&archived=false");
        List<String> left = listAll("/crm/v3/owners?archived=true");
        assertThat(active).containsExactlyElementsOf(StreamSupport.stream(owners.spliterator(), false)
                .filter(owner -> owner.path("active").asBoolean()).map(owner -> owner.path("id").asText()).toList());
        assertThat(left).isNotEmpty().doesNotContainAnyElementsOf(active);
        JsonNode owner = portal.get("/crm/v3/owners?limit=1").json().path("results").get(0);
        assertThat(owner.path("teams").get(0).path("name").asText()).isNotBlank();
        assertThat(owner.path("email").asText()).contains("@");
    }

    @Test
    void theDealPipelineHasHubSpotsDefaultStagesWithStringMetadata() {
        JsonNode pipeline = portal.get("/crm/v3/pipelines/deals").json().path("results").get(0);
        assertThat(pipeline.path("id").asText()).isEqualTo("default");
        assertThat(ids(pipeline.path("stages"), "id")).containsExactly("appointmentscheduled", "qualifiedtobuy",
                "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost");
        JsonNode won = pipeline.path("stages").get(5).path("metadata");
        assertThat(won.path("isClosed").isTextual()).isTrue();
        assertThat(won.path("isClosed").asText()).isEqualTo("true");
        assertThat(won.path("probability").asText()).isEqualTo("1.0");
        assertThat(portal.get("/account-info/v3/details").json().path("companyCurrency").asText()).isEqualTo("USD");
    }

    @Test
    void anObjectTypeThePortalDoesNotHaveIsRefusedAsHubSpotRefusesIt() {
        Portal.Answer answer = portal.get("/crm/v3/objects/tickets");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).contains("Unable to infer object type");
        assertThat(portal.get("/crm/v3/objects/deals/1").status()).isEqualTo(404);
    }

    @Test
    void everyObjectTypeTheConnectorReadsIsServed() {
        for (HubSpotObjectType type : HubSpotObjectType.values()) {
            Portal.Answer answer = portal.get("/crm/v3/objects/" + type.apiName() + "?limit=5");
            assertThat(answer.status()).as(type.apiName()).isEqualTo(200);
            assertThat(answer.json().path("results").size()).as(type.apiName()).isPositive();
            assertThat(answer.header("X-HubSpot-RateLimit-Secondly")).isNotNull();
        }
    }

    /** Every id of a list, following {@code paging.next.after}. */
    private static List<String> listAll(String path) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = portal.get(path + (after == null ? "" : "&after=" + after)).json();
            ids.addAll(ids(page.path("results"), "id"));
            after = page.path("paging").path("next").path("after").asText(null);
            if (after != null) {
                assertThat(page.path("paging").path("next").path("link").asText()).contains("after=" + after);
            }
        } while (after != null);
        return ids;
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.path(field).asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = object.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }
}
