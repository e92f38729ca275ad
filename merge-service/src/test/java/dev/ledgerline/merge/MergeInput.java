package dev.ledgerline.merge;

import dev.ledgerline.consume.RecordProcessor;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.schemas.AvroRecordSerializer;
import dev.ledgerline.schemas.TenantPartitioner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes input records on the real topics as connector-service does (single-object Avro, tenant partitioner,
 * acks=all) and keeps the event ids it sent, so that a test can wait until merge-service has processed them.
 */
public final class MergeInput implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class.getName(),
            ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    private final AvroRecordSerializer serializer = new AvroRecordSerializer();
    private final List<String> eventIds = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public void send(MergeWire.Input input) {
        sendRaw(input.topic(), input.key(), serializer.serialize(input.topic(), input.value()));
    }

    /** Sends bytes as they are (a corrupt value in a test). */
    public void sendRaw(String topic, String key, byte[] value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        eventIds.add(RecordProcessor.eventId(topic, keyBytes, value));
        try {
            producer.send(new ProducerRecord<>(topic, keyBytes, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot send to " + topic, e.getCause());
        }
    }

    /** Sends without waiting for the acknowledgement (for volume); {@link #flush()} waits for all of them. */
    public void sendAsync(MergeWire.Input input) {
        byte[] key = input.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = serializer.serialize(input.topic(), input.value());
        eventIds.add(RecordProcessor.eventId(input.topic(), key, value));
        producer.send(new ProducerRecord<>(input.topic(), key, value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every record sent is acknowledged; fails if one was not. */
    public void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("A record was not acknowledged", failure.get());
        }
    }

    public List<String> eventIds() {
        return List.copyOf(eventIds);
    }

    @Override
    public void close() {
        producer.close();
    }
}
