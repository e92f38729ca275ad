package dev.ledgerline.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes outbox events on the caller's JDBC connection, inside the caller's transaction: each event is inserted and
 * deleted at once. The publication streams only the insert, so the relay publishes the event when (and only if) the
 * transaction commits, and the table never grows.
 */
public final class OutboxRows {
    private static final String INSERT =
            "INSERT INTO outbox_event (id, topic, message_key, payload, headers) VALUES (?, ?, ?, ?, ?::jsonb)";
    private static final String DELETE = "DELETE FROM outbox_event WHERE id = ?";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxRows() {
    }

    /** Appends the event to the connection's current transaction and returns its id. */
    public static UUID append(Connection connection, OutboxEvent event) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            insert.setObject(1, id);
            insert.setString(2, event.topic());
            insert.setString(3, event.key());
            insert.setBytes(4, event.value());
            insert.setString(5, headersJson(event));
            insert.executeUpdate();
            delete.setObject(1, id);
            delete.executeUpdate();
        }
        return id;
    }

    private static String headersJson(OutboxEvent event) {
        try {
            return JSON.writeValueAsString(event.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Headers of a string map always serialise", e);
        }
    }
}
