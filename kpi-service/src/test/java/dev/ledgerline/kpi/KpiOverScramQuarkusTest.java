package dev.ledgerline.kpi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ledgerline.devstack.Devstack;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.TenantSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The Kafka Streams application on the broker's SASL listener (SCRAM-SHA-512), configured only through the
 * {@code kafka.*} security settings every service takes (env {@code KAFKA_SECURITY_PROTOCOL} …) and its brokers: it
 * turns ready (its topics checked, its stream threads running) and processes what arrives.
 */
@QuarkusTest
@QuarkusTestResource(DevstackResource.class)
@TestProfile(KpiOverScramQuarkusTest.Scram.class)
class KpiOverScramQuarkusTest {
    private static final Pattern TENANTS_PROCESSED = Pattern.compile(
            "kpi_records_processed_total\\{topic=\"tenants\\.v1\"} ([0-9.]+)");

    public static class Scram implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> scram = DevstackResource.scramClientSettings(Devstack.SCRAM_PASSWORD);
            return Map.of(
                    "quarkus.kafka-streams.bootstrap-servers", scram.get("bootstrap.servers"),
                    "kafka.security.protocol", scram.get("security.protocol"),
                    "kafka.sasl.mechanism", scram.get("sasl.mechanism"),
                    "kafka.sasl.jaas.config", scram.get("sasl.jaas.config"));
        }
    }

    @Test
    void turnsReadyAndProcessesItsInputAsTheScramUser() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
        String tenant = "scram-" + UUID.randomUUID();
        TenantSettings settings = TenantSettings.newBuilder().setTenantId(tenant).setHomeCurrency("EUR")
                .setUpdatedAt(Instant.EPOCH).build();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers()),
                new StringSerializer(), AvroSerde.of(TenantSettings.class).serializer())) {
            producer.send(new ProducerRecord<>(Topics.TENANTS, tenant, settings)).get();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Matcher processed = TENANTS_PROCESSED.matcher(given().get("/q/metrics").asString());
            assertThat(processed.find()).isTrue();
            assertThat(Double.parseDouble(processed.group(1))).isPositive();
        });
    }
}
