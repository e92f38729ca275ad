package dev.ledgerline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged simulator as the local run starts it: {@code java -jar target/simulator-app/crm-simulator-runner.jar}
 * with only its runtime class path, printing READY when it serves, and stopping cleanly on SIGTERM.
 */
class SimulatorProcessIT {
    private static final Path APP = Path.of("target", "simulator-app");

    @Test
    void theRunnerJarServesThePortalAndStopsOnSigterm() throws Exception {
        try (Stream<Path> lib = Files.list(APP.resolve("lib"))) {
            assertThat(lib.map(jar -> jar.getFileName().toString()))
                    .as("the runtime class path: Jackson and nothing of the tests")
                    .allMatch(jar -> jar.startsWith("jackson-"));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // Into a file rather than a pipe: a pipe's reader can lose the last lines to the JDK closing it at exit.
        Path log = Path.of("target", "simulator-process.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", APP.resolve("crm-simulator-runner.jar").toString(), "--port=" + port,
                "--contacts=60", "--deals=80", "--seed=3").redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        try {
            Awaitility.await("READY").atMost(Duration.ofSeconds(120)).until(() -> {
                assertThat(process.isAlive()).as("running; output %s", Files.readAllLines(log)).isTrue();
                return Files.readAllLines(log).contains("READY");
            });
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> deals = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/crm/v3/objects/deals?limit=5")).header("Authorization", "Bearer "
                    + SimulatorSettings.DEFAULT_PRIVATE_APP_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(deals.statusCode()).isEqualTo(200);
            assertThat(deals.body()).contains("\"results\"");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        }
        assertThat(Files.readAllLines(log)).contains("CRM simulator stopped");
    }
}
