package dev.ledgerline.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ledgerline.devstack.CodecRoundTrip;
import dev.ledgerline.schemas.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.record.CompressionType;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The suite run as the README runs it, each program in its own process with its own class path: devstack from its
 * runner jar, connector-service and kpi-service from their {@code quarkus-run.jar}, configured by the README's
 * environment variables, against a HubSpot stand-in. Something a test JVM has and a real process lacks (the broker
 * without lz4 was one) fails here.
 */
class LocalRunIT {
    private static final Path ROOT = Path.of("..");
    private static final Path DEVSTACK = ROOT.resolve("devstack/target/devstack-app/devstack-runner.jar");
    private static final Path CONNECTOR = ROOT.resolve("connector-service/target/quarkus-app/quarkus-run.jar");
    private static final Path KPI = ROOT.resolve("kpi-service/target/quarkus-app/quarkus-run.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long SEED = Long.getLong("e2e.seed", System.nanoTime());
    private static final int DEALS = 150;

    private static final List<LocalProcess> processes = new ArrayList<>();
    private static Path workDir;
    private static LocalProcess devstack;
    private static WireMockServer hubspot;
    private static HubSpotPortal portal;
    private static int kafkaPort;
    private static int postgresPort;
    private static URI connector;
    private static URI kpi;
    private static Instant now;

    @BeforeAll
    static void startTheSuiteAsTheReadmeDoes() throws IOException {
        System.out.println("LocalRunIT seed " + SEED + " (replay with -De2e.seed=" + SEED + ")");
        workDir = Files.createDirectories(Path.of("target", "local-run", UUID.randomUUID().toString()));
        kafkaPort = freePort();
        postgresPort = freePort();
        devstack = start(LocalProcess.javaJar("devstack", DEVSTACK, List.of("--kafka-port=" + kafkaPort,
                "--postgres-port=" + postgresPort, "--data-dir=" + workDir.resolve(".devstack").toAbsolutePath()),
                Map.of(), workDir));
        devstack.awaitLine("READY"::equals, START_TIMEOUT, "READY");

        now = Instant.now();
        portal = HubSpotPortal.generate(SEED, DEALS, now);
        hubspot = new WireMockServer(options().dynamicPort().extensions(portal));
        hubspot.start();
        hubspot.stubFor(any(anyUrl()).willReturn(ok()));

        String bootstrap = "localhost:" + kafkaPort;
        int connectorPort = freePort();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        start(LocalProcess.javaJar("connector-service", CONNECTOR, List.of(), Map.of(
                "LEDGERLINE_SECRET_KEY", Base64.getEncoder().encodeToString(key),
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgresPort + "/connector",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "QUARKUS_HTTP_PORT", String.valueOf(connectorPort)), workDir));
        int kpiPort = freePort();
        start(LocalProcess.javaJar("kpi-service", KPI, List.of(), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "KAFKA_STREAMS_STATE_DIR", workDir.resolve(".devstack/kpi-streams").toAbsolutePath().toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(kpiPort)), workDir));
        connector = URI.create("http://localhost:" + connectorPort);
        kpi = URI.create("http://localhost:" + kpiPort);
        awaitReady(processes.get(1), connector);
        awaitReady(processes.get(2), kpi);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (hubspot != null) {
            hubspot.stop();
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir.resolve(".devstack"))) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aHubSpotSyncCompletesAndItsKpisAppearOverRest() throws Exception {
        String tenant = "local-" + UUID.randomUUID().toString().substring(0, 8);
        send("PUT", connector, "/api/tenants/" + tenant + "/settings",
                "{\"homeCurrency\":\"USD\",\"timeZone\":\"UTC\",\"fiscalYearStartMonth\":1}", 200);
        JsonNode created = send("POST", connector, "/api/tenants/" + tenant + "/connections", JSON.createObjectNode()
                .put("crm", "HUBSPOT").put("displayName", "HubSpot stand-in").put("apiToken", HubSpotPortal.TOKEN)
                .put("apiBaseUrl", hubspot.baseUrl()).toString(), 201);
        String connection = created.path("connection").path("id").asText();
        JsonNode queued = send("POST", connector, "/api/tenants/" + tenant + "/connections/" + connection + "/sync",
                "{\"mode\":\"FULL\"}", 202);
        String runPath = "/api/tenants/" + tenant + "/connections/" + connection + "/runs/" + queued.path("id").asText();

        JsonNode run = Awaitility.await("the sync run ends").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> send("GET", connector, runPath, null, 200),
                        body -> !Set.of("QUEUED", "RUNNING").contains(body.path("state").asText()));
        assertThat(run.path("state").asText()).as("run %s", run).isEqualTo("SUCCEEDED");
        assertThat(entity(run, "deals").path("published").asLong()).as("run %s", run).isEqualTo(DEALS);
        assertThat(entity(run, "deals").path("rejected").asLong()).isZero();

