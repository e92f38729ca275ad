package dev.ledgerline.outbox;

import dev.ledgerline.schemas.AvroRecordSerializer;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Appends events to the caller's transaction: they reach their topic once it commits, and never if it rolls back.
 * Call it from a {@code @Transactional} method that also changes the service's data:
 *
 * <pre>{@code
 * outbox.append(Topics.CONNECTIONS, Keys.of(tenant, connectionId), ConnectionMapper.toWire(entity));
 * }</pre>
 *
 * The value is encoded at once, in Avro single-object encoding (the serializer behind {@code AvroSerde}); the
 * relay publishes the bytes as they are, with the key, the headers and the event id as header {@code id}.
 */
@ApplicationScoped
public class Outbox {
    private final AgroalDataSource dataSource;
    private final OutboxLifecycle lifecycle;
    private final AvroRecordSerializer serializer = new AvroRecordSerializer();

    Outbox(AgroalDataSource dataSource, OutboxLifecycle lifecycle) {
        this.dataSource = dataSource;
        this.lifecycle = lifecycle;
    }

    /** Appends an event; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String key, SpecificRecord value) {
        return append(topic, key, value, Map.of());
    }

    /** Appends an event with extra headers (the name {@code id} is taken by the event id); returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String key, SpecificRecord value, Map<String, String> headers) {
        return write(new OutboxEvent(topic, key, serializer.serialize(topic, value), headers));
    }

    /** Appends a tombstone (a record without value), which lets compaction drop the key; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID appendTombstone(String topic, String key) {
        return write(new OutboxEvent(topic, key, null, Map.of()));
    }

    /** Inside a JTA transaction the pool hands out the transaction's own connection, the one JPA writes on. */
    private UUID write(OutboxEvent event) {
        lifecycle.awaitPrepared();
        try (Connection connection = dataSource.getConnection()) {
            return OutboxRows.append(connection, event);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot append outbox event " + event.key() + " on " + event.topic()
                    + ": " + e.getMessage(), e);
        }
    }
}
