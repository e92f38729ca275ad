package dev.ledgerline.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning in tests, until the records a test expects have arrived. */
public final class TopicProbe {
    private TopicProbe() {
    }

    /**
     * Every record of the topic from its start, once at least one matches {@code until}; fails after {@code timeout}
     * with what it did see.
     */
    public static <V> List<ConsumerRecord<String, V>> readUntil(String bootstrapServers, String topic,
            Deserializer<V> values, Predicate<ConsumerRecord<String, V>> until, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "topic-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                if (seen.stream().anyMatch(until)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("No matching record on " + topic + " within " + timeout + "; saw " + seen.size()
                + " records: " + seen.stream().map(r -> r.key() + "=" + r.value()).toList());
    }
}
