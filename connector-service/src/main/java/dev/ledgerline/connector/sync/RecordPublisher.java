package dev.ledgerline.connector.sync;

import dev.ledgerline.kafkaclient.KafkaClientConfig;
import dev.ledgerline.schemas.AvroRecordSerializer;
import dev.ledgerline.schemas.TenantPartitioner;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes normalised CRM records: idempotent, acks=all, placed by tenant. A sync sends a page, then
 * {@link Batch#await()}s Kafka's acknowledgement of every record before it moves its cursor past them. Brokers and
 * security are the service's {@code kafka.*} settings ({@link KafkaClientConfig}).
 */
@ApplicationScoped
public class RecordPublisher {
    private final KafkaProducer<String, SpecificRecord> producer;

    RecordPublisher(KafkaClientConfig kafka) {
        Map<String, Object> config = kafka.producer();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "connector-crm-records");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class);
        producer = new KafkaProducer<>(config, new StringSerializer(), new AvroRecordSerializer());
    }

    public Batch batch() {
        return new Batch();
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    /** Records sent together and acknowledged together. */
    public final class Batch {
        private final List<Future<RecordMetadata>> sent = new ArrayList<>();

        public void send(String topic, String key, SpecificRecord value) {
            sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
        }

        /** Blocks until Kafka acknowledged every record of the batch; throws if any was not written. */
        public void await() {
            try {
                for (Future<RecordMetadata> ack : sent) {
                    ack.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not acknowledge a record: " + e.getCause(), e.getCause());
            } finally {
                sent.clear();
            }
        }
    }
}
