package dev.ledgerline.connector.sync;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** Runs of a connection started through the API, for tests that run a whole sync. */
public final class SyncRuns {
    private SyncRuns() {
    }

    /** Queues a run of the connection and returns the run's progress once it has ended. */
    public static JsonPath runToEnd(String tenant, String connection, String mode) {
        String run = given().contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/api/tenants/{tenant}/connections/{id}/sync", tenant, connection).then().statusCode(202)
                .extract().path("id");
        return awaitEnd(tenant, connection, run);
    }

    /** The run's progress once it has ended (started by the API, the scheduler or a webhook). */
    public static JsonPath awaitEnd(String tenant, String connection, String run) {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/api/tenants/{tenant}/connections/{id}/runs/{run}", tenant, connection, run)
                                .then().statusCode(200).extract().jsonPath(),
                        json -> !List.of("QUEUED", "RUNNING").contains(json.getString("state")));
    }
}
