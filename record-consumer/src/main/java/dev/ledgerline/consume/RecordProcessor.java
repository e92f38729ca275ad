package dev.ledgerline.consume;

import dev.ledgerline.schemas.AvroDecodingException;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.DeadLetters;
import dev.ledgerline.schemas.EventIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * Applies several records of one partition number in one transaction, each with its processed-event row, and
     * flushes and clears the session after each, so that the next one starts as it would after a commit. True when all of them
     * committed; false when one could not be decoded or failed in any way (a rejection too): then nothing of the batch
     * stays, and the caller processes the records one transaction each ({@link #process}), which dead-letters or
     * retries the failing one alone.
     */
    public boolean processTogether(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Decoded> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                decoded.add(new Decoded(record, null, null));
                continue;
            }
            try {
                decoded.add(new Decoded(record, route(record).decode(record), eventId(record)));
            } catch (AvroDecodingException e) {
                return false;
            }
        }
        List<Outcome> outcomes;
        try {
            outcomes = QuarkusTransaction.requiringNew().call(() -> {
                Set<String> processed = processedAmong(decoded.stream().map(Decoded::eventId)
                        .filter(Objects::nonNull).toList());
                List<Outcome> applied = new ArrayList<>(decoded.size());
                for (Decoded record : decoded) {
                    if (record.value() == null) {
                        applied.add(Outcome.TOMBSTONE);
                        continue;
                    }
                    // The same content twice in one batch: the second is a duplicate of the first.
                    applied.add(processed.add(record.eventId())
                            ? applyNew(record.record(), record.value(), record.eventId())
                            : Outcome.DUPLICATE);
                    // As after a commit of its own: the next record sees this one's changes in the database, and
                    // the session does not grow (its flushes would check every entity of the batch).
                    entities.flush();
                    entities.clear();
                }
                return applied;
            });
        } catch (RuntimeException e) {
            LOG.debugf(e, "A batch of %d records failed; processing them one by one", records.size());
            return false;
        }
        for (int i = 0; i < records.size(); i++) {
            metrics.record(records.get(i).topic(), outcomes.get(i));
        }
        return true;
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
        String eventId = eventId(record);
        SpecificRecord value;
        try {
            value = route(record).decode(record);
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
            return QuarkusTransaction.requiringNew().call(() -> applyDecoded(record, value, eventId));
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

    /** Inside the caller's transaction: the record's change and its processed-event row, or DUPLICATE. */
    private Outcome applyDecoded(ConsumerRecord<byte[], byte[]> record, SpecificRecord value, String eventId) {
        return processed(eventId) ? Outcome.DUPLICATE : applyNew(record, value, eventId);
    }

    private Outcome applyNew(ConsumerRecord<byte[], byte[]> record, SpecificRecord value, String eventId) {
        Route<?> route = route(record);
        route.checkKey(record, value);
        Outcome outcome = route.handle(value);
        logProcessed(eventId, record, outcome);
        return outcome;
    }

    private Route<?> route(ConsumerRecord<byte[], byte[]> record) {
        Route<?> route = routes.get(record.topic());
        if (route == null) {
            throw new IllegalStateException("No handler for topic " + record.topic());
        }
        return route;
    }

    /** A polled record with its decoded value and event id (both null for a tombstone). */
    private record Decoded(ConsumerRecord<byte[], byte[]> record, SpecificRecord value, String eventId) {
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

    /** Which of these events are in the processed-event log, in one query. */
    private Set<String> processedAmong(List<String> eventIds) {
        return new HashSet<>(entities.createQuery(
                "select p.eventId from ProcessedEventEntity p where p.eventId in :ids", String.class)
                .setParameter("ids", eventIds).getResultList());
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

    /** The record's event id ({@link EventIds}): the key of the processed-event log. */
    static String eventId(ConsumerRecord<byte[], byte[]> record) {
        return EventIds.of(record.topic(), record.key(), record.value());
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
