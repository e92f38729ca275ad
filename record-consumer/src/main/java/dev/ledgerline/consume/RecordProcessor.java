package dev.ledgerline.consume;

import dev.ledgerline.schemas.AvroDecodingException;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.DeadLetters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Processes one input record in one database transaction: the service's change and the processed-event row commit
 * together, so a record is applied exactly once however often it is delivered. A record the service refuses, or one
 * that cannot be decoded, goes to its topic's {@code .dlq} with the reason and is logged as processed; the consumer
 * goes on. Any other failure propagates, so that the consumer retries the record instead of skipping it.
 */
@ApplicationScoped
public class RecordProcessor {
    /** Reason code of a record that kept failing for an unexpected reason until the attempts ran out. */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    /** Reason code of a record whose key does not name the tenant of its value. */
    public static final String KEY_MISMATCH = "KEY_MISMATCH";
    private static final Logger LOG = Logger.getLogger(RecordProcessor.class);

    private final Map<String, Route<?>> routes = new HashMap<>();
    private final DeadLetterSender deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final EntityManager entities;
    private final String stage;

    RecordProcessor(Instance<RecordHandler<?>> handlers, DeadLetterSender deadLetters, IngestMetrics metrics,
            Clock clock, EntityManager entities, @ConfigProperty(name = "quarkus.application.name") String application) {
        handlers.forEach(handler -> routes.put(handler.topic(), Route.of(handler)));
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.entities = entities;
        this.stage = stage(application);
    }

    /** The stage named in the service's dead letters: {@code <application name>/consumer}. */
    public static String stage(String application) {
        return application + "/consumer";
    }

    /** The topics the service consumes: those of its handlers. */
    public Set<String> topics() {
        return Set.copyOf(routes.keySet());
    }

    public Outcome process(ConsumerRecord<byte[], byte[]> record) {
        Outcome outcome = apply(record);
        metrics.record(record.topic(), outcome);
        return outcome;
    }

    /** Sends a record that kept failing to its dead-letter topic and logs it as processed. */
    public void giveUp(ConsumerRecord<byte[], byte[]> record, Throwable error) {
        LOG.errorf(error, "Giving up on %s-%d@%d after repeated failures; it goes to the dead-letter topic",
                record.topic(), record.partition(), record.offset());
        deadLetter(record, DeadLetters.rejected(record, PROCESSING_FAILED, describe(error), error, stage, clock.instant()),
                PROCESSING_FAILED);
        metrics.record(record.topic(), Outcome.DEAD_LETTERED);
    }

    private Outcome apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Outcome.TOMBSTONE;
        }
        Route<?> route = routes.get(record.topic());
        if (route == null) {
            throw new IllegalStateException("No handler for topic " + record.topic());
        }
        String eventId = eventId(record);
        SpecificRecord value;
        try {
            value = route.decode(record);
        } catch (AvroDecodingException e) {
            if (QuarkusTransaction.requiringNew().call(() -> processed(eventId))) {
                return Outcome.DUPLICATE;
            }
            LOG.warnf("Dead-lettering undecodable %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            deadLetter(record, DeadLetters.undecodable(record, e, stage, clock.instant()), e.reason().name());
            return Outcome.DEAD_LETTERED;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (processed(eventId)) {
                    return Outcome.DUPLICATE;
                }
                route.checkKey(record, value);
                Outcome outcome = route.handle(value);
                logProcessed(eventId, record, outcome);
                return outcome;
            });
        } catch (RuntimeException e) {
            RejectedRecord rejected = rejection(e);
            if (rejected == null) {
                throw e;
            }
            LOG.warnf("Dead-lettering %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                    rejected.reasonCode(), rejected.getMessage());
            deadLetter(record, DeadLetters.rejected(record, rejected.reasonCode(), rejected.getMessage(), null, stage,
                    clock.instant()), rejected.reasonCode());
            return Outcome.DEAD_LETTERED;
        }
    }

    /** Dead letter first, then the processed row: a crash in between sends the dead letter again, never loses it. */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record, dev.ledgerline.wire.DeadLetter letter, String reason) {
        deadLetters.send(record.partition(), record.key(), letter);
        metrics.deadLetter(record.topic(), reason);
        String eventId = eventId(record);
        QuarkusTransaction.requiringNew().run(() -> {
            if (!processed(eventId)) {
                logProcessed(eventId, record, Outcome.DEAD_LETTERED);
            }
        });
    }

    private boolean processed(String eventId) {
        return entities.find(ProcessedEventEntity.class, eventId) != null;
    }

    private void logProcessed(String eventId, ConsumerRecord<byte[], byte[]> record, Outcome outcome) {
        ProcessedEventEntity processed = new ProcessedEventEntity();
        processed.eventId = eventId;
        processed.topic = record.topic();
        processed.partitionNo = record.partition();
        processed.recordOffset = record.offset();
        processed.outcome = outcome;
        processed.processedAt = clock.instant();
        entities.persist(processed);
    }

    private static RejectedRecord rejection(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RejectedRecord rejected) {
                return rejected;
            }
        }
        return null;
    }

    private static String describe(Throwable error) {
        StringBuilder message = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            message.append(message.isEmpty() ? "" : "; caused by ").append(cause.getClass().getSimpleName())
                    .append(": ").append(cause.getMessage());
        }
        return message.toString();
    }

    static String eventId(ConsumerRecord<byte[], byte[]> record) {
        return eventId(record.topic(), record.key(), record.value());
    }

    /** SHA-256 of topic, key and value: the same record content is the same event, whatever its offset. */
    public static String eventId(String topic, byte[] key, byte[] value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(topic.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (key != null) {
                digest.update(key);
            }
            digest.update((byte) 0);
            digest.update(value);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A topic's handler with the serde of its record type. */
    private record Route<T extends SpecificRecord>(RecordHandler<T> handler, AvroSerde<T> serde) {
        static <T extends SpecificRecord> Route<T> of(RecordHandler<T> handler) {
            return new Route<>(handler, AvroSerde.of(handler.type()));
        }

        T decode(ConsumerRecord<byte[], byte[]> record) {
            return serde.deserializer().deserialize(record.topic(), record.value());
        }

        @SuppressWarnings("unchecked")
        void checkKey(ConsumerRecord<byte[], byte[]> record, SpecificRecord value) {
            String tenant = handler.tenantOf((T) value);
            String keyTenant = DeadLetters.tenantOf(record.key());
            if (!tenant.equals(keyTenant)) {
                throw new RejectedRecord(KEY_MISMATCH, "The record's key names tenant '" + keyTenant
                        + "' but its value belongs to tenant '" + tenant + "'");
            }
        }

        @SuppressWarnings("unchecked")
        Outcome handle(SpecificRecord value) {
            return handler.handle((T) value);
        }
    }
}
