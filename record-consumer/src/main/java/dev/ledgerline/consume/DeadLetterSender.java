package dev.ledgerline.consume;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.kafkaclient.KafkaClientConfig;
import dev.ledgerline.wire.DeadLetter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes dead letters to {@code <topic>.dlq}, keyed by the original key, on the original record's partition (the
 * tenant's), and waits for the broker's acknowledgement: the record's offset is committed only after its dead letter
 * is stored.
 */
@ApplicationScoped
public class DeadLetterSender {
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Map<String, Object> config;
    private final AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
    private Producer<byte[], byte[]> producer;

    @Inject
    DeadLetterSender(KafkaClientConfig kafka, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.config = kafka.producer();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-dlq");
    }

    public void send(int originalPartition, byte[] key, DeadLetter letter) {
        String topic = Topics.dlq(letter.getOriginalTopic());
        Producer<byte[], byte[]> dlq = producer();
        int partitions = dlq.partitionsFor(topic).size();
        try {
            dlq.send(new ProducerRecord<>(topic, Math.floorMod(originalPartition, partitions), key,
                    serde.serializer().serialize(topic, letter))).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing a dead letter to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot write a dead letter to " + topic + ": " + e.getMessage(), e);
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(new HashMap<>(config), new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
