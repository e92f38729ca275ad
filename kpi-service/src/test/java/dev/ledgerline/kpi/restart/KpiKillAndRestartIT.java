package dev.ledgerline.kpi.restart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.SharedDevstack;
import dev.ledgerline.kpi.PackagedKpiService;
import dev.ledgerline.kpi.benchmark.DealChanges;
import dev.ledgerline.kpi.compute.BatchReference;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.TenantPartitioner;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL in the middle of a drain, then started again with the same application
 * id: it restores its stores from their changelogs, resumes from the committed offsets (re-processing what it had
 * not committed), and the latest value of every KPI key on kpi.values.v1 equals the batch reference over the same
 * records — nothing lost, nothing counted twice.
 */
class KpiKillAndRestartIT {
    private static final int CHANGES = 150_000;
    private static final List<String> TENANTS = IntStream.range(0, 6)
            .mapToObj(i -> "restart-" + i + "-" + UUID.randomUUID().toString().substring(0, 6)).toList();
    private static final BigDecimal RATIO_TOLERANCE = new BigDecimal("1e-9");

    private final List<PackagedKpiService> started = new ArrayList<>();
    private Path stateDir;

    @AfterEach
    void stopInstances() throws Exception {
        for (var instance : started) {
            instance.stop();
        }
        if (stateDir != null) {
            PackagedKpiService.deleteTree(stateDir);
        }
    }

    @Test
    void aKilledInstanceResumesAndEndsWithEveryKpiEqualToTheBatchReference() throws Exception {
        var bootstrap = SharedDevstack.bootstrapServers();
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var generator = new DealChanges(System.nanoTime(), TENANTS);
        var settings = generator.settings(now);
        var changes = generator.history(CHANGES * 2 / 5, CHANGES, now.minus(Duration.ofDays(365)), now);
        var inputs = new ArrayList<BatchReference.Input>();
        settings.forEach(tenant -> inputs.add(new BatchReference.Input("tenants", tenant.getTenantId(), tenant)));
        changes.forEach(change -> inputs.add(new BatchReference.Input("deals", change.key(), change.deal())));
        produce(bootstrap, settings, changes);

        var applicationId = "kpi-restart-" + UUID.randomUUID();
        stateDir = Files.createTempDirectory("kpi-restart");
        // Commits every second (the service's default is 30 s), so that the kill lands after some commits; the
        // killed member is noticed after 10 s instead of the default 45 s session timeout, to keep the test short.
        var properties = Map.of("kafka-streams.commit.interval.ms", "1000",
                "kafka-streams.consumer.session.timeout.ms", "10000");
        var first = PackagedKpiService.start("restart-first", bootstrap, applicationId, stateDir, properties);
        started.add(first);
        Awaitility.await("first instance processing deals").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> first.status("/q/health/ready") == 200
                        && first.metric("kpi_records_processed_total", "crm.deals.v1") >= CHANGES / 10.0);
        var processedBeforeKill = first.metric("kpi_records_processed_total", "crm.deals.v1");
        first.kill();
        started.remove(first);
        var committedAtKill = committedDealOffsets(bootstrap, applicationId);
        System.out.printf("killed after %,.0f deal records processed, %,d committed%n", processedBeforeKill,
                committedAtKill);
        assertThat(committedAtKill).as("offsets committed before the kill").isPositive();

