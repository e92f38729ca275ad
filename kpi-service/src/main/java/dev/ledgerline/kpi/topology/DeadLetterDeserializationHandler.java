package dev.ledgerline.kpi.topology;

import dev.ledgerline.schemas.AvroDecodingException;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.DeadLetterHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

/**
 * Sends an input record that cannot be decoded to its topic's {@code .dlq} as a {@link DeadLetter} (the raw
 * key and value bytes, topic, partition, offset, and {@link AvroDecodingException#reason()} as reason code),
 * then lets the topology continue. Kafka Streams 4.1 has no dead-letter support of its own, so the handler
 * has a small producer of its own, configured from the Streams config (bootstrap servers, security) and
 * created on the first dead letter. The send is awaited, so a dead letter is written before the offset of the
 * skipped record can be committed.
 *
 * <p>Configured with {@code kafka-streams.deserialization.exception.handler} in application.properties.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = Logger.getLogger(DeadLetterDeserializationHandler.class);
    static final String STAGE = "kpi-service/deserialization";
    static final String UNDECODABLE = "UNDECODABLE";
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Map<String, Object> producerConfig = new HashMap<>();
    private final AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
    private Producer<byte[], byte[]> producer;

    @Override
    public void configure(Map<String, ?> configs) {
        var producerNames = ProducerConfig.configNames();
        configs.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (name.startsWith(StreamsConfig.PRODUCER_PREFIX)) {
                producerConfig.put(name.substring(StreamsConfig.PRODUCER_PREFIX.length()), value);
            } else if (producerNames.contains(name) && !producerConfig.containsKey(name)) {
                producerConfig.put(name, value);
            }
        });
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producerConfig.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        var applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, (applicationId == null ? "kpi-service" : applicationId)
                + "-dlq-producer");
    }

    @Override
    public DeserializationHandlerResponse handle(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        var decoding = decodingCause(exception);
        var reasonCode = decoding == null ? UNDECODABLE : decoding.reason().name();
        var tenantId = tenantOf(record.key());
        LOG.warnf("Dead-lettering undecodable record %s-%d@%d (%s): %s", record.topic(), record.partition(),
                record.offset(), reasonCode, exception.getMessage());
        try {
            var deadLetter = deadLetter(record, exception, decoding, reasonCode, tenantId);
            var dlq = Topics.dlq(record.topic());
            producer().send(new ProducerRecord<>(dlq, record.key(), serde.serializer().serialize(dlq, deadLetter)))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf(e, "Interrupted while dead-lettering %s-%d@%d", record.topic(), record.partition(),
                    record.offset());
        } catch (Exception e) {
            LOG.errorf(e, "Could not dead-letter %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
        return DeserializationHandlerResponse.CONTINUE;
    }

    static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, Exception exception,
            AvroDecodingException decoding, String reasonCode, String tenantId) {
        var headers = new ArrayList<DeadLetterHeader>();
        record.headers().forEach(header -> headers.add(new DeadLetterHeader(
                header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value()))));
        var cause = decoding == null ? exception : decoding;
        return DeadLetter.newBuilder()
                .setOriginalTopic(record.topic())
                .setOriginalPartition(record.partition())
                .setOriginalOffset(record.offset())
                .setOriginalTimestamp(record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()))
                .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setHeaders(headers)
                .setTenantId(tenantId)
                .setReasonCode(reasonCode)
                .setErrorMessage(String.valueOf(cause.getMessage()))
                .setExceptionClass(cause.getClass().getName())
                .setStage(STAGE)
                .setFingerprint(decoding == null || decoding.fingerprint().isEmpty()
                        ? null : decoding.fingerprint().getAsLong())
                .setFailedAt(Instant.now())
                .build();
    }

    /** Creates the dead-letter producer; tests override it. */
    protected Producer<byte[], byte[]> createProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = createProducer(Map.copyOf(producerConfig));
        }
        return producer;
    }

    private static AvroDecodingException decodingCause(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AvroDecodingException decoding) {
                return decoding;
            }
        }
        return null;
    }

    private static String tenantOf(byte[] key) {
        if (key == null) {
            return null;
        }
        var tenant = Keys.tenantOf(new String(key, StandardCharsets.UTF_8));
        return tenant.isEmpty() ? null : tenant;
    }
}