        LocalDate today = HubSpotPortal.day(now);
        Expected expected = Expected.over(portal.deals(), today.minusDays(364), today);
        String kpis = "/api/tenants/" + tenant + "/kpis?asOf=" + today + "&window=P365D&dimension=ALL";
        Awaitility.await("the KPIs of the synced deals").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode values = send("GET", kpi, kpis, null, 200);
                    assertThat(kpi(values, "DEALS_WON_COUNT")).isEqualByComparingTo(BigDecimal.valueOf(expected.won));
                    assertThat(kpi(values, "DEALS_LOST_COUNT")).isEqualByComparingTo(BigDecimal.valueOf(expected.lost));
                    assertThat(kpi(values, "OPEN_DEALS_COUNT")).isEqualByComparingTo(BigDecimal.valueOf(expected.open));
                    assertThat(kpi(values, "PIPELINE_VALUE")).isEqualByComparingTo(expected.pipelineValue);
                });
        assertThat(expected.won).as("the generated portal has won deals in the window").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.ledgerline.devstack.CodecRoundTrip#CODECS")
    void theDevstackBrokerReadsEveryCodec(CompressionType codec) {
        CodecRoundTrip.check("localhost:" + kafkaPort, Topics.dlq(Topics.DEALS), codec);
    }

    @Test
    void brokerAndPostgresErrorsReachTheDevstackOutput() throws Exception {
        // A client speaking HTTP to the Kafka port: the broker logs a WARN and closes the connection.
        try (Socket socket = new Socket("localhost", kafkaPort); OutputStream out = socket.getOutputStream()) {
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            devstack.awaitLine(line -> line.contains("WARN") && line.contains("InvalidReceiveException"),
                    Duration.ofSeconds(30), "the broker's warning about an invalid request");
        }

        // Two failing queries: the server's output must keep flowing after its first lines (it once stopped there).
        for (int query = 0; query < 2; query++) {
            String table = "no_such_table_" + UUID.randomUUID().toString().replace("-", "");
            try (var connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort
                    + "/merge", "postgres", "postgres"); var statement = connection.createStatement()) {
                Assertions.assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM " + table))
                        .isInstanceOf(SQLException.class);
            }
            devstack.awaitLine(line -> line.contains("ERROR") && line.contains("relation \"" + table
                    + "\" does not exist"), Duration.ofSeconds(30), "PostgreSQL's error line " + (query + 1));
        }
    }

    /** What the batch reference says for one window: counts and the open pipeline at the end of {@code to}. */
    private record Expected(long won, long lost, long open, BigDecimal pipelineValue) {
        static Expected over(List<HubSpotPortal.Deal> deals, LocalDate from, LocalDate to) {
            Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            long won = 0;
            long lost = 0;
            long open = 0;
            BigDecimal pipeline = BigDecimal.ZERO;
            for (HubSpotPortal.Deal deal : deals) {
                LocalDate closed = HubSpotPortal.day(deal.closeDate());
                boolean closedInWindow = !closed.isBefore(from) && !closed.isAfter(to);
                won += deal.won() && closedInWindow ? 1 : 0;
                lost += deal.lost() && closedInWindow ? 1 : 0;
                boolean openAtEnd = deal.createdAt().isBefore(end)
                        && (!deal.stage().closed() || !deal.closeDate().isBefore(end));
                if (openAtEnd) {
                    open++;
                    pipeline = pipeline.add(Objects.requireNonNullElse(deal.amount(), BigDecimal.ZERO));
                }
            }
            return new Expected(won, lost, open, pipeline);
        }
    }

    private static BigDecimal kpi(JsonNode values, String kpi) {
        for (JsonNode value : values) {
            if (value.path("kpi").asText().equals(kpi)) {
                return value.path("value").decimalValue();
            }
        }
        throw new AssertionError(kpi + " missing in " + values);
    }

    private static JsonNode entity(JsonNode run, String entity) {
        for (JsonNode progress : run.path("entities")) {
            if (progress.path("entity").asText().equals(entity)) {
                return progress;
            }
        }
        throw new AssertionError("no entity " + entity + " in " + run);
    }

    private static LocalProcess start(LocalProcess process) {
        processes.add(process);
        return process;
    }

    private static void awaitReady(LocalProcess process, URI service) {
        Awaitility.await(process.name() + " ready").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(process.name() + " exited; its output:\n"
                                + String.join("\n", process.output()));
                    }
                    return HTTP.send(HttpRequest.newBuilder(service.resolve("/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                });
    }

    private static JsonNode send(String method, URI service, String path, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
