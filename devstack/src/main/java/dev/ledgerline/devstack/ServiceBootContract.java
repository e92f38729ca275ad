package dev.ledgerline.devstack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/**
 * What every Ledgerline service promises an operator once it has booted: live, ready with each of its
 * dependencies checked, Prometheus metrics, an OpenAPI document, and a console log that masks personal data and
 * secrets. A service's boot test extends it,
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

    /** The console handler masks what it writes (the log-masking filter, installed by configuration). */
    @Test
    void masksPersonalDataAndSecretsOnItsConsole() {
        List<ConsoleHandler> consoles = new ArrayList<>();
        collectConsoles(LogContext.getLogContext().getLogger("").getHandlers(), consoles);
        assertFalse(consoles.isEmpty(), "the root logger has a console handler");
        for (ConsoleHandler console : consoles) {
            ExtLogRecord record = new ExtLogRecord(Level.INFO, "Contact %s, phone %s, %s",
                    ExtLogRecord.FormatStyle.PRINTF, ServiceBootContract.class.getName());
            record.setParameters(new Object[] {"jane.doe@example.com", "+49 30 1234567", "Bearer at-9f8e7d6c5b4a"});
            assertNotNull(console.getFilter(), "the console handler has a filter");
            assertTrue(console.getFilter().isLoggable(record), "the filter drops no record");
            String written = record.getFormattedMessage();
            for (String clear : List.of("jane.doe@example.com", "1234567", "at-9f8e7d6c5b4a")) {
                assertFalse(written.contains(clear), () -> "the console would write '" + clear + "': " + written);
            }
            assertTrue(written.contains("j***@example.com"), () -> "masked address in: " + written);
        }
    }

    private static void collectConsoles(Handler[] handlers, List<ConsoleHandler> consoles) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                consoles.add(console);
            } else if (handler instanceof ExtHandler parent) {
                collectConsoles(parent.getHandlers(), consoles);
            }
        }
    }
}