        var second = PackagedKpiService.start("restart-second", bootstrap, applicationId, stateDir, properties);
        started.add(second);
        var restartedAt = System.nanoTime();
        Awaitility.await("second instance answering").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200)).until(() -> second.status("/q/health/live") == 200);

        var reference = new BatchReference(inputs);
        try (var values = kpiValuesConsumer(bootstrap)) {
            var latest = new HashMap<String, KpiValue>();
            Awaitility.await("kpi.values.v1 equal to the batch reference").atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        // Everything published so far (the shared topic holds other tests' values too).
                        for (var batch = values.poll(Duration.ofMillis(500)); !batch.isEmpty();
                                batch = values.poll(Duration.ofMillis(200))) {
                            for (var record : batch) {
                                if (record.value() == null) {
                                    latest.remove(record.key());
                                } else if (TENANTS.contains(record.value().getTenantId())) {
                                    latest.put(record.key(), record.value());
                                }
                            }
                        }
                        assertThat(differences(reference, latest)).isEmpty();
                    });
            System.out.printf("every KPI equal to the reference %d ms after the restart%n",
                    (System.nanoTime() - restartedAt) / 1_000_000);
        }
    }

    /** Every difference between the latest values of today's keys and the reference; empty when all agree. */
    private static List<String> differences(BatchReference reference, Map<String, KpiValue> latest) {
        var differences = new ArrayList<String>();
        for (var tenant : TENANTS) {
            var today = LocalDate.now(reference.zone(tenant));
            var published = latest.values().stream()
                    .filter(value -> value.getTenantId().equals(tenant) && value.getAsOf().equals(today))
                    .collect(Collectors.toMap(value -> value.getDimension() + "|" + value.getDimensionValue() + "|"
                            + value.getWindow() + "|" + value.getKpi(), value -> value));
            var expectedKeys = new HashSet<String>();
            reference.dimensionValues(tenant).forEach((dimension, dimensionValues) -> {
                for (var dimensionValue : dimensionValues) {
                    for (var window : List.of("P7D", "P30D", "P90D", "P365D", "MONTH", "QUARTER", "YEAR")) {
                        reference.kpis(tenant, dimension, dimensionValue, window, today).forEach((kpi, expected) -> {
                            var key = dimension + "|" + dimensionValue + "|" + window + "|" + kpi;
                            expectedKeys.add(key);
                            var value = published.get(key);
                            if (value == null) {
                                if (expected.value() != null) {
                                    differences.add(tenant + " " + key + ": missing, expected " + expected.value());
                                }
                            } else if (!same(value.getValue(), expected.value())
                                    || !equalDenominator(value, expected)) {
                                differences.add(tenant + " " + key + ": " + value.getValue() + "/"
                                        + value.getDenominator() + ", expected " + expected.value() + "/"
                                        + expected.denominator());
                            }
                        });
                    }
                }
            });
            published.keySet().stream().filter(key -> !expectedKeys.contains(key) && published.get(key).getValue() != null)
                    .forEach(key -> differences.add(tenant + " " + key + ": published, but no such KPI in the reference"));
        }
        return differences.subList(0, Math.min(differences.size(), 20));
    }

    private static boolean equalDenominator(KpiValue value, BatchReference.Expected expected) {
        return expected.denominator() == null || value.getDenominator() == null
                || expected.denominator().equals(value.getDenominator());
    }

    private static boolean same(BigDecimal actual, BigDecimal expected) {
        if (actual == null || expected == null) {
            return actual == null && expected == null;
        }
        var tolerance = RATIO_TOLERANCE.multiply(expected.abs().max(BigDecimal.ONE));
        return actual.subtract(expected).abs().compareTo(tolerance) <= 0;
    }

    private static void produce(String bootstrap, List<TenantSettings> settings, List<DealChanges.Change> changes)
            throws Exception {
        var config = Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20);
        try (var tenants = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerde.of(TenantSettings.class).serializer())) {
            for (var tenant : settings) {
                tenants.send(new ProducerRecord<>(Topics.TENANTS, tenant.getTenantId(), tenant)).get();
            }
        }
        try (var deals = new KafkaProducer<>(config, new StringSerializer(), AvroSerde.of(Deal.class).serializer())) {
            for (var change : changes) {
                deals.send(new ProducerRecord<>(Topics.DEALS, change.key(), change.deal()));
            }
            deals.flush();
        }
    }

    private static long committedDealOffsets(String bootstrap, String group) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(Topics.DEALS) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        }
    }

    private static KafkaConsumer<String, KpiValue> kpiValuesConsumer(String bootstrap) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kpi-restart-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
                new StringDeserializer(), AvroSerde.of(KpiValue.class).deserializer());
        consumer.subscribe(Set.of(Topics.KPI_VALUES));
        return consumer;
    }
}
