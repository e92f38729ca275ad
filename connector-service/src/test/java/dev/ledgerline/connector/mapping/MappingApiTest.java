package dev.ledgerline.connector.mapping;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class MappingApiTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final String BASE = "/api/tenants/{tenant}/connections/{id}/";

    @Test
    void aStageMappingIsReplacedWholeAndMarkedEdited() {
        String tenant = "t-" + UUID.randomUUID();
        String id = connection(tenant);
        List<Map<String, Object>> mapping = List.of(
                Map.of("pipelineId", "default", "stageId", "closedwon", "stageLabel", "Closed Won",
                        "category", "WON", "probability", 1.0),
                Map.of("pipelineId", "default", "stageId", "contractsent", "stageLabel", "Contract Sent",
                        "category", "OPEN", "probability", 0.9),
                Map.of("pipelineId", "75e28846-ad0d-4be2-a027-5e1da6590b98", "stageId", "9f3b5e4c",
                        "pipelineLabel", "Renewals", "stageLabel", "Signed", "category", "WON", "probability", 1));

        given().contentType(ContentType.JSON).body(mapping).put(BASE + "stage-mapping", tenant, id)
                .then().statusCode(200).body("", hasSize(3));
        given().contentType(ContentType.JSON).body(mapping.subList(0, 2)).put(BASE + "stage-mapping", tenant, id)
                .then().statusCode(200);

        given().get(BASE + "stage-mapping", tenant, id).then().statusCode(200)
                .body("stageId", contains("closedwon", "contractsent"))
                .body("edited", contains(true, true))
                .body("[1].probability", equalTo(0.9f));
    }

    @Test
    void anInvalidStageNamesItsPositionAndField() {
        String tenant = "t-" + UUID.randomUUID();
        String id = connection(tenant);
        given().contentType(ContentType.JSON)
                .body(List.of(Map.of("pipelineId", "default", "stageId", "closedwon", "category", "WON", "probability", 1.5)))
                .put(BASE + "stage-mapping", tenant, id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("[0].probability"));
        given().contentType(ContentType.JSON)
                .body(List.of(Map.of("pipelineId", "default", "stageId", "x", "category", "MAYBE", "probability", 0.5)))
                .put(BASE + "stage-mapping", tenant, id)
                .then().statusCode(400).body("violations.field", hasItem("[0].category"));
        given().get(BASE + "stage-mapping", tenant, UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aLeadStatusMappingRoundTrips() {
        String tenant = "t-" + UUID.randomUUID();
        String id = connection(tenant);
        given().contentType(ContentType.JSON)
                .body(List.of(Map.of("rawStatus", "IN_PROGRESS", "status", "WORKING"),
                        Map.of("rawStatus", "CONNECTED", "status", "QUALIFIED")))
                .put(BASE + "lead-status-mapping", tenant, id).then().statusCode(200);
        given().get(BASE + "lead-status-mapping", tenant, id).then().statusCode(200)
                .body("rawStatus", contains("CONNECTED", "IN_PROGRESS"))
                .body("status", contains("QUALIFIED", "WORKING"));
        given().contentType(ContentType.JSON)
                .body(List.of(Map.of("rawStatus", "NEW", "status", "NEW"), Map.of("rawStatus", "NEW", "status", "WORKING")))
                .put(BASE + "lead-status-mapping", tenant, id).then().statusCode(400)
                .body("violations.field", hasItem("[1].rawStatus"));
    }

    private static String connection(String tenant) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "Portal", "apiToken", "pat-na1-11111111-2222"))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id");
    }
}
