package dev.ledgerline.outbox;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.TenantSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Events of the tests: tenant settings on {@code tenants.v1}, keyed by tenant, whose display name carries a sequence
 * number so that a test can tell the order they arrive in.
 */
final class TestEvents {
    static final String TOPIC = Topics.TENANTS;
    private static final AvroSerde<TenantSettings> SERDE = AvroSerde.of(TenantSettings.class);

    private TestEvents() {
    }

    static OutboxEvent event(String tenant, long sequence) {
        TenantSettings value = TenantSettings.newBuilder()
                .setTenantId(tenant)
                .setDisplayName(Long.toString(sequence))
                .setHomeCurrency("EUR")
                .setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L + sequence))
                .build();
        return new OutboxEvent(TOPIC, tenant, SERDE.serializer().serialize(TOPIC, value), Map.of("sequence",
                Long.toString(sequence)));
    }

    static long sequenceOf(byte[] value) {
        return Long.parseLong(SERDE.deserializer().deserialize(TOPIC, value).getDisplayName());
    }

    /** Appends the events in one transaction and commits it; returns their ids in order. */
    static List<UUID> commit(DataSource database, List<OutboxEvent> events) throws SQLException {
        return inTransaction(database, events, true);
    }

    /** Appends the events in one transaction and rolls it back; returns the ids they had. */
    static List<UUID> rollBack(DataSource database, List<OutboxEvent> events) throws SQLException {
        return inTransaction(database, events, false);
    }

    private static List<UUID> inTransaction(DataSource database, List<OutboxEvent> events, boolean commit)
            throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            List<UUID> ids = new ArrayList<>();
            for (OutboxEvent event : events) {
                ids.add(OutboxRows.append(connection, event));
            }
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return ids;
        }
    }
}
