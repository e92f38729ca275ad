package dev.ledgerline.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ledgerline.connector.sync.SyncRuns.runToEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ledgerline.connector.connection.ConnectionRows;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.StageCategory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Salesforce connections synced end to end: a WireMock org answers the OAuth web-server flow and the REST and Bulk
 * API 2.0 calls with Salesforce's documented payloads (fixtures under {@code salesforce/__files}), and reports its
 * API usage on every answer; records land on the real topics of the embedded broker, progress in PostgreSQL. The org
 * is multi-currency (EUR corporate) and has no Invoice object. Each test connects an org of its own (its own tokens
 * and token URL), and answers that only one test needs match that org's access token.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class SalesforceSyncTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final ApiUsage USAGE = new ApiUsage();
    private static final WireMockServer SALESFORCE = new WireMockServer(wireMockConfig().dynamicPort()
            .usingFilesUnderClasspath("salesforce").extensions(USAGE));
    private static final String DATA = "/services/data/v62.0";
    private static final String CLIENT_ID = "3MVG9ledgerline.test.client";
    private static final String CLIENT_SECRET = "7C1E2F3A-sf-secret-0042";
    /** Answers that every org shares; a test's own answers outrank them. */
    private static final int SHARED = 5;
    private static final int OWN = 1;

    @Inject
    SecretCipher cipher;

    @BeforeAll
    static void startSalesforce() {
        SALESFORCE.start();
        SALESFORCE.stubFor(get(urlPathEqualTo(DATA + "/sobjects")).atPriority(SHARED)
                .willReturn(file("describe-global.json")));
        for (String object : List.of("User", "Account", "Contact", "Lead", "Opportunity", "OpportunityLineItem",
                "OpportunityContactRole", "Product2", "PricebookEntry")) {
            SALESFORCE.stubFor(get(urlPathEqualTo(DATA + "/sobjects/" + object + "/describe")).atPriority(SHARED)
                    .willReturn(file("describe-" + object + ".json")));
        }
        SALESFORCE.stubFor(query("FROM OpportunityStage").willReturn(file("opportunity-stages.json")));
        SALESFORCE.stubFor(query("FROM LeadStatus").willReturn(file("lead-statuses.json")));
        SALESFORCE.stubFor(query("FROM CurrencyType WHERE IsActive = true").willReturn(file("currency-corporate.json")));
        // Whatever no answer below names has no rows.
        SALESFORCE.stubFor(get(urlPathEqualTo(DATA + "/queryAll")).atPriority(10).willReturn(file("query-empty.json")));
        SALESFORCE.stubFor(queryAll("SELECT COUNT\\(\\) FROM .*").willReturn(file("count-small.json")));
        // First reads, in (SystemModstamp, Id) order.
        SALESFORCE.stubFor(queryAll(".* FROM User WHERE UserType = 'Standard' AND SystemModstamp < .*")
                .willReturn(file("users.json")));
        SALESFORCE.stubFor(queryAll("SELECT Id.* FROM Account WHERE SystemModstamp < .*").willReturn(file("accounts.json")));
        SALESFORCE.stubFor(queryAll("SELECT Id.* FROM Contact WHERE SystemModstamp < .*").willReturn(file("contacts.json")));
        SALESFORCE.stubFor(queryAll("SELECT Id.* FROM Lead WHERE SystemModstamp < .*").willReturn(file("leads.json")));
        SALESFORCE.stubFor(queryAll(".*\\) FROM Opportunity WHERE SystemModstamp < .*")
                .willReturn(file("opportunities-page-1.json")));
        SALESFORCE.stubFor(get(urlEqualTo(DATA + "/query/01gDn00000Qry01IAA-2000")).atPriority(SHARED)
                .willReturn(file("opportunities-page-2.json")));
        SALESFORCE.stubFor(queryAll(".*\\) FROM Product2 WHERE SystemModstamp < .*").willReturn(file("products.json")));
        // Where the child streams take their position after a first read.
        SALESFORCE.stubFor(queryAll(".* FROM OpportunityLineItem WHERE SystemModstamp < .* DESC.*")
                .willReturn(file("line-items-newest.json")));
        SALESFORCE.stubFor(queryAll(".* FROM OpportunityContactRole WHERE SystemModstamp < .* DESC.*")
                .willReturn(file("contact-roles-newest.json")));
        SALESFORCE.stubFor(queryAll(".* FROM PricebookEntry WHERE Pricebook2.IsStandard = true AND SystemModstamp < .* DESC.*")
                .willReturn(file("pricebook-newest.json")));
        // Since the first read: Globex pilot won, the duplicate stays deleted (re-read at the boundary), a lead was
        // merged into another, and the licence line of Acme rollout was removed.
        SALESFORCE.stubFor(queryAll(".*\\) FROM Opportunity WHERE SystemModstamp >= .*")
                .willReturn(file("opportunities-changed.json")));
        // From the cursor of that read (Globex pilot won, 10:00:01) less the lookback, only Globex pilot again.
        SALESFORCE.stubFor(queryAll(".*\\) FROM Opportunity WHERE SystemModstamp >= 2024-07-03T09:58:01Z .*")
                .willReturn(file("opportunities-changed-again.json")));
        SALESFORCE.stubFor(queryAll("SELECT Id.* FROM Lead WHERE SystemModstamp >= .*").willReturn(file("leads-changed.json")));
        SALESFORCE.stubFor(queryAll("SELECT Id, OpportunityId, SystemModstamp FROM OpportunityLineItem WHERE SystemModstamp >= .*")
                .willReturn(file("line-items-changed.json")));
        SALESFORCE.stubFor(queryAll(".*\\) FROM Opportunity WHERE Id IN \\('006Dn00000Op1aAIAR'\\)")
                .willReturn(file("opportunities-by-id.json")));
    }

    @AfterAll
    static void stopSalesforce() {
        SALESFORCE.stop();
    }

    @Test
    void aFullSyncPublishesEveryEntityAndIncrementalRunsPublishOnlyWhatChangedDeletionsIncluded() {
        Org org = new Org("northwind");
        String connection = org.connect();

        JsonPath full = runToEnd(org.tenant, connection, "FULL");
        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(full, "User")).containsEntry("published", 2);
        assertThat(entity(full, "Account")).containsEntry("published", 2);
        assertThat(entity(full, "Contact")).containsEntry("published", 2);
        assertThat(full.getMap("entities.find { it.entity == 'Contact' }.missing")).isEqualTo(Map.of("email", 1));
        assertThat(entity(full, "Lead")).containsEntry("fetched", 4).containsEntry("published", 3)
                .containsEntry("rejected", 1);
        assertThat(entity(full, "Opportunity")).containsEntry("state", "SUCCEEDED").containsEntry("fetched", 6)
                .containsEntry("published", 5).containsEntry("rejected", 1).containsEntry("deleted", 1);
        assertThat(entity(full, "OpportunityLineItem")).containsEntry("state", "SUCCEEDED").containsEntry("published", 0);
        assertThat(entity(full, "Product2")).containsEntry("published", 2);
        assertThat(entity(full, "Invoice")).containsEntry("state", "SKIPPED");
        assertThat((String) entity(full, "Invoice").get("message")).contains("no Invoice object");

        List<ConsumerRecord<String, Deal>> deals = read(Topics.DEALS, Deal.class, org.key("006Dn00000Op1aFIAR"), r -> true);
        Deal won = latest(deals, org.key("006Dn00000Op1aAIAR"));
        assertThat(won.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(won.getAmount()).isEqualTo(new Money(new BigDecimal("12500.5000"), "EUR"));
        assertThat(won.getAmountInHomeCurrency()).isEqualTo(won.getAmount());
        assertThat(won.getLineItems()).extracting(LineItem::getLineItemId)
                .containsExactly("00kDn00000Li01AIAR", "00kDn00000Li02AIAR");
        assertThat(won.getPrimaryContactId()).isEqualTo("003Dn00000Qw3rTIAA");
        assertThat(latest(deals, org.key("006Dn00000Op1aBIAR")).getStageCategory()).isEqualTo(StageCategory.OPEN);
        // A USD deal of the EUR org, at the org's rate (CurrencyType: 1.085 USD per EUR).
        assertThat(latest(deals, org.key("006Dn00000Op1aBIAR")).getAmountInHomeCurrency())
                .isEqualTo(new Money(new BigDecimal("4423.9631"), "EUR"));
        assertThat(latest(deals, org.key("006Dn00000Op1aCIAR")).getLossReason()).isEqualTo("Price");
        assertThat(latest(deals, org.key("006Dn00000Op1aFIAR")).getOp()).isEqualTo(Op.DELETE);
        DeadLetter unreadable = latest(read(Topics.dlq(Topics.DEALS), DeadLetter.class, org.key("006Dn00000Op1aEIAR"),
                r -> true), org.key("006Dn00000Op1aEIAR"));
        assertThat(unreadable.getErrorMessage()).isEqualTo("field 'CloseDate' is not a date: \"2024-02-30\"");
        assertThat(unreadable.getStage()).isEqualTo("connector-service/salesforce-sync");
        assertThat(new String(unreadable.getOriginalValue().array(), StandardCharsets.UTF_8))
                .contains("\"Id\":\"006Dn00000Op1aEIAR\"");
        Owner inactive = latest(read(Topics.OWNERS, Owner.class, org.key("005Dn00000AbCdFIA1"), r -> true),
                org.key("005Dn00000AbCdFIA1"));
        assertThat(inactive.getActive()).isFalse();
        Product day = latest(read(Topics.PRODUCTS, Product.class, org.key("01tDn00000Pr0d1IAA"), r -> true),
                org.key("01tDn00000Pr0d1IAA"));
        assertThat(day.getUnitPrice()).isEqualTo(new Money(new BigDecimal("950.0000"), "EUR"));
        Contact ada = latest(read(Topics.CONTACTS, Contact.class, org.key("003Dn00000Qw3rTIAA"), r -> true),
                org.key("003Dn00000Qw3rTIAA"));
        assertThat(ada.getEmails()).containsExactly("ada@acme.example");
        assertThat(latest(read(Topics.LEADS, Lead.class, org.key("00QDn00000Lm4nQIAA"), r -> true),
                org.key("00QDn00000Lm4nQIAA")).getStatus()).isEqualTo(LeadStatus.QUALIFIED);

        // The mappings the sync applied, from Salesforce's own metadata, are there to see and edit.
        JsonPath stages = given().get("/api/tenants/{tenant}/connections/{id}/stage-mapping", org.tenant, connection)
                .then().statusCode(200).extract().jsonPath();
        assertThat(stages.getMap("find { it.stageId == 'Closed Won' }")).containsEntry("category", "WON")
                .containsEntry("pipelineId", "default").containsEntry("edited", false);
        assertThat(stages.getMap("find { it.stageId == 'Closed Lost' }")).containsEntry("category", "LOST");
        JsonPath leadStatuses = given().get("/api/tenants/{tenant}/connections/{id}/lead-status-mapping", org.tenant,
                connection).then().statusCode(200).extract().jsonPath();
        assertThat(leadStatuses.getMap("find { it.rawStatus == 'Sales Qualified' }")).containsEntry("status", "QUALIFIED");

        JsonPath incremental = runToEnd(org.tenant, connection, "INCREMENTAL");
        assertThat(incremental.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(incremental, "Opportunity")).containsEntry("fetched", 2).containsEntry("published", 1)
                .containsEntry("deleted", 0);
        assertThat(entity(incremental, "Lead")).containsEntry("published", 1).containsEntry("deleted", 1);
        assertThat(entity(incremental, "OpportunityLineItem")).containsEntry("fetched", 1).containsEntry("published", 1);
        assertThat(entity(incremental, "Account")).containsEntry("published", 0);
        Deal movedToWon = latest(read(Topics.DEALS, Deal.class, org.key("006Dn00000Op1aBIAR"),
                r -> r.value().getStageCategory() == StageCategory.WON), org.key("006Dn00000Op1aBIAR"));
        assertThat(movedToWon.getClosedAt()).isNotNull();
        assertThat(movedToWon.getPrimaryContactId()).isEqualTo("003Dn00000Qw3rUIAA");
        // The removed line item is a new version of its opportunity, without it.
        Deal withoutLicence = latest(read(Topics.DEALS, Deal.class, org.key("006Dn00000Op1aAIAR"),
                r -> r.value().getLineItems().size() == 1), org.key("006Dn00000Op1aAIAR"));
        assertThat(withoutLicence.getSourceUpdatedAt()).isAfter(won.getSourceUpdatedAt());
        assertThat(latest(read(Topics.LEADS, Lead.class, org.key("00QDn00000Lm4nOIAA"), r -> r.value().getOp() == Op.DELETE),
                org.key("00QDn00000Lm4nOIAA")).getOp()).isEqualTo(Op.DELETE);
        // Incremental reads go from the stored cursor, minus the lookback, to a few seconds ago.
        SALESFORCE.verify(getRequestedFor(urlPathEqualTo(DATA + "/queryAll"))
                .withHeader("Authorization", equalTo("Bearer " + org.accessToken))
                .withQueryParam("q", matching(".*\\) FROM Opportunity WHERE SystemModstamp >= 2024-06-30T07:58:00Z"
                        + " AND SystemModstamp < 20\\d\\d-.* ORDER BY SystemModstamp, Id")));

        // Everything the next run reads again at the cursors was published already.
        JsonPath again = runToEnd(org.tenant, connection, "INCREMENTAL");
        assertThat(again.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(again.getList("entities.published", Integer.class)).allMatch(published -> published == 0);
        assertThat(entity(again, "Opportunity")).containsEntry("fetched", 1);
        assertThat(entity(again, "Lead")).containsEntry("fetched", 1);
    }

    @Test
    void aRunThatFailsMidwayResumesFromTheLastAcknowledgedPage() {
        Org org = new Org("resume");
        String connection = org.connect();
        // The query locator of the second page expired before the run asked for it.
        SALESFORCE.stubFor(org.own(get(urlEqualTo(DATA + "/query/01gDn00000Qry01IAA-2000")))
                .willReturn(file("error-400-invalid-locator.json").withStatus(400)));

        JsonPath failed = runToEnd(org.tenant, connection, "FULL");
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).contains("INVALID_QUERY_LOCATOR");
        assertThat(entity(failed, "Opportunity")).containsEntry("published", 3);

        JsonPath resumed = runToEnd(org.tenant, connection, "INCREMENTAL");
        assertThat(resumed.getString("state")).isEqualTo("SUCCEEDED");
        // From the newest row of the first page (Initech renewal, 11:00), less the lookback.
        SALESFORCE.verify(getRequestedFor(urlPathEqualTo(DATA + "/queryAll"))
                .withHeader("Authorization", equalTo("Bearer " + org.accessToken))
                .withQueryParam("q", matching(".*\\) FROM Opportunity WHERE SystemModstamp >= 2024-06-29T10:58:00Z .*")));
        assertThat(entity(resumed, "Opportunity")).containsEntry("published", 2).containsEntry("deleted", 1);
        assertThat(latest(read(Topics.DEALS, Deal.class, org.key("006Dn00000Op1aFIAR"), r -> true),
                org.key("006Dn00000Op1aFIAR")).getOp()).isEqualTo(Op.DELETE);
    }

    @Test
    void aLargeFullReadGoesThroughBulkApiJobsWhichAreDeletedAfterwards() {
        Org org = new Org("bulk");
        String connection = org.connect();
        SALESFORCE.stubFor(org.own(queryAll("SELECT COUNT\\(\\) FROM Opportunity WHERE .*")).willReturn(file("count-large.json")));
        bulkJob(org, "line-items", "750Dn00000Bq0L1IAA", "FROM OpportunityLineItem WHERE IsDeleted = false");
        bulkJob(org, "contact-roles", "750Dn00000Bq0C1IAA", "FROM OpportunityContactRole WHERE IsDeleted = false");
        bulkJob(org, "opportunities", "750Dn00000Bq0O1IAA", "FROM Opportunity WHERE SystemModstamp <");
        SALESFORCE.stubFor(org.own(get(urlPathEqualTo(DATA + "/jobs/query/750Dn00000Bq0L1IAA/results")))
                .willReturn(csv("bulk-line-items.csv", "null")));
        SALESFORCE.stubFor(org.own(get(urlPathEqualTo(DATA + "/jobs/query/750Dn00000Bq0C1IAA/results")))
                .willReturn(csv("bulk-contact-roles.csv", "null")));
        SALESFORCE.stubFor(org.own(get(urlPathEqualTo(DATA + "/jobs/query/750Dn00000Bq0O1IAA/results"))
                .withQueryParam("locator", WireMock.absent())).willReturn(csv("bulk-opportunities-1.csv", "MjAwMDA")));
        SALESFORCE.stubFor(org.own(get(urlPathEqualTo(DATA + "/jobs/query/750Dn00000Bq0O1IAA/results"))
                .withQueryParam("locator", equalTo("MjAwMDA"))).willReturn(csv("bulk-opportunities-2.csv", "null")));
        SALESFORCE.stubFor(org.own(WireMock.delete(urlPathMatching(DATA + "/jobs/query/.*")))
                .willReturn(aResponse().withStatus(204)));

        JsonPath full = runToEnd(org.tenant, connection, "FULL");

        assertThat(full.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(full, "Opportunity")).containsEntry("published", 4).containsEntry("deleted", 1)
                .containsEntry("rejected", 0);
        List<ConsumerRecord<String, Deal>> deals = read(Topics.DEALS, Deal.class, org.key("006Dn00000Op1aFIAR"), r -> true);
        Deal won = latest(deals, org.key("006Dn00000Op1aAIAR"));
        assertThat(won.getLineItems()).extracting(LineItem::getLineItemId)
                .containsExactly("00kDn00000Li01AIAR", "00kDn00000Li02AIAR");
        assertThat(won.getPrimaryContactId()).isEqualTo("003Dn00000Qw3rTIAA");
        assertThat(won.getSourceUpdatedAt()).isEqualTo(java.time.Instant.parse("2024-06-29T09:00:00Z"));
        assertThat(latest(deals, org.key("006Dn00000Op1aBIAR")).getName()).isEqualTo("Globex pilot, phase \"one\"");
        assertThat(latest(deals, org.key("006Dn00000Op1aCIAR")).getLossReason())
                .isEqualTo("Price\n(competitor offered 20% less)");
        for (String job : List.of("750Dn00000Bq0L1IAA", "750Dn00000Bq0C1IAA", "750Dn00000Bq0O1IAA")) {
            SALESFORCE.verify(1, deleteRequestedFor(urlPathEqualTo(DATA + "/jobs/query/" + job)));
        }
        SALESFORCE.verify(postRequestedFor(urlPathEqualTo(DATA + "/jobs/query"))
                .withHeader("Authorization", equalTo("Bearer " + org.accessToken))
                .withRequestBody(matchingJsonPath("$.operation", equalTo("queryAll")))
                .withRequestBody(matchingJsonPath("$.contentType", equalTo("CSV"))));
    }

    @Test
    void aRunStopsAtItsShareOfTheDailyApiLimitAndTheNextRunGoesOn() {
        Org org = new Org("budget");
        String connection = org.connect();
        // 40 calls left today: the run may spend half of them.
        USAGE.set(ApiUsage.DAILY_LIMIT - 40);
        JsonPath stopped;
        try {
            stopped = runToEnd(org.tenant, connection, "INCREMENTAL");
        } finally {
            USAGE.set(250);
        }
        assertThat(stopped.getString("state")).isEqualTo("INCOMPLETE");
        assertThat(stopped.getString("error")).contains("stopped at the API budget")
                .contains("50 % of the 39");
        // The first answer said 14,961 of 15,000 used: the run stops once the org reports 14,980.
        assertThat(stopped.getInt("apiCalls")).isEqualTo(20);
        assertThat(stopped.getList("entities.state")).contains("INCOMPLETE").doesNotContain("FAILED");

        JsonPath next = runToEnd(org.tenant, connection, "INCREMENTAL");
        assertThat(next.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(entity(next, "Product2")).containsEntry("state", "SUCCEEDED");
    }

    @Test
    void anExhaustedDailyLimitPausesTheConnectionWithoutRetries() {
        Org org = new Org("exhausted");
        String connection = org.connect();
        SALESFORCE.stubFor(org.own(queryAll("SELECT Id.* FROM Account WHERE .*"))
                .willReturn(file("error-403-request-limit.json").withStatus(403)));

        JsonPath run = runToEnd(org.tenant, connection, "INCREMENTAL");

        assertThat(run.getString("state")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("PAUSED until").contains("REQUEST_LIMIT_EXCEEDED", "TotalRequests");
        assertThat(entity(run, "Account")).containsEntry("state", "INCOMPLETE");
        assertThat(entity(run, "User")).containsEntry("state", "SUCCEEDED");
        SALESFORCE.verify(1, getRequestedFor(urlPathEqualTo(DATA + "/queryAll"))
                .withHeader("Authorization", equalTo("Bearer " + org.accessToken))
                .withQueryParam("q", matching("SELECT Id.* FROM Account WHERE .*")));
        given().contentType(ContentType.JSON).body(Map.of("mode", "INCREMENTAL"))
                .post("/api/tenants/{tenant}/connections/{id}/sync", org.tenant, connection).then().statusCode(409)
                .body("detail", containsString("paused until"));
        given().get("/api/tenants/{tenant}/connections/{id}", org.tenant, connection).then()
                .body("status", is("ACTIVE"));
    }

    @Test
    void anInvalidSessionRefreshesTheTokenStoresTheRotatedRefreshTokenAndARevokedGrantAsksForConsent() throws Exception {
        Org org = new Org("refresh");
        String connection = org.connect();
        SALESFORCE.stubFor(org.own(get(urlPathMatching(DATA + "/.*")))
                .willReturn(file("error-401-invalid-session.json").withStatus(401)));
        SALESFORCE.stubFor(post(urlEqualTo(org.tokenPath)).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + org.refreshToken))
                .willReturn(okJson(tokens(org, "00DDn0000refresh!at-2", "5Aep861refresh.rt-2"))));

        JsonPath run = runToEnd(org.tenant, connection, "INCREMENTAL");

        assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(decrypted(connection, "access_token")).isEqualTo("00DDn0000refresh!at-2");
        assertThat(decrypted(connection, "refresh_token")).isEqualTo("5Aep861refresh.rt-2");
        SALESFORCE.verify(1, postRequestedFor(urlEqualTo(org.tokenPath))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("client_id=" + CLIENT_ID)));

        // The user revoked the app's access: the new token is refused, and so is the refresh.
        SALESFORCE.stubFor(get(urlPathMatching(DATA + "/.*")).atPriority(OWN)
                .withHeader("Authorization", equalTo("Bearer 00DDn0000refresh!at-2"))
                .willReturn(file("error-401-invalid-session.json").withStatus(401)));
        SALESFORCE.stubFor(post(urlEqualTo(org.tokenPath)).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=5Aep861refresh.rt-2"))
                .willReturn(file("token-invalid-grant.json").withStatus(400)));

        JsonPath refused = runToEnd(org.tenant, connection, "INCREMENTAL");
        assertThat(refused.getString("state")).isEqualTo("FAILED");
        assertThat(refused.getString("error")).startsWith("NEEDS_REAUTH").contains("invalid_grant")
                .doesNotContain("5Aep861refresh.rt-2");
        given().get("/api/tenants/{tenant}/connections/{id}", org.tenant, connection).then()
                .body("status", is("NEEDS_REAUTH"));
    }

    @Test
    void disconnectingRevokesTheRefreshTokenAtTheLoginHost() throws Exception {
        Org org = new Org("leaving");
        String connection = org.connect();
        SALESFORCE.stubFor(post(urlEqualTo(org.revokePath)).willReturn(aResponse().withStatus(200)));

        given().delete("/api/tenants/{tenant}/connections/{id}", org.tenant, connection).then().statusCode(204);

        SALESFORCE.verify(1, postRequestedFor(urlEqualTo(org.revokePath))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("token=" + org.refreshToken)));
        given().get("/api/tenants/{tenant}/connections/{id}", org.tenant, connection).then()
                .body("status", is("DISCONNECTED"))
                .body("statusReason", is("disconnected by a user"));
        assertThat(ConnectionRows.column(connection, "refresh_token")).isNull();
    }

    /** One org: its tenant, its login host's paths on the WireMock, and the tokens its consent hands out. */
    private static final class Org {
        final String name;
        final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        final String tokenPath;
        final String revokePath;
        final String accessToken;
        final String refreshToken;

        Org(String name) {
            this.name = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            this.tokenPath = "/" + this.name + "/services/oauth2/token";
            this.revokePath = "/" + this.name + "/services/oauth2/revoke";
            this.accessToken = "00DDn0000" + name + "!at-1";
            this.refreshToken = "5Aep861" + name + ".rt-1";
        }

        /** Creates the OAuth connection on this org's login host and completes the consent. */
        String connect() {
            SALESFORCE.stubFor(post(urlEqualTo(tokenPath)).withRequestBody(containing("grant_type=authorization_code"))
                    .withRequestBody(containing("code=aPrx" + name))
                    .willReturn(okJson(tokens(this, accessToken, refreshToken))));
            given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR", "timeZone", "Europe/Berlin"))
                    .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
            var created = given().contentType(ContentType.JSON)
                    .body(Map.of("crm", "salesforce", "displayName", "Northwind " + name,
                            "settings", Map.of("syncInvoicesSince", "2024-01-01T00:00:00Z"),
                            "oauth", Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET,
                                    "redirectUri", "https://ledgerline.test/oauth/callback",
                                    "scopes", List.of("api", "refresh_token")),
                            "tokenUrl", SALESFORCE.baseUrl() + tokenPath,
                            "authorizeUrl", SALESFORCE.baseUrl() + "/" + name + "/services/oauth2/authorize"))
                    .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201).extract();
            String authorizeUrl = created.path("authorizeUrl");
            assertThat(authorizeUrl).startsWith(SALESFORCE.baseUrl() + "/" + name + "/services/oauth2/authorize?")
                    .contains("scope=api+refresh_token");
            String state = authorizeUrl.replaceAll(".*[?&]state=([^&]+).*", "$1");
            given().queryParam("code", "aPrx" + name).queryParam("state", state).get("/oauth/callback")
                    .then().statusCode(200).body("status", is("ACTIVE"))
                    // instance_url of the token response: the org's API host from now on.
                    .body("apiBaseUrl", is(SALESFORCE.baseUrl()));
            return created.path("connection.id");
        }

        /** An answer for this org only: it matches its access token and outranks the shared answers. */
        MappingBuilder own(MappingBuilder request) {
            return request.atPriority(OWN).withHeader("Authorization", equalTo("Bearer " + accessToken));
        }

        String key(String id) {
            return Keys.of(tenant, "SALESFORCE", id);
        }
    }

    /** Salesforce's token response: no expires_in; instance_url names the org's API host. */
    private static String tokens(Org org, String accessToken, String refreshToken) {
        return """
                {"access_token":"%s","refresh_token":"%s","signature":"uT0l3sK9yQ2m0E1v6eW8nJkA0cV4rT5bXq7oZ1yPjHk=",
                "scope":"refresh_token api","instance_url":"%s",
                "id":"%s/id/00DDn00000Org01MAA/005Dn00000AbCdEIA1","token_type":"Bearer","issued_at":"1720087200000"}
                """.formatted(accessToken, refreshToken, SALESFORCE.baseUrl(), SALESFORCE.baseUrl() + "/" + org.name);
    }

    private static void bulkJob(Org org, String fixture, String jobId, String queryPart) {
        SALESFORCE.stubFor(org.own(post(urlPathEqualTo(DATA + "/jobs/query")))
                .withRequestBody(matchingJsonPath("$.query", containing(queryPart)))
                .willReturn(file("bulk-job-" + fixture + "-created.json")));
        SALESFORCE.stubFor(org.own(get(urlPathEqualTo(DATA + "/jobs/query/" + jobId))).inScenario(jobId)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("complete")
                .willReturn(file("bulk-job-" + fixture + "-in-progress.json")));
        SALESFORCE.stubFor(org.own(get(urlPathEqualTo(DATA + "/jobs/query/" + jobId))).inScenario(jobId)
                .whenScenarioStateIs("complete").willReturn(file("bulk-job-" + fixture + "-complete.json")));
    }

    private static MappingBuilder queryAll(String soql) {
        return get(urlPathEqualTo(DATA + "/queryAll")).atPriority(SHARED).withQueryParam("q", matching(soql));
    }

    private static MappingBuilder query(String part) {
        return get(urlPathEqualTo(DATA + "/query")).atPriority(SHARED).withQueryParam("q", containing(part));
    }

    private static ResponseDefinitionBuilder file(String name) {
        return aResponse().withHeader("Content-Type", "application/json;charset=UTF-8").withBodyFile(name);
    }

    private static ResponseDefinitionBuilder csv(String name, String locator) {
        return aResponse().withHeader("Content-Type", "text/csv").withHeader(BulkQuery.LOCATOR, locator)
                .withHeader("Sforce-NumberOfRecords", "2").withBodyFile(name);
    }

    private static Map<String, Object> entity(JsonPath run, String entity) {
        return run.getMap("entities.find { it.entity == '" + entity + "' }");
    }

    /** The topic's records up to the one with {@code untilKey} that matches. */
    private static <T extends SpecificRecord> List<ConsumerRecord<String, T>> read(String topic, Class<T> type,
            String untilKey, Predicate<ConsumerRecord<String, T>> matching) {
        return TopicProbe.readUntil(DevstackResource.bootstrapServers(), topic, AvroSerde.of(type).deserializer(),
                r -> r.key().equals(untilKey) && matching.test(r), Duration.ofSeconds(20));
    }

    private static <T> T latest(List<ConsumerRecord<String, T>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow().value();
    }

    private String decrypted(String connection, String column) throws Exception {
        return cipher.decrypt((byte[]) ConnectionRows.column(connection, column),
                "crm_connection/" + connection + "/" + column);
    }
}
