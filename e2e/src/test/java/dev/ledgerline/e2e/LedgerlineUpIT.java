package dev.ledgerline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void upPrintsTheUrlsServesTheSyncedKpisAndCtrlCStopsEverythingItStarted() throws Exception {
        LedgerlineUp up = LedgerlineUp.start(Map.of("LEDGERLINE_SIMULATOR_CONTACTS", "150",
                "LEDGERLINE_SIMULATOR_DEALS", "300", "LEDGERLINE_START_TIMEOUT", "300",
                "LEDGERLINE_SYNC_INTERVAL", "10s"));
        Map<String, Long> started;
        long postgres = 0;
        try {
            up.awaitReady(UP_TIMEOUT);
            List<String> output = up.process().output();
            assertThat(up.started().keySet()).containsExactly("devstack", "crm-simulator", "connector-service",
                    "merge-service", "ledger-sync-service", "kpi-service");
            postgres = Long.parseLong(Files.readAllLines(up.dataDir().resolve("postgres/postmaster.pid")).get(0)
                    .trim());
            assertThat(output.stream().filter(line -> line.contains("FULL sync succeeded")))
                    .as("the HubSpot and the Salesforce connection synced").hasSize(2);
            assertThat(output).anyMatch(line -> line.contains("Salesforce (CRM simulator) connection"));
            String kpi = up.url("KPI");
            assertThat(output).anyMatch(line -> line.contains(kpi + "/"));

            HttpResponse<String> dashboard = get(kpi + "/", null);
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body().toLowerCase(Locale.ROOT)).contains("<html");
            // The printed admin token works; without one the API refuses; ./ledgerline token makes more.
            String adminToken = output.get(output.indexOf(output.stream()
                    .filter(line -> line.contains("Admin token of tenant demo")).findFirst().orElseThrow()) + 1).trim();
            String kpisOfDemo = kpi + "/api/tenants/demo/kpis?window=P365D&dimension=ALL";
            assertThat(get(kpisOfDemo, null).statusCode()).isEqualTo(401);
            String viewerToken = tokenFromTheScript(up.environment(), "viewer");
            Awaitility.await("the demo tenant's KPIs").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                        HttpResponse<String> kpis = get(kpisOfDemo, viewerToken);
                        return kpis.statusCode() == 200 && wonDeals(JSON.readTree(kpis.body())) > 0;
                    });
            String simulator = up.url("SIMULATOR");
            Awaitility.await("the simulator's webhooks reach the connector").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        JsonNode webhooks = JSON.readTree(get(simulator + "/_simulator/webhooks", null).body());
                        return webhooks.path("batches").asLong() > 0;
                    });
            assertThat(JSON.readTree(get(simulator + "/_simulator/webhooks", null).body()).path("failedBatches").asLong())
                    .as("the connector accepted every signed batch").isZero();
            Awaitility.await("scheduled incremental syncs of both connections").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> scheduledRunsSucceeded(up.url("CONNECTOR")) >= 2);
            JsonNode connections = JSON.readTree(get(up.url("CONNECTOR") + "/api/tenants/demo/connections", adminToken)
                    .body());
            assertThat(connections.findValuesAsText("crm")).containsExactlyInAnyOrder("HUBSPOT", "SALESFORCE");
            connections.forEach(connection -> assertThat(connection.path("status").asText())
                    .as("connection %s", connection).isEqualTo("ACTIVE"));
        } finally {
            started = up.started();
            up.stop();
        }
        LocalProcess process = up.process();
        assertThat(process.exitValue()).as("output:\n%s", String.join("\n", process.output())).isIn(130, 143);
        Awaitility.await("the rest of the output").atMost(Duration.ofSeconds(10)).until(() -> process.output()
                .stream().anyMatch(line -> line.startsWith("[ledgerline] stopped; data kept")));
        List<String> stopped = process.output().stream().filter(line -> line.startsWith("[ledgerline] stopped "))
                .toList();
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

    private static String processesInGroup(long group) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-g", String.valueOf(group)).redirectErrorStream(true).start();
        String found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        pgrep.waitFor();
        return found;
    }

    /** Connections with a scheduled run that succeeded, from the connector's run timer in {@code /q/metrics}. */
    private static long scheduledRunsSucceeded(String connector) throws IOException, InterruptedException {
        return get(connector + "/q/metrics", null).body().lines()
                .filter(line -> line.startsWith("ledgerline_sync_run_duration_seconds_count{")
                        && line.contains("trigger=\"SCHEDULE\"") && line.contains("state=\"SUCCEEDED\""))
                .count();
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
                .directory(LedgerlineUp.ROOT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process token = builder.start();
        String printed = new String(token.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(token.waitFor()).as("./ledgerline token: %s", printed).isZero();
        return printed.trim();
    }
}
