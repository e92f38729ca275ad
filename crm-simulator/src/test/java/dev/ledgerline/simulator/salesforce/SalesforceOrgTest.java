package dev.ledgerline.simulator.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.simulator.Simulator;
import dev.ledgerline.simulator.SimulatorSettings;
import dev.ledgerline.simulator.TestSeeds;
import dev.ledgerline.simulator.company.CompanySize;
import dev.ledgerline.simulator.hubspot.HubSpotApi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The company's Salesforce part served as an org, called as the connector calls it (its OAuth requests, its SOQL
 * verbatim): the rows match the ground truth's {@code ?crm=salesforce} view, deals are in exactly one CRM, people in
 * both have a record in each, and the org's faults are Salesforce's. Seeded: two fixed seeds and a random one, printed
 * (replay with {@code -Dsimulator.seed=N}).
 */
class SalesforceOrgTest {
    private static final String CLIENT_ID = "test-connected-app";
    private static final String CLIENT_SECRET = "test-connected-app-secret";
    private static final String REDIRECT = "http://localhost:1/oauth/callback";
    private static final Instant REFERENCE = Instant.parse("2026-03-15T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OPPORTUNITIES = "SELECT Id, IsDeleted, StageName, IsClosed, IsWon, CreatedDate, "
            + "SystemModstamp, Name, Amount, Probability, ForecastCategoryName, CloseDate, Type, LeadSource, OwnerId, "
            + "AccountId, Loss_Reason__c, (SELECT Id, Quantity, UnitPrice, SystemModstamp, Product2Id, Name, "
            + "ProductCode, Discount, TotalPrice FROM OpportunityLineItems WHERE IsDeleted = false), (SELECT Id, "
            + "ContactId, SystemModstamp, IsPrimary, Role FROM OpportunityContactRoles WHERE IsDeleted = false) FROM "
            + "Opportunity WHERE SystemModstamp < %s ORDER BY SystemModstamp, Id";

    private Simulator simulator;
    private URI base;

    static List<Long> seeds() {
        return TestSeeds.fixedAndRandom("SalesforceOrgTest", 7L, 20_261_202L);
    }

    private void start(long seed, double share, int dailyLimit) {
        simulator = Simulator.start(new SimulatorSettings(0, seed, REFERENCE, new CompanySize(300, 2_500, 4), 0, null,
                new HubSpotApi.Settings(62515, "pat-test-token-123", CLIENT_ID, CLIENT_SECRET, Duration.ofMinutes(30),
                        1_000_000, 100_000, 100_000, Duration.ZERO), share,
                new SalesforceApi.Settings(CLIENT_ID, CLIENT_SECRET, dailyLimit, Duration.ofHours(2)), 0, null));
        base = URI.create("http://localhost:" + simulator.port());
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theOrgServesItsPartOfTheCompanyAsTheConnectorReadsIt(long seed) throws Exception {
        start(seed, 0.4, 100_000);
        String token = consent().path("access_token").asText();

        JsonNode truth = get("/_simulator/truth/deals?crm=salesforce", null).json();
        JsonNode hubspotTruth = get("/_simulator/truth/deals?crm=hubspot", null).json();
        JsonNode all = get("/_simulator/truth/deals", null).json();
        assertThat(truth.size()).as("the org holds a part of the deals").isPositive().isLessThan(all.size());
        assertThat(truth.size() + hubspotTruth.size()).as("every deal in exactly one CRM").isEqualTo(all.size());

        // The full read, verbatim from the connector: 2,000 rows a batch, then nextRecordsUrl.
        String settled = "2026-03-15T09:29:55Z";
        List<JsonNode> rows = new ArrayList<>();
        Answer page = get(SalesforceApi.DATA + "/queryAll?q=" + encode(OPPORTUNITIES.formatted(settled)), token);
        assertThat(page.header("Sforce-Limit-Info")).matches("api-usage=\\d+/100000");
        int pages = 1;
        page.json().path("records").forEach(rows::add);
        while (!page.json().path("done").asBoolean()) {
            page = get(page.json().path("nextRecordsUrl").asText(), token);
            page.json().path("records").forEach(rows::add);
            pages++;
        }
        assertThat(pages).isEqualTo((truth.size() + SalesforceApi.BATCH_SIZE - 1) / SalesforceApi.BATCH_SIZE);
        assertThat(rows).hasSize(truth.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            JsonNode deal = truth.get(i);
            assertThat(row.path("Id").asText()).matches("006[A-Za-z0-9]{15}");
            if (i > 0) {
                String previous = rows.get(i - 1).path("SystemModstamp").asText() + rows.get(i - 1).path("Id").asText();
                assertThat(row.path("SystemModstamp").asText() + row.path("Id").asText()).isGreaterThan(previous);
            }
            assertThat(row.path("attributes").path("type").asText()).isEqualTo("Opportunity");
        }
        for (JsonNode deal : truth) {
            JsonNode row = rows.stream().filter(r -> r.path("Id").asText().equals(deal.path("crmId").asText()))
                    .findFirst().orElseThrow();
            assertThat(row.path("IsDeleted").asBoolean()).isEqualTo(deal.path("archived").asBoolean());
            String category = deal.path("stageCategory").asText();
            assertThat(row.path("IsClosed").asBoolean()).isEqualTo(!category.equals("OPEN"));
            assertThat(row.path("IsWon").asBoolean()).isEqualTo(category.equals("WON"));
            if (deal.path("amount").isNull()) {
                assertThat(row.path("Amount").isNull()).isTrue();
            } else {
                assertThat(row.path("Amount").decimalValue()).isEqualByComparingTo(deal.path("amount").asText());
            }
            assertThat(SalesforceRows.instant(row.path("CreatedDate").asText()))
                    .isEqualTo(Instant.parse(deal.path("createdAt").asText()));
            if (!category.equals("OPEN")) {
                assertThat(row.path("CloseDate").asText() + "T00:00:00Z").isEqualTo(deal.path("closedAt").asText());
            }
            // Each contact role names a contact the org has.
            row.path("OpportunityContactRoles").path("records").forEach(role ->
                    assertThat(role.path("ContactId").asText()).startsWith("003"));
        }

        // COUNT() and the deleted rows: queryAll has them, query does not.
        long deleted = truth.findValues("archived").stream().filter(JsonNode::asBoolean).count();
        assertThat(get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT COUNT() FROM Opportunity WHERE "
                + "SystemModstamp < " + settled), token).json().path("totalSize").asLong()).isEqualTo(truth.size());
        assertThat(get(SalesforceApi.DATA + "/query?q=" + encode("SELECT COUNT() FROM Opportunity"), token).json()
                .path("totalSize").asLong()).isEqualTo(truth.size() - deleted);

        // A child stream's newest row and the parents read again by id.
        JsonNode newest = get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id, SystemModstamp FROM "
                + "OpportunityLineItem WHERE SystemModstamp < " + settled + " ORDER BY SystemModstamp DESC, Id DESC "
                + "LIMIT 1"), token).json();
        assertThat(newest.path("records")).hasSize(1);
        List<String> ids = rows.stream().limit(3).map(r -> "'" + r.path("Id").asText() + "'").toList();
        JsonNode byId = get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id, StageName FROM Opportunity "
                + "WHERE Id IN (" + String.join(", ", ids) + ")"), token).json();
        assertThat(byId.path("totalSize").asInt()).isEqualTo(ids.size());

        // The people: a contact of both CRMs has a record in each; leads are in one.
        JsonNode contacts = get("/_simulator/truth/contacts", null).json();
        long inBoth = 0;
        for (JsonNode contact : contacts) {
            inBoth += contact.path("crms").size() == 2 ? 1 : 0;
        }
        assertThat(inBoth).as("people in both CRMs").isPositive();
        JsonNode duplicates = get("/_simulator/truth/duplicates", null).json();
        assertThat(duplicates.path("inBothCrms").size()).isEqualTo(inBoth);
        duplicates.path("inBothCrms").forEach(person ->
                assertThat(person.path("salesforceId").asText()).startsWith("003"));
        JsonNode orgDuplicates = get("/_simulator/truth/duplicates?crm=salesforce", null).json();
        Set<String> orgContacts = new HashSet<>();
        get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id FROM Contact"), token).json().path("records")
                .forEach(contact -> orgContacts.add(contact.path("Id").asText()));
        assertThat(orgDuplicates.path("contacts").asInt()).isEqualTo(orgContacts.size());
        orgDuplicates.path("groups").forEach(group -> {
            assertThat(orgContacts).contains(group.path("original").asText());
            group.path("duplicates").forEach(id -> assertThat(orgContacts).contains(id.asText()));
        });
        JsonNode leads = get("/_simulator/truth/leads", null).json();
        leads.forEach(lead -> assertThat(lead.path("crms")).hasSize(1));
        JsonNode sfLeads = get("/_simulator/truth/leads?crm=salesforce", null).json();
        JsonNode leadRows = get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id, Status, IsConverted, "
                + "ConvertedOpportunityId FROM Lead"), token).json();
        assertThat(leadRows.path("totalSize").asInt()).isEqualTo(sfLeads.size());
        long converted = 0;
        for (JsonNode lead : leadRows.path("records")) {
            converted += lead.path("IsConverted").asBoolean() ? 1 : 0;
        }
        assertThat(converted).isEqualTo(sfLeads.findValues("converted").stream().filter(JsonNode::asBoolean).count());

        // HubSpot no longer lists the org's deals.
        Set<String> hubspotIds = new HashSet<>();
        hubspotTruth.forEach(deal -> hubspotIds.add(deal.path("id").asText()));
        JsonNode listed = get("/crm/v3/objects/deals?limit=100", "pat-test-token-123").json();
        listed.path("results").forEach(deal -> assertThat(hubspotIds).contains(deal.path("id").asText()));
        String orgDeal = null;
        for (JsonNode deal : truth) {
            if (!deal.path("archived").asBoolean()) {
                orgDeal = deal.path("id").asText();
                break;
            }
        }
        assertThat(orgDeal).as("a live deal in the org").isNotNull();
        assertThat(get("/crm/v3/objects/deals/" + orgDeal, "pat-test-token-123").status())
                .as("a live deal of the org is not in the portal").isEqualTo(404);
        HttpRequest.Builder batchRead = HttpRequest.newBuilder(base.resolve("/crm/v3/objects/deals/batch/read"))
                .header("Authorization", "Bearer pat-test-token-123").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[{\"id\":\"" + orgDeal + "\"}]}"));
        assertThat(send(batchRead).json().path("errors").get(0).path("context").path("ids").get(0).asText())
                .isEqualTo(orgDeal);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noRecordMovesBetweenTheCrmsAsActivityGoesOn(long seed) throws Exception {
        start(seed, 0.4, 100_000);
        List<String> kinds = List.of("accounts", "contacts", "deals", "leads", "line-items", "invoices");
        java.util.Map<String, JsonNode> before = new java.util.HashMap<>();
        for (String kind : kinds) {
            before.put(kind, get("/_simulator/truth/" + kind, null).json());
        }
        post("/_simulator/activity?events=400", "");
        for (String kind : kinds) {
            java.util.Map<String, JsonNode> after = new java.util.HashMap<>();
            get("/_simulator/truth/" + kind, null).json().forEach(record -> after.put(record.path("id").asText(),
                    record.path("crms")));
            for (JsonNode record : before.get(kind)) {
                JsonNode now = after.get(record.path("id").asText());
                Set<String> was = new HashSet<>();
                record.path("crms").forEach(crm -> was.add(crm.asText()));
                Set<String> is = new HashSet<>();
                now.forEach(crm -> is.add(crm.asText()));
                if (kind.equals("contacts")) {
                    assertThat(is).as("contact %s is still where it was", record.path("id")).containsAll(was);
                } else {
                    assertThat(is).as("%s %s stays in its CRM", kind, record.path("id")).isEqualTo(was);
                }
            }
        }
    }

    @Test
    void theMetadataTheConnectorReadsFirst() throws Exception {
        start(11, 0.3, 100_000);
        String token = consent().path("access_token").asText();
        JsonNode global = get(SalesforceApi.DATA + "/sobjects", token).json();
        Set<String> names = new HashSet<>();
        global.path("sobjects").forEach(object -> names.add(object.path("name").asText()));
        assertThat(names).contains("User", "Account", "Contact", "Lead", "Opportunity", "OpportunityLineItem",
                "OpportunityContactRole", "Product2", "PricebookEntry", "OpportunityStage", "LeadStatus",
                "Organization").doesNotContain("Invoice", "CurrencyType");
        JsonNode opportunity = get(SalesforceApi.DATA + "/sobjects/Opportunity/describe", token).json();
        Set<String> fields = new HashSet<>();
        opportunity.path("fields").forEach(field -> fields.add(field.path("name").asText()));
        assertThat(fields).contains("StageName", "Amount", "Loss_Reason__c", "SystemModstamp")
                .doesNotContain("CurrencyIsoCode", "RecordTypeId");

        JsonNode stages = get(SalesforceApi.DATA + "/query?q=" + encode("SELECT ApiName, MasterLabel, IsClosed, IsWon, "
                + "DefaultProbability FROM OpportunityStage ORDER BY SortOrder"), token).json();
        assertThat(stages.path("records")).hasSize(7);
        assertThat(stages.path("records").get(5).path("ApiName").asText()).isEqualTo("Closed Won");
        JsonNode statuses = get(SalesforceApi.DATA + "/query?q=" + encode("SELECT ApiName, MasterLabel, IsConverted, "
                + "IsDefault FROM LeadStatus ORDER BY SortOrder"), token).json();
        assertThat(statuses.path("records").get(0).path("IsDefault").asBoolean()).isTrue();
        JsonNode users = get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id, Name, LastName, IsActive, "
                + "SystemModstamp, FirstName, Email, Department, UserRole.Name FROM User WHERE UserType = 'Standard' "
                + "AND SystemModstamp < 2026-03-15T09:29:55Z ORDER BY SystemModstamp, Id"), token).json();
        assertThat(users.path("records").get(0).path("UserRole").path("Name").asText()).isNotBlank();
        JsonNode currency = get(SalesforceApi.DATA + "/query?q=" + encode("SELECT DefaultCurrencyIsoCode FROM "
                + "Organization"), token).json();
        assertThat(currency.path("records").get(0).path("DefaultCurrencyIsoCode").asText()).isEqualTo("USD");
        JsonNode prices = get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id, Name, (SELECT Id, UnitPrice, "
                + "SystemModstamp, IsActive FROM PricebookEntries WHERE IsDeleted = false AND Pricebook2.IsStandard = "
                + "true) FROM Product2"), token).json();
        assertThat(prices.path("records").get(0).path("PricebookEntries").path("records")).hasSize(1);
    }

    @Test
    void badQueriesExpiredSessionsAndTheDailyLimitAreSalesforces() throws Exception {
        start(12, 0.3, 5);
        JsonNode tokens = consent();
        String token = tokens.path("access_token").asText();
        assertThat(tokens.has("expires_in")).isFalse();
        assertThat(tokens.path("instance_url").asText()).isEqualTo(base.toString());

        Answer field = get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id, CurrencyIsoCode FROM Opportunity"),
                token);
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.json().get(0).path("errorCode").asText()).isEqualTo("INVALID_FIELD");
        Answer type = get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id FROM Invoice"), token);
        assertThat(type.json().get(0).path("errorCode").asText()).isEqualTo("INVALID_TYPE");
        Answer malformed = get(SalesforceApi.DATA + "/queryAll?q=" + encode("SELECT Id FROM Lead WHERE OR"), token);
        assertThat(malformed.json().get(0).path("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
        Answer unauthenticated = get(SalesforceApi.DATA + "/sobjects", "not-a-token");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.json().get(0).path("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");

        // Five calls a day, unauthenticated ones not counted: the fifth goes through, the sixth is refused.
        assertThat(get(SalesforceApi.DATA + "/sobjects", token).header("Sforce-Limit-Info")).isEqualTo("api-usage=4/5");
        Answer fifth = get(SalesforceApi.DATA + "/sobjects", token);
        assertThat(fifth.status()).isEqualTo(200);
        assertThat(fifth.header("Sforce-Limit-Info")).isEqualTo("api-usage=5/5");
        Answer sixth = get(SalesforceApi.DATA + "/sobjects", token);
        assertThat(sixth.status()).isEqualTo(403);
        assertThat(sixth.json().get(0).path("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");

        // Refresh, refused refresh, revocation.
        String refresh = tokens.path("refresh_token").asText();
        JsonNode refreshed = token("grant_type=refresh_token&refresh_token=" + encode(refresh)).json();
        assertThat(refreshed.path("access_token").asText()).isNotBlank();
        assertThat(refreshed.has("refresh_token")).isFalse();
        assertThat(token("grant_type=refresh_token&refresh_token=forged").json().path("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(post("/services/oauth2/revoke", "token=" + encode(refresh)).status()).isEqualTo(200);
        assertThat(token("grant_type=refresh_token&refresh_token=" + encode(refresh)).json().path("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(get(SalesforceApi.DATA + "/sobjects", refreshed.path("access_token").asText()).status())
                .isEqualTo(401);
    }

    /** The web-server flow: authorize (granted at once), then the code for tokens. */
    private JsonNode consent() throws Exception {
        Answer authorize = get("/services/oauth2/authorize?response_type=code&client_id=" + CLIENT_ID
                + "&redirect_uri=" + encode(REDIRECT) + "&state=s1&scope=api%20refresh_token", null);
        assertThat(authorize.status()).isEqualTo(302);
        String location = authorize.header("Location");
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=s1");
        String code = java.net.URLDecoder.decode(location.replaceAll(".*code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        Answer tokens = token("grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(REDIRECT));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(token("grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(REDIRECT))
                .json().path("error").asText()).as("a code is spent once").isEqualTo("invalid_grant");
        return tokens.json();
    }

    private Answer token(String form) throws Exception {
        return post("/services/oauth2/token", form + "&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET);
    }

    private record Answer(int status, HttpResponse<String> response, JsonNode json, String body) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private Answer get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private Answer post(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        JsonNode json = body.isBlank() || !body.trim().matches("(?s)^[\\[{].*") ? JSON.createObjectNode()
                : JSON.readTree(body);
        return new Answer(response.statusCode(), response, json, body);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
