package dev.ledgerline.connector.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ledgerline.connector.connection.ConnectionMetrics;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A token the CRM no longer accepts fails the run with that reason and asks the user to connect again. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class RevokedTokenSyncTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }


    @Inject
    ConnectionMetrics connectionMetrics;

    @Test
    void aRevokedTokenMarksTheConnectionNeedsReauth() {
        WireMockServer hubspot = new WireMockServer(wireMockConfig().dynamicPort().usingFilesUnderClasspath("hubspot"));
        hubspot.start();
        try {
            hubspot.stubFor(WireMock.any(anyUrl()).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json").withBodyFile("error-401.json")));
            String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
            given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR"))
                    .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
            String connection = given().contentType(ContentType.JSON)
                    .body(Map.of("crm", "hubspot", "displayName", "Revoked", "apiToken", "pat-eu1-revoked-0001",
                            "apiBaseUrl", hubspot.baseUrl()))
                    .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                    .extract().path("connection.id");

            String run = given().contentType(ContentType.JSON).body(Map.of("mode", "INCREMENTAL"))
                    .post("/api/tenants/{tenant}/connections/{id}/sync", tenant, connection).then().statusCode(202)
                    .extract().path("id");
            String state = Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> given().get("/api/tenants/{tenant}/connections/{id}/runs/{run}", tenant, connection, run)
                            .then().extract().path("state"), s -> !List.of("QUEUED", "RUNNING").contains(s));

            assertThat(state).isEqualTo("FAILED");
            given().get("/api/tenants/{tenant}/connections/{id}/runs/{run}", tenant, connection, run).then()
                    .body("error", org.hamcrest.Matchers.startsWith("NEEDS_REAUTH"));
            given().get("/api/tenants/{tenant}/connections/{id}", tenant, connection).then()
                    .body("status", equalTo("NEEDS_REAUTH"));
            // Counted for the operators' alert on connections that need a user's consent again.
            connectionMetrics.refresh();
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            String needsReauth = metrics.lines().filter(line -> line.startsWith(
                    "ledgerline_connections{status=\"NEEDS_REAUTH\"}")).findFirst().orElseThrow();
            assertThat(Double.parseDouble(needsReauth.substring(needsReauth.lastIndexOf(' ') + 1)))
                    .isGreaterThanOrEqualTo(1.0);
            // Nothing more is attempted until a user connects again.
            given().contentType(ContentType.JSON).body(Map.of("mode", "INCREMENTAL"))
                    .post("/api/tenants/{tenant}/connections/{id}/sync", tenant, connection).then().statusCode(409);
            hubspot.verify(WireMock.exactly(0), WireMock.anyRequestedFor(urlPathEqualTo("/crm/v3/objects/deals")));
        } finally {
            hubspot.stop();
        }
    }
}
