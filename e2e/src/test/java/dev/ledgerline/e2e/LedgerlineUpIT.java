package dev.ledgerline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The README's one command, {@code ./ledgerline up}, run as a user runs it (on free ports and a data directory of its
 * own, with the build already done by this reactor): it prints the URLs once the demo tenant's HubSpot and Salesforce
 * connections are synced (each FULL sync succeeded, both connections active), the dashboard
 * answers with the synced KPIs, the simulator's webhooks reach the connector, and on Ctrl-C (SIGINT) it stops every
 * program it started, in reverse order, leaving no process behind.
 */
class LedgerlineUpIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(8);
    private static final Pattern STARTED = Pattern.compile("\\[ledgerline] started (\\S+) \\(pid (\\d+)\\).*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** SIGINT's bit in /proc/PID/status SigIgn. */
    private static final long SIGINT_MASK = 1L << 1;

    @Test
    void upPrintsTheUrlsServesTheSyncedKpisAndCtrlCStopsEverythingItStarted() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "ledgerline-up", UUID.randomUUID().toString()))
                .toAbsolutePath();
        Map<String, String> ports = new LinkedHashMap<>();
        for (String name : List.of("KAFKA", "POSTGRES", "CONNECTOR", "MERGE", "LEDGER", "KPI", "SIMULATOR")) {
            ports.put("LEDGERLINE_" + name + "_PORT", String.valueOf(freePort()));
        }
        List<String> command = new ArrayList<>();
        if (canResetSigint()) {
            // A process started in the background may inherit an ignored SIGINT, which bash cannot trap; a terminal's
            // Ctrl-C reaches a script with the default disposition, as this restores.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of("./ledgerline", "up", "--no-build"));
        Map<String, String> environment = new LinkedHashMap<>(ports);
        environment.put("LEDGERLINE_DATA_DIR", dataDir.toString());
        environment.put("LEDGERLINE_SIMULATOR_CONTACTS", "150");
        environment.put("LEDGERLINE_SIMULATOR_DEALS", "300");
        environment.put("LEDGERLINE_START_TIMEOUT", "300");
        LocalProcess up = LocalProcess.start("ledgerline-up", command, environment, ROOT, dataDir);
        Map<String, Long> started = new LinkedHashMap<>();
        long postgres = 0;
        try {
            up.awaitLine("Press Ctrl-C to stop everything."::equals, UP_TIMEOUT, "the printed URLs");
            List<String> output = up.output();
            for (String line : output) {
                Matcher matcher = STARTED.matcher(line);
                if (matcher.matches()) {
                    started.put(matcher.group(1), Long.parseLong(matcher.group(2)));
                }
            }
            assertThat(started.keySet()).containsExactly("devstack", "crm-simulator", "connector-service",
                    "merge-service", "ledger-sync-service", "kpi-service");
            postgres = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
            assertThat(output.stream().filter(line -> line.contains("FULL sync succeeded")))
                    .as("the HubSpot and the Salesforce connection synced").hasSize(2);
            assertThat(output).anyMatch(line -> line.contains("Salesforce (CRM simulator) connection"));
            String kpiPort = ports.get("LEDGERLINE_KPI_PORT");
            assertThat(output).anyMatch(line -> line.contains("http://localhost:" + kpiPort + "/"));

            HttpResponse<String> dashboard = get("http://localhost:" + kpiPort + "/", null);
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body().toLowerCase(Locale.ROOT)).contains("<html");
            // The printed admin token works; without one the API refuses; ./ledgerline token makes more.
            String adminToken = output.get(output.indexOf(output.stream()
                    .filter(line -> line.contains("Admin token of tenant demo")).findFirst().orElseThrow()) + 1).trim();
            String kpisOfDemo = "http://localhost:" + kpiPort + "/api/tenants/demo/kpis?window=P365D&dimension=ALL";
            assertThat(get(kpisOfDemo, null).statusCode()).isEqualTo(401);
            String viewerToken = tokenFromTheScript(environment, "viewer");
            Awaitility.await("the demo tenant's KPIs").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                        HttpResponse<String> kpis = get(kpisOfDemo, viewerToken);
                        return kpis.statusCode() == 200 && wonDeals(JSON.readTree(kpis.body())) > 0;
                    });
            String simulator = "http://localhost:" + ports.get("LEDGERLINE_SIMULATOR_PORT");
            Awaitility.await("the simulator's webhooks reach the connector").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        JsonNode webhooks = JSON.readTree(get(simulator + "/_simulator/webhooks", null).body());
                        return webhooks.path("batches").asLong() > 0;
                    });
            assertThat(JSON.readTree(get(simulator + "/_simulator/webhooks", null).body()).path("failedBatches").asLong())
                    .as("the connector accepted every signed batch").isZero();
            JsonNode connections = JSON.readTree(get("http://localhost:" + ports.get("LEDGERLINE_CONNECTOR_PORT")
                    + "/api/tenants/demo/connections", adminToken).body());
            assertThat(connections.findValuesAsText("crm")).containsExactlyInAnyOrder("HUBSPOT", "SALESFORCE");
            connections.forEach(connection -> assertThat(connection.path("status").asText())
                    .as("connection %s", connection).isEqualTo("ACTIVE"));
        } finally {
            stop(up);
        }
        assertThat(up.exitValue()).as("output:\n%s", String.join("\n", up.output())).isIn(130, 143);
        Awaitility.await("the rest of the output").atMost(Duration.ofSeconds(10))
                .until(() -> up.output().stream().anyMatch(line -> line.startsWith("[ledgerline] stopped; data kept")));
        List<String> stopped = up.output().stream().filter(line -> line.startsWith("[ledgerline] stopped ")).toList();
        assertThat(stopped).startsWith("[ledgerline] stopped kpi-service", "[ledgerline] stopped ledger-sync-service",
                "[ledgerline] stopped merge-service", "[ledgerline] stopped connector-service",
                "[ledgerline] stopped crm-simulator", "[ledgerline] stopped devstack");
        for (Map.Entry<String, Long> program : started.entrySet()) {
            assertThat(running(program.getValue())).as("%s (pid %s) is gone", program.getKey(), program.getValue())
                    .isFalse();
            assertThat(processesInGroup(program.getValue())).as("processes left in the group of %s",
                    program.getKey()).isEmpty();
        }
        assertThat(running(postgres)).as("PostgreSQL (pid %s) is gone", postgres).isFalse();
    }

    /** Ctrl-C, or SIGTERM where this test's environment ignores SIGINT for the script (said in the output). */
    private static void stop(LocalProcess up) throws IOException, InterruptedException {
        if (!up.isAlive()) {
            return;
        }
        boolean sigintIgnored = (sigIgn(up.pid()) & SIGINT_MASK) != 0;
        if (sigintIgnored) {
            System.out.println("LedgerlineUpIT: SIGINT is ignored by ./ledgerline here, stopping it with SIGTERM");
        }
        new ProcessBuilder("kill", sigintIgnored ? "-TERM" : "-INT", String.valueOf(up.pid())).inheritIO().start()
                .waitFor();
        if (!up.waitFor(Duration.ofMinutes(3))) {
            up.close();
            throw new AssertionError("./ledgerline up did not stop within 3 minutes; its output:\n"
                    + String.join("\n", up.output()));
        }
    }

    /**
     * Whether a process runs; one that exited but was not reaped yet (a zombie: PostgreSQL, detached by pg_ctl, is
     * reaped by whatever adopted it) does not.
     */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String line;
        try {
            line = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException exited) {
            return false;
        }
        // pid (comm) state …: the state follows the last closing parenthesis.
        return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
    }

    private static long sigIgn(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
            }
        }
        return 0;
    }

    private static boolean canResetSigint() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String processesInGroup(long group) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-g", String.valueOf(group)).redirectErrorStream(true).start();
        String found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        pgrep.waitFor();
        return found;
    }

    private static long wonDeals(JsonNode kpis) {
        for (JsonNode value : kpis) {
            if (value.path("kpi").asText().equals("DEALS_WON_COUNT")) {
                return value.path("value").asLong();
            }
        }
        return 0;
    }

    /** A GET, with this bearer token unless null. */
    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code ./ledgerline token --tenant demo --role ROLE} on the run's data directory: the token it prints. */
    private static String tokenFromTheScript(Map<String, String> environment, String role) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("./ledgerline", "token", "--tenant", "demo", "--role", role)
                .directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process token = builder.start();
        String printed = new String(token.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(token.waitFor()).as("./ledgerline token: %s", printed).isZero();
        return printed.trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
