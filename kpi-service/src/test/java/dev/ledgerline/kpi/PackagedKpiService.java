package dev.ledgerline.kpi;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.auth.TokenMinter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * kpi-service as it runs in production: its packaged {@code quarkus-run.jar} in a JVM of its own, configured by
 * system properties that mirror the env vars, with its log in {@code target/}. For the tests that start, stop and
 * kill real instances.
 */
public final class PackagedKpiService {
    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final int port;
    private final Process process;

    private PackagedKpiService(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts an instance on a free port; {@code properties} are passed as {@code -Dkey=value}. */
    public static PackagedKpiService start(String name, String bootstrap, String applicationId, Path stateDir,
            Map<String, String> properties) throws IOException {
        if (!Files.exists(APP)) {
            throw new IllegalStateException("The packaged application " + APP + " is missing (mvn package)");
        }
        var port = freePort();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.kafka-streams.application-server=127.0.0.1:" + port,
                "-Dquarkus.kafka-streams.application-id=" + applicationId,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dkafka-streams.state.dir=" + stateDir,
                "-Dquarkus.oidc.public-key=" + DevTokens.publicKey(),
                "-Dquarkus.oidc.token.issuer=" + TokenMinter.ISSUER));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", APP.toString()));
        var log = Path.of("target", "kpi-instance-" + name + ".log").toFile();
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        return new PackagedKpiService(name, port, process);
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The HTTP status of a GET, or -1 while the instance does not answer yet (failing if it has exited). */
    public int status(String path) {
        try {
            return HTTP.send(request(path, Duration.ofSeconds(5)), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + name + " exited with " + process.exitValue(), e);
            }
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path, Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET, with a viewer token of the tenant when the path names one. */
    private HttpRequest request(String path, Duration timeout) {
        var request = HttpRequest.newBuilder(uri(path)).timeout(timeout).GET();
        String bearer = DevTokens.bearerFor(uri(path).toString(), "viewer");
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return request.build();
    }

    /** A sample of the Prometheus output, e.g. {@code kpi_tenants}, summed over its label sets matching {@code labels}. */
    public double metric(String name, String labels) throws IOException, InterruptedException {
        var matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.E+-]+)$").matcher(get("/q/metrics").body());
        var sum = 0.0;
        while (matcher.find()) {
            if (labels.isEmpty() || (matcher.group(1) != null && matcher.group(1).contains(labels))) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    /** SIGKILL: no shutdown hook, no last commit, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
