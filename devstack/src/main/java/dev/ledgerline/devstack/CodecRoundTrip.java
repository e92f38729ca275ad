package dev.ledgerline.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test support: sends a batch compressed with one codec to a broker and reads it back. A broker that lacks the
 * codec answers the produce request with UNKNOWN_SERVER_ERROR, which fails the check with the codec named.
 */
public final class CodecRoundTrip {
    /** Every codec a Kafka client may send. */
    public static final List<CompressionType> CODECS = List.of(CompressionType.values());

    private static final int RECORDS = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CodecRoundTrip() {
    }

    /** Produces {@value #RECORDS} records in one compressed batch to {@code topic} and consumes them back. */
    public static void check(String bootstrapServers, String topic, CompressionType codec) {
        String run = codec.name + "-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec.name,
                ProducerConfig.ACKS_CONFIG, "all",
                // One batch: the broker must decompress it to validate and store it.
                ProducerConfig.LINGER_MS_CONFIG, 1_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        Set<String> sent = new HashSet<>();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                String value = run + "-" + i + " " + "compressible text ".repeat(20);
                sent.add(value);
                acks.add(producer.send(new ProducerRecord<>(topic, run, value)));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new AssertionError("The broker refused a batch compressed with " + codec.name + ": " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("No acknowledgement of a batch compressed with " + codec.name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
        List<ConsumerRecord<String, String>> read = TopicProbe.readUntil(bootstrapServers, topic,
                new StringDeserializer(), record -> run.equals(record.key()) && record.value().startsWith(
                        run + "-" + (RECORDS - 1) + " "), TIMEOUT);
        Set<String> received = read.stream().filter(record -> run.equals(record.key())).map(ConsumerRecord::value)
                .collect(Collectors.toSet());
        if (!received.equals(sent)) {
            throw new AssertionError("Read back " + received.size() + " of the " + sent.size()
                    + " records compressed with " + codec.name);
        }
    }
}
