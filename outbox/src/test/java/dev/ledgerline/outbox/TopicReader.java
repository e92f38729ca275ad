package dev.ledgerline.outbox;

import dev.ledgerline.devstack.DevstackResource;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its start and keeps the records whose key starts with a test's prefix, each with the time this
 * reader saw it. Several tests share the broker, so every test keys its events by tenants of its own.
 */
final class TopicReader implements AutoCloseable {
    /** A record as it arrived, with the wall-clock time it was read. */
    record Arrived(String key, byte[] value, UUID id, int partition, long timestamp, Instant readAt) {
        long sequence() {
            return TestEvents.sequenceOf(value);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String keyPrefix;
    private final List<Arrived> arrived = new ArrayList<>();

    TopicReader(String topic, String keyPrefix) {
        this.keyPrefix = keyPrefix;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    int partitions(String topic) {
        return consumer.partitionsFor(topic).size();
    }

    /** Reads until {@code until} holds for what arrived so far; fails after {@code timeout} with what it saw. */
    List<Arrived> readUntil(Predicate<List<Arrived>> until, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!until.test(arrived)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " with " + arrived.size() + " records of "
                        + keyPrefix + ": " + arrived.stream().map(a -> a.key() + "#" + a.sequence()).toList());
            }
            poll(Duration.ofMillis(20));
        }
        return List.copyOf(arrived);
    }

    /** Reads for a while, for tests that check that something does not arrive. */
    List<Arrived> readFor(Duration duration) {
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            poll(Duration.ofMillis(50));
        }
        return List.copyOf(arrived);
    }

    private void poll(Duration wait) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            if (record.key() != null && record.key().startsWith(keyPrefix)) {
                Header id = record.headers().lastHeader(OutboxEvent.ID_HEADER);
                arrived.add(new Arrived(record.key(), record.value(),
                        id == null ? null : UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)),
                        record.partition(), record.timestamp(), Instant.now()));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
