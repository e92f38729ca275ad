package dev.ledgerline.deploy;

import static dev.ledgerline.deploy.Kustomize.list;
import static dev.ledgerline.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert or a dashboard uses is one the services really export: the names are compared with the
 * {@code /q/metrics} bodies their tests kept ({@code <service>/target/metrics/*.prom}, written by devstack's
 * MetricsSnapshot from the boot tests and from tests that exercise meters registered on first use). The services
 * build and test before this module, so a renamed or removed meter fails here.
 */
class MonitoringTest {
    private static final Path MONITORING = Repository.root().resolve("deploy/monitoring");
    private static final String CONSUMER_LAG = "kafka_consumer_fetch_manager_records_lag_max";

    @Test
    void everyMetricOfTheAlertsAndDashboardsIsExported() throws IOException {
        Set<String> exported = exportedMetricNames();
        Map<String, Set<String>> used = new java.util.TreeMap<>();
        alertExpressions().forEach(expression -> used.put("alert: " + expression, PromQl.metricNames(expression)));
        dashboardExpressions().forEach(expression -> used.put("dashboard: " + expression,
                PromQl.metricNames(expression)));
        assertThat(used).isNotEmpty();
        used.forEach((where, names) -> {
            assertThat(names).as("metrics of " + where).isNotEmpty();
            assertThat(exported).as("exported by a service, for " + where).containsAll(names);
        });
    }

    @Test
    void theAlertsCoverTheIssuesCases() {
        Set<String> alerts = new TreeSet<>();
        for (Object group : list(map(rules().get("spec")).get("groups"))) {
            list(map(group).get("rules")).forEach(rule -> alerts.add((String) map(rule).get("alert")));
        }
        assertThat(alerts).contains("LedgerlineConsumerLagHigh", "LedgerlineDeadLettersKpi",
                "LedgerlineDeadLettersConsumer", "LedgerlineDeadLettersSync", "LedgerlineSyncRunsFailing",
                "LedgerlineConnectionsNeedReauth", "LedgerlineOutboxRelayLagHigh", "LedgerlineLedgerImbalance");
        Map<String, Object> lag = findRule("LedgerlineConsumerLagHigh");
        assertThat(lag.get("for")).isEqualTo("5m");
        Map<String, Object> imbalance = findRule("LedgerlineLedgerImbalance");
        assertThat(imbalance.get("for")).isEqualTo("1m");
        assertThat((String) imbalance.get("expr")).contains("ledgerline_ledger_trial_balance_imbalance").endsWith("!= 0");
    }

    /**
     * The union of all services' metrics would let one service's lag stand in for another's: each service with a
     * consumer group exports the lag metric of the lag alert and the lag dashboards itself.
     */
    @Test
    void everyConsumingServiceExportsItsOwnConsumerLag() throws IOException {
        Set<String> lagMetrics = PromQl.metricNames((String) findRule("LedgerlineConsumerLagHigh").get("expr"));
        assertThat(lagMetrics).containsExactly(CONSUMER_LAG);
        List<ServiceSpec> consuming = ServiceTable.ALL.stream().filter(service -> service.consumerGroup().isPresent())
                .toList();
        assertThat(consuming).extracting(ServiceSpec::service)
                .contains("merge-service", "ledger-sync-service", "kpi-service");
        for (ServiceSpec service : consuming) {
            assertThat(exportedMetricNames(service)).as("metrics of " + service.service()).contains(CONSUMER_LAG);
        }
    }

    @Test
    void theExtractorFindsMetricsAndNothingElse() {
        assertThat(PromQl.metricNames(
                "sum by (job, topic) (rate(a_total{topic=~\".*\\\\.dlq\",job!=\"x\"}[5m])) / on(job) b > 0 or c"))
                .containsExactly("a_total", "b", "c");
        assertThat(PromQl.metricNames("time() - max(kpi_x{namespace=\"$namespace\"})")).containsExactly("kpi_x");
        assertThat(PromQl.metricNames("label_values(jvm_memory_used_bytes, namespace)"))
                .containsExactly("jvm_memory_used_bytes");
    }

    /** Sample names of every kept body of every service: {@code name{labels} value} and {@code name value}. */
    private static Set<String> exportedMetricNames() throws IOException {
        Set<String> names = new HashSet<>();
        for (ServiceSpec service : ServiceTable.ALL) {
            names.addAll(exportedMetricNames(service));
        }
        return names;
    }

    /** Sample names of every body one service's tests kept. */
    private static Set<String> exportedMetricNames(ServiceSpec service) throws IOException {
        Path directory = Repository.root().resolve(service.service()).resolve("target/metrics");
        List<Path> bodies = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(file -> file.toString().endsWith(".prom")).forEach(bodies::add);
            }
        }
        assertThat(bodies).as("metrics kept by " + service.service() + "'s tests in " + directory
                + " (run its tests first, as mvn verify does)").isNotEmpty();
        Set<String> names = new HashSet<>();
        for (Path body : bodies) {
            Files.readAllLines(body).stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }

    private static List<String> alertExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Object group : list(map(rules().get("spec")).get("groups"))) {
            list(map(group).get("rules")).forEach(rule -> expressions.add((String) map(rule).get("expr")));
        }
        return expressions;
    }

    private static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(MONITORING.resolve("dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = json.readTree(file.toFile());
                assertThat(dashboard.path("uid").asText()).as(file.toString()).isNotEmpty();
                for (JsonNode panel : dashboard.path("panels")) {
                    assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                    panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
                }
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    if (variable.path("type").asText().equals("query")) {
                        expressions.add(variable.path("query").asText());
                    }
                }
            }
        }
        return expressions;
    }

    private static Map<String, Object> findRule(String alert) {
        for (Object group : list(map(rules().get("spec")).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                if (alert.equals(map(rule).get("alert"))) {
                    return map(rule);
                }
            }
        }
        throw new AssertionError("No alert " + alert);
    }

    private static Map<String, Object> rules() {
        return Yaml.documents(Kustomize.read(MONITORING.resolve("prometheus-rules.yaml"))).get(0);
    }
}
