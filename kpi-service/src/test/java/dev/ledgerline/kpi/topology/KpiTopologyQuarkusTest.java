package dev.ledgerline.kpi.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.MetricsSnapshot;
import dev.ledgerline.schemas.AvroDecodingException;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.TenantPartitioner;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.StageCategory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The topology under Quarkus on the embedded broker: a deal produced with AvroSerde shows up as KpiValues on
 * kpi.values.v1, and an undecodable record goes to crm.leads.v1.dlq through the configured handler while
 * the topology keeps running; the metrics endpoint shows the processors' counters, the state-store sizes, the
 * punctuation timer and Kafka Streams' own metrics.
 */
@QuarkusTest
@QuarkusTestResource(DevstackResource.class)
class KpiTopologyQuarkusTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anUndecodableRecordIsDeadLetteredAndALaterDealIsPublished() throws Exception {
        // A tenant of its own, without settings: UTC, home currency unknown.
        var tenant = "quarkus-" + UUID.randomUUID().toString().substring(0, 8);
        // On crm.leads.v1, not crm.deals.v1: other tests of this JVM share the broker and read crm.deals.v1
        // with a plain channel that must not meet undecodable records.
        var garbageKey = Keys.of(tenant, "HUBSPOT", "garbage");
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LEADS, garbageKey,
                    "definitely not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var deal = TopologyFixtures.deal("won-1", "owner-1", now.minus(Duration.ofDays(3)), now, StageCategory.WON,
                now, "10").setTenantId(tenant).build();
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                AvroSerde.of(Deal.class).serializer())) {
            producer.send(new ProducerRecord<>(Topics.DEALS, Keys.of(tenant, "HUBSPOT", "won-1"), deal)).get();
        }

        var deadLetters = new ArrayList<DeadLetter>();
        var dlq = Topics.dlq(Topics.LEADS);
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(dlq));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (garbageKey.equals(record.key())) {
                        deadLetters.add(AvroSerde.of(DeadLetter.class).deserializer().deserialize(dlq, record.value()));
                    }
                }
                return !deadLetters.isEmpty();
            });
        }
        assertThat(deadLetters.get(0).getReasonCode()).isEqualTo(AvroDecodingException.Reason.BAD_MARKER.name());
        assertThat(deadLetters.get(0).getOriginalTopic()).isEqualTo(Topics.LEADS);

        // The day in UTC may have turned between producing and reading: accept either day's key.
        var wonKeys = List.of(LocalDate.now(ZoneOffset.UTC), LocalDate.now(ZoneOffset.UTC).plusDays(1)).stream()
                .map(day -> Keys.of(tenant, "DEALS_WON_COUNT", "ALL", "*", "P7D", day.toString()))
                .toList();
        var values = new ArrayList<KpiValue>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.KPI_VALUES));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wonKeys.contains(record.key()) && record.value() != null) {
                        values.add(AvroSerde.of(KpiValue.class).deserializer()
                                .deserialize(Topics.KPI_VALUES, record.value()));
                    }
                }
                return !values.isEmpty();
            });
        }
        assertThat(values.get(values.size() - 1).getValue()).isEqualByComparingTo("1");
        assertThat(values.get(values.size() - 1).getTenantId()).isEqualTo(tenant);
    }

    @Test
    void aRejectedDealIsCountedOnTheMetricsEndpoint() throws Exception {
        var tenant = "quarkus-" + UUID.randomUUID().toString().substring(0, 8);
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var negative = TopologyFixtures.deal("neg-1", "owner-1", now.minus(Duration.ofDays(3)), now,
                StageCategory.OPEN, null, "-1").setTenantId(tenant).build();
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                AvroSerde.of(Deal.class).serializer())) {
            producer.send(new ProducerRecord<>(Topics.DEALS, Keys.of(tenant, "HUBSPOT", "neg-1"), negative)).get();
        }
        var line = Pattern.compile(
                "kpi_rejected_records_total\\{[^}]*reason=\"negative_amount\"[^}]*} ([0-9.E]+)");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            var matcher = line.matcher(metrics);
            assertThat(matcher.find()).as("rejected counter on /q/metrics").isTrue();
            assertThat(Double.parseDouble(matcher.group(1))).isGreaterThanOrEqualTo(1.0);
            assertThat(metrics).contains("kpi_records_processed_total");
        });
    }

    @Test
    void theMetricsShowTheStoreSizesThePunctuationTimerAndKafkaStreamsOwnMetrics() throws Exception {
        // Earlier tests of this JVM awaited their records: once the sampled sizes are steady, they are all in.
        var dealsBefore = steady(() -> storeEntries(metrics(), KpiTopology.DEAL_STATES_STORE));
        var ownersBefore = storeEntries(metrics(), KpiTopology.OWNER_STATES_STORE);

        var tenant = "quarkus-" + UUID.randomUUID().toString().substring(0, 8);
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                AvroSerde.of(Deal.class).serializer())) {
            for (var id : List.of("m-1", "m-2")) {
                var deal = TopologyFixtures.deal(id, "owner-1", now.minus(Duration.ofDays(1)), now,
                        StageCategory.OPEN, null, "10").setTenantId(tenant).build();
                producer.send(new ProducerRecord<>(Topics.DEALS, Keys.of(tenant, "HUBSPOT", id), deal)).get();
            }
        }
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                AvroSerde.of(Owner.class).serializer())) {
            var owner = TopologyFixtures.owner("owner-1", "Ada Lovelace", now).setTenantId(tenant).build();
            producer.send(new ProducerRecord<>(Topics.OWNERS, Keys.of(tenant, "HUBSPOT", "owner-1"), owner)).get();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var metrics = metrics();
            assertThat(storeEntries(metrics, KpiTopology.DEAL_STATES_STORE)).isEqualTo(dealsBefore + 2);
            assertThat(storeEntries(metrics, KpiTopology.OWNER_STATES_STORE)).isEqualTo(ownersBefore + 1);
        });
        var metrics = metrics();
        // Every store has its gauge (storeEntries fails on a missing one).
        KpiTopology.STORES.forEach(store -> storeEntries(metrics, store));
        // The new tenant alone adds 4 slices (ALL, OWNER owner-1, PIPELINE "", LEAD_SOURCE ""), one day each.
        assertThat(value(metrics, "kpi_slices", "")).isGreaterThanOrEqualTo(4);
        assertThat(value(metrics, "kpi_day_buckets", "")).isGreaterThanOrEqualTo(4);
        assertThat(value(metrics, "kpi_punctuation_seconds_count", "")).isGreaterThanOrEqualTo(1);
        // The new tenant's values are published within an emit interval: the last publication is a moment ago.
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(value(metrics(), "kpi_values_last_emitted_timestamp_seconds", ""))
                        .isGreaterThan(now.minus(Duration.ofMinutes(1)).getEpochSecond()));
        assertThat(metrics).contains("kpi_punctuation_seconds_sum").contains("kpi_punctuation_seconds_max");
        assertThat(value(metrics, "kpi_records_processed_total", "topic=\"crm.owners.v1\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).containsPattern("(?m)^kafka_stream_\\w+");
        // The catch-up deferral of the service's EmitPolicy is counted (value checked in CatchUpEmissionTest).
        assertThat(value(metrics, "kpi_emissions_deferred_total", "")).isGreaterThanOrEqualTo(0);
        // With records processed, the per-partition and per-topic client meters exist: kept for the deploy checks.
        MetricsSnapshot.save("kpi-service-topology", metrics);
    }

    private static String metrics() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static long storeEntries(String metrics, String store) {
        return (long) value(metrics, "kpi_state_entries", "store=\"" + store + "\"");
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double value(String metrics, String name, String label) {
        var line = Pattern.compile("(?m)^" + name + "(\\{[^}]*" + Pattern.quote(label) + "[^}]*})? ([0-9.E+-]+)$");
        var matcher = line.matcher(metrics);
        assertThat(matcher.find()).as(name + " " + label + " on /q/metrics").isTrue();
        return Double.parseDouble(matcher.group(2));
    }

    /** A value that did not change over more than one sampling interval. */
    private static long steady(java.util.function.LongSupplier read) {
        var last = new long[] {-1};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1500)).until(() -> {
            var now = read.getAsLong();
            var same = now == last[0];
            last[0] = now;
            return same;
        });
        return last[0];
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "kpi-topology-quarkus-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all");
    }
}
