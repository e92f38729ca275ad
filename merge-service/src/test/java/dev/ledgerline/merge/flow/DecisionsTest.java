package dev.ledgerline.merge.flow;

import static dev.ledgerline.merge.MergeWire.connection;
import static dev.ledgerline.merge.MergeWire.contact;
import static dev.ledgerline.merge.MergeWire.deal;
import static dev.ledgerline.merge.MergeWire.of;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.merge.MergeTestSupport;
import dev.ledgerline.merge.MergeWire;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.CustomerScope;
import dev.ledgerline.wire.LinkDecision;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.SourceLink;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decisions over REST take effect at once, are recorded with who and when, and re-publish what they change. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "merge"))
class DecisionsTest extends MergeTestSupport {

    @Test
    void aManualMergeLinksTheRecordAndReleasesItsPendingDeal() {
        String existing = personCustomer("1001", "Hanna", "Berg", "hanna@berg.example");
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, false, CustomerScope.DEALS_ONLY, true,
                        MergeWire.T0.plusSeconds(10)),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "1002").setFirstName("H.").setLastName("Berg-Lund")
                        .setEmails(List.of("hb@lund.example")).build()),
                of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-10").setPrimaryContactId("1002")
                        .setContactIds(List.of("1002")).build()));

        JsonPath queue = api().get("/reviews").then().statusCode(200).extract().jsonPath();
        assertThat(queue.getList("items.reason")).containsExactly("NO_MATCH_AUTO_MERGE_OFF");
        String item = queue.getString("items[0].id");
        api().get("/reviews/" + item).then().statusCode(200).body("record.externalId", equalTo("1002"))
                .body("record.fields.lastName", equalTo("Berg-Lund"));

        // A viewer may look but not decide; the decision is still open afterwards.
        given().auth().oauth2(DevTokens.issue(tenant, "viewer")).contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + existing + "\"}")
                .post("/api/tenants/{t}/reviews/{id}/merge", tenant, item)
                .then().statusCode(403).contentType(containsString("problem+json"));
        api().get("/reviews/" + item).then().statusCode(200).body("state", equalTo("OPEN"));
        // Who decided is the token's subject, whatever the request claims.
        api().header("X-Ledgerline-User", "mallory").contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + existing + "\",\"who\":\"mallory\"}")
                .post("/reviews/" + item + "/merge").then().statusCode(200).body("state", equalTo("MERGED"));

        output.await(o -> o.deals().containsKey("d-10"));
        assertThat(output.deals().get("d-10").getCustomerId()).isEqualTo(existing);
        Customer merged = output.await(o -> o.customers().get(existing).getSourceLinks().size() == 2)
                .customers().get(existing);
        assertThat(merged.getSourceLinks()).extracting(SourceLink::getDecision, SourceLink::getDecidedBy)
                .contains(org.assertj.core.groups.Tuple.tuple(LinkDecision.REVIEW_MERGE, "reviewer@tenant"));
        assertThat(rows("select action, actor from decision where tenant_id = ?", tenant))
                .containsExactly(java.util.Map.of("action", "REVIEW_MERGE", "actor", "reviewer@tenant"));
        api().contentType(ContentType.JSON).body("{\"customerId\":\"" + existing + "\"}")
                .post("/reviews/" + item + "/merge").then().statusCode(409);
    }

    @Test
    void createCustomerAndDismissAreDecisionsToo() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, false, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "1101").setFirstName("Olga").setLastName("Ivanova")
                        .setEmails(List.of("olga@ivanova.example")).build()),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "1102").setFirstName("Test").setLastName("Test")
                        .build()));
        List<String> items = api().get("/reviews").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(items).hasSize(2);

        api().post("/reviews/" + items.get(0) + "/create-customer").then().statusCode(200)
                .body("state", equalTo("CREATED"));
        api().post("/reviews/" + items.get(1) + "/dismiss").then().statusCode(200).body("state", equalTo("DISMISSED"));

        output.await(o -> o.customers().size() == 1);
        assertThat(api().get("/reviews").then().extract().jsonPath().getList("items")).isEmpty();
        assertThat(api().get("/reviews?state=DISMISSED").then().extract().jsonPath().getList("items")).hasSize(1);
        api().get("/reviews?state=SOMETIMES").then().statusCode(400).body("violations[0].field", equalTo("state"));
    }

    @Test
    void customersAreSearchedAndShownWithEveryLinkAndWhy() {
        String id = personCustomer("1201", "Zofia", "Wojciechowska", "zofia@wojciechowska.example");
        publish(of(contact(tenant, SALESFORCE, CrmSource.SALESFORCE, "003Z").setFirstName("Zofia")
                .setLastName("Wojciechowska").setEmails(List.of("ZOFIA@wojciechowska.example")).build()));
        output.await(o -> o.customers().get(id).getSourceLinks().size() == 2);

        api().get("/customers?q=WOJCIECH").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(id)).body("items[0].sourceLinks", equalTo(2));
        api().get("/customers?q=nobody").then().statusCode(200).body("total", equalTo(0));
        JsonPath detail = api().get("/customers/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("sourceLinks.rule")).containsExactly("NEW_CUSTOMER", "SAME_EMAIL");
        assertThat(detail.getString("sourceLinks[1].explanation.fields.find { it.field == 'EMAIL' }.level"))
                .isEqualTo("EXACT");
        api().get("/customers/nope").then().statusCode(404).contentType(containsString("problem+json"));
        api().get("/customers?size=0").then().statusCode(400).body("violations[0].field", equalTo("size"));
    }

    @Test
    void mergingTwoCustomersAndSplittingALinkOffRepublishWhatTheyChange() {
        String first = personCustomer("1301", "Ines", "Duarte", "ines@duarte.example");
        publish(of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "1302").setFirstName("Ines").setLastName("Duarte Silva")
                .setEmails(List.of("ines.silva@other.example")).setDealIds(List.of("d-13")).build()),
                of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-13").setPrimaryContactId("1302").build()));
        String second = output.await(o -> o.deals().containsKey("d-13")).deals().get("d-13").getCustomerId();
        assertThat(second).isNotEqualTo(first);

        api().contentType(ContentType.JSON).body("{\"intoCustomerId\":\"" + first + "\"}")
                .post("/customers/" + second + "/merge").then().statusCode(200).body("sourceLinks", org.hamcrest.Matchers.hasSize(2));

        output.await(o -> !o.customers().containsKey(second) && o.deals().get("d-13").getCustomerId().equals(first));
        assertThat(output.customerRecords()).filteredOn(c -> c.getCustomerId().equals(second) && c.getOp() == Op.DELETE)
                .extracting(Customer::getMergedIntoCustomerId).containsExactly(first);

        long link = ((Number) rows("""
                select l.id from source_link l join crm_record r on r.id = l.crm_record_id
                 where l.tenant_id = ? and r.external_id = '1302'""", tenant).get(0).get("id")).longValue();
        String split = api().post("/customers/" + first + "/links/" + link + "/split").then().statusCode(200)
                .extract().jsonPath().getString("id");

        output.await(o -> o.customers().containsKey(split) && o.deals().get("d-13").getCustomerId().equals(split)
                && o.customers().get(first).getSourceLinks().size() == 1);
        api().post("/customers/" + split + "/links/" + link + "/split").then().statusCode(409);
        assertThat(rows("select action from decision where tenant_id = ? order by id", tenant))
                .extracting(row -> row.get("action")).containsExactly("CUSTOMER_MERGE", "LINK_SPLIT");
    }

    private String personCustomer(String id, String first, String last, String email) {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                connection(tenant, SALESFORCE, CrmSource.SALESFORCE, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, id).setFirstName(first).setLastName(last)
                        .setEmails(List.of(email)).build()));
        return output.await(o -> o.customers().size() == 1).customers().keySet().iterator().next();
    }

    private io.restassured.specification.RequestSpecification api() {
        return given().basePath("/api/tenants/" + tenant).auth().oauth2(DevTokens.issue(tenant, "reviewer", "reviewer@tenant"));
    }
}
