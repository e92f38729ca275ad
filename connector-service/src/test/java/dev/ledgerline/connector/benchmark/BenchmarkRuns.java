package dev.ledgerline.connector.benchmark;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** What every sync benchmark does around its CRM: a timed FULL run through the API, and its report line. */
final class BenchmarkRuns {

    private BenchmarkRuns() {
    }

    /** A FULL run's progress once it ended, and its wall time from the request. */
    record Timed(JsonPath run, double seconds) {
    }

    static Timed fullRun(String tenant, String connection) {
        long started = System.nanoTime();
        String run = given().contentType(ContentType.JSON).body(Map.of("mode", "FULL"))
                .post("/api/tenants/{tenant}/connections/{id}/sync", tenant, connection).then().statusCode(202)
                .extract().path("id");
        JsonPath result = Awaitility.await().atMost(Duration.ofMinutes(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/tenants/{tenant}/connections/{id}/runs/{run}", tenant, connection, run)
                        .then().extract().jsonPath(), json -> !List.of("QUEUED", "RUNNING").contains(json.getString("state")));
        return new Timed(result, (System.nanoTime() - started) / 1e9);
    }

    /** Prints the line and appends it to {@code target/benchmarks/<name>.txt}. */
    static void report(String name, String line) throws IOException {
        System.out.println("BENCHMARK " + name + " " + line);
        Path report = Path.of("target", "benchmarks", name + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The machine's one-minute load average, as BENCHMARKS.md records it next to a figure. */
    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
