package dev.ledgerline.kafkaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.devstack.Devstack;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Clients built from KafkaClientConfig against the real broker's SASL_PLAINTEXT listener (SCRAM-SHA-512). */
class ScramAuthenticationTest {
    /** Any topic of the table does: the test reads back only its own record. */
    private static final String TOPIC = Topics.dlq(Topics.TENANTS);

    @Test
    void theRightPasswordProducesAndConsumes() throws Exception {
        KafkaClientConfig config = KafkaClientConfig.of(DevstackResource.scramClientSettings(Devstack.SCRAM_PASSWORD));
        String key = "scram-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(config.producer(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, "authenticated")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> consumerConfig = config.consumer();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, key);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key)) {
                        values.add(record.value());
                    }
                }
            }
        }
        assertThat(values).containsExactly("authenticated");
    }

    @Test
    void aWrongPasswordFailsWithAnAuthenticationError() {
        KafkaClientConfig config = KafkaClientConfig.of(DevstackResource.scramClientSettings("not-the-password"));
        Map<String, Object> producerConfig = config.producer();
        producerConfig.put("max.block.ms", 10_000);
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, SaslAuthenticationException.class)
                    .satisfies(error -> assertThat(error instanceof ExecutionException ? error.getCause() : error)
                            .isInstanceOf(SaslAuthenticationException.class)
                            .hasMessageContaining("Authentication failed"));
        }
        Map<String, Object> consumerConfig = config.consumer();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "wrong-password");
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }
}
