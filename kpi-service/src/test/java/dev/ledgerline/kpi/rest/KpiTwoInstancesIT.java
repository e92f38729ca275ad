package dev.ledgerline.kpi.rest;

import static dev.ledgerline.kpi.rest.RestTestDeals.deal;
import static dev.ledgerline.kpi.rest.RestTestDeals.producerConfig;
import static dev.ledgerline.kpi.rest.RestTestDeals.send;
import static dev.ledgerline.kpi.rest.RestTestDeals.sendSettings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.devstack.SharedDevstack;
import dev.ledgerline.kpi.PackagedKpiService;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.TenantPartitioning;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.StageCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real instances of the packaged service (two JVMs running {@code quarkus-run.jar}) in one consumer group on
 * the embedded broker, each advertising its own {@code application.server}. Six tenants, one on each input
 * partition, so that each instance owns some of them: every tenant's KPIs must come back the same and right from
 * both instances, which means one of the two answered by forwarding to the other.
 */
class KpiTwoInstancesIT {
    private static final int PARTITIONS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<PackagedKpiService> instances = new ArrayList<>();
    private static final List<Path> stateDirs = new ArrayList<>();
    /** Tenant → how many deals it won in February 2025; one tenant per partition. */
    private static final Map<String, Integer> wonByTenant = new TreeMap<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        var bootstrap = SharedDevstack.bootstrapServers();
        var applicationId = "kpi-two-instances-" + UUID.randomUUID();
        for (var name : List.of("a", "b")) {
            var stateDir = Files.createTempDirectory("kpi-two-instances-" + name);
            stateDirs.add(stateDir);
            instances.add(PackagedKpiService.start("two-instances-" + name, bootstrap, applicationId, stateDir,
                    Map.of("kafka-streams.commit.interval.ms", "100")));
        }
        for (var instance : instances) {
            Awaitility.await("instance " + instance.name() + " ready").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> instance.status("/q/health/ready") == 200);
        }
        produceTenants(bootstrap);
    }

    @AfterAll
    static void stopInstances() throws Exception {
        for (var instance : instances) {
            instance.stop();
        }
        for (var stateDir : stateDirs) {
            PackagedKpiService.deleteTree(stateDir);
        }
    }

    @Test
    void everyTenantIsAnsweredRightByEitherInstance() {
        Awaitility.await("every tenant's KPIs from both instances").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (var tenant : wonByTenant.entrySet()) {
                        var path = "/api/tenants/" + tenant.getKey() + "/kpis?asOf=2025-02-28&window=MONTH";
                        var fromA = get(instances.get(0), path);
                        var fromB = get(instances.get(1), path);
                        assertThat(fromB).as("tenant %s from b", tenant.getKey()).isEqualTo(fromA);
                        assertThat(kpi(fromA, "DEALS_WON_COUNT")).as("tenant %s", tenant.getKey())
                                .isEqualTo(tenant.getValue());
                        assertThat(kpi(fromA, "DEALS_LOST_COUNT")).isEqualTo(1);
                    }
                });

        // Each instance holds only part of the tenants, so half of the answers above were forwarded.
        var held = instances.stream().map(KpiTwoInstancesIT::tenantsHeld).toList();
        assertThat(held).allSatisfy(count -> assertThat(count).isBetween(1, PARTITIONS - 1));
        assertThat(held.get(0) + held.get(1)).isEqualTo(PARTITIONS);
    }

    @Test
    void aSeriesOfATenantOwnedElsewhereIsTheOwnersSeries() throws Exception {
        var tenant = wonByTenant.keySet().iterator().next();
        var path = "/api/tenants/" + tenant + "/kpis/DEALS_WON_COUNT/series?window=MONTH&from=2025-01-01&to=2025-03-31";
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(get(instances.get(1), path)).isEqualTo(get(instances.get(0), path)));
        assertThat(get(instances.get(0), path).toString()).contains("\"period\":\"2025-02\"");
    }

    /** One tenant per input partition; tenant i won i + 1 deals of 100 EUR in February 2025 and lost one. */
    private static void produceTenants(String bootstrap) throws Exception {
        var seen = new boolean[PARTITIONS];
        for (var i = 0; wonByTenant.size() < PARTITIONS; i++) {
            var tenant = "two-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            var partition = TenantPartitioning.partitionOfTenant(tenant, PARTITIONS);
            if (!seen[partition]) {
                seen[partition] = true;
                wonByTenant.put(tenant, wonByTenant.size() + 1);
            }
        }
        for (var tenant : wonByTenant.keySet()) {
            sendSettings(bootstrap, tenant, 1);
        }
        try (var deals = new KafkaProducer<>(producerConfig(bootstrap), new StringSerializer(),
                AvroSerde.of(Deal.class).serializer())) {
            for (var tenant : wonByTenant.entrySet()) {
                var id = tenant.getKey();
                for (var won = 0; won < tenant.getValue(); won++) {
                    send(deals, deal(id, "won-" + won, "o1", null, "2025-01-10T09:00:00Z", StageCategory.WON,
                            "2025-02-1" + won + "T10:00:00Z", "100", null));
                }
                send(deals, deal(id, "lost", "o2", null, "2025-01-20T09:00:00Z", StageCategory.LOST,
                        "2025-02-20T10:00:00Z", "500", null));
            }
        }
    }

    private static JsonNode get(PackagedKpiService instance, String path) throws IOException, InterruptedException {
        var response = instance.get(path);
        assertThat(response.statusCode()).as("%s %s: %s", instance.name(), path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int kpi(JsonNode slice, String kpi) {
        for (var value : slice) {
            if (value.path("kpi").asText().equals(kpi)) {
                return value.path("value").asInt();
            }
        }
        throw new AssertionError(kpi + " missing in " + slice);
    }

    private static int tenantsHeld(PackagedKpiService instance) {
        try {
            return (int) instance.metric("kpi_tenants", "");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
