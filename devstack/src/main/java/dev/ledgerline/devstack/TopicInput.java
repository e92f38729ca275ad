package dev.ledgerline.devstack;

import dev.ledgerline.schemas.AvroRecordSerializer;
import dev.ledgerline.schemas.EventIds;
import dev.ledgerline.schemas.TenantPartitioner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a test's input records on the real topics as the producing services do (single-object Avro, tenant
 * partitioner, acks=all) and keeps the event ids ({@link EventIds}) of what it sent, so that the test can wait until
 * the consuming service has them in its processed-event log ({@link ServiceDatabase#awaitProcessed}).
 */
public final class TopicInput implements AutoCloseable {
    /** A record to publish; the tests' wire helpers build these. */
    public interface Record {
        String topic();

        String key();

        SpecificRecord value();
    }

    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class.getName(),
            ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    private final AvroRecordSerializer serializer = new AvroRecordSerializer();
    private final List<String> eventIds = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public RecordMetadata send(Record input) {
        return sendRaw(input.topic(), input.key(), serializer.serialize(input.topic(), input.value()));
    }

    public void sendAll(List<? extends Record> inputs) {
        inputs.forEach(this::send);
    }

    /** Sends bytes as they are (a test's corrupt value); null is a tombstone, which leaves no processed event. */
    public RecordMetadata sendRaw(String topic, String key, byte[] value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (value != null) {
            eventIds.add(EventIds.of(topic, keyBytes, value));
        }
        try {
            return producer.send(new ProducerRecord<>(topic, keyBytes, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot send to " + topic, e.getCause());
        }
    }

    /** Sends without waiting for the acknowledgement (for volume); {@link #flush()} waits for all of them. */
    public void sendAsync(Record input) {
        byte[] key = input.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = serializer.serialize(input.topic(), input.value());
        eventIds.add(EventIds.of(input.topic(), key, value));
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

    /** Event ids of every non-tombstone record sent so far. */
    public List<String> eventIds() {
        return List.copyOf(eventIds);
    }

    @Override
    public void close() {
        producer.close();
    }
}
