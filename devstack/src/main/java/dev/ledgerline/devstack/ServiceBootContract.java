package dev.ledgerline.devstack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every Ledgerline service promises an operator once it has booted: live, ready with each of its
 * dependencies checked, Prometheus metrics and an OpenAPI document. A service's boot test extends it,
 * runs as a {@code @QuarkusTest} on {@link DevstackResource}, and names the readiness checks it must pass. The
 * metrics it reads are kept by {@link MetricsSnapshot} for the deploy module's checks of alerts and dashboards.
 */
public abstract class ServiceBootContract {
    public static final String DATABASE_CHECK = "Database connections health check";
    public static final String KAFKA_CHECK = "Kafka connection health check";
    public static final String KAFKA_STREAMS_TOPICS_CHECK = "Kafka Streams topics health check";

    private final String serviceName;
    private final List<String> readinessChecks;

    protected ServiceBootContract(String serviceName, String... readinessChecks) {
        this.serviceName = serviceName;
        this.readinessChecks = List.of(readinessChecks);
    }

    @Test
    void isLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyWithEveryDependencyChecked() {
        // A Kafka Streams application turns ready only once its stream threads are RUNNING.
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks.toArray(String[]::new))));
    }

    @Test
    void servesPrometheusMetrics() {
        // Once ready, the Kafka clients have registered their metrics too.
        isReadyWithEveryDependencyChecked();
        String metrics = given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("process_uptime_seconds"))
                .extract().asString();
        MetricsSnapshot.save(serviceName, metrics);
    }

    @Test
    void servesItsOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Ledgerline " + serviceName));
    }
}
