package dev.ledgerline.outbox.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetUtils;
import org.apache.kafka.connect.util.Callback;
import org.postgresql.Driver;

/**
 * Debezium's offsets in the service's own database (table {@value OutboxSchema#OFFSET_TABLE}), so that they are as
 * durable as the events: a restart resumes after the last batch Kafka acknowledged. The engine creates it by class
 * name; it reads its connection from the engine properties {@link #URL}, {@link #USER} and {@link #PASSWORD} (a
 * property name ending in "password" is masked in Debezium's logs).
 *
 * <p>Offsets are JSON (Connect's internal converter), stored as text so that an operator can read them.
 */
public final class JdbcOffsetStore implements OffsetBackingStore {
    static final String URL = "offset.storage.jdbc.url";
    static final String USER = "offset.storage.jdbc.user";
    static final String PASSWORD = "offset.storage.jdbc.password";

    private static final String UPSERT = "INSERT INTO " + OutboxSchema.OFFSET_TABLE
            + " (offset_key, offset_value, updated_at) VALUES (?, ?, now())"
            + " ON CONFLICT (offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value, updated_at = now()";
    private static final String DELETE = "DELETE FROM " + OutboxSchema.OFFSET_TABLE + " WHERE offset_key = ?";

    private final Map<ByteBuffer, ByteBuffer> offsets = new ConcurrentHashMap<>();
    private final Map<String, Set<Map<String, Object>>> partitionsByConnector = new ConcurrentHashMap<>();
    private final JsonConverter keyConverter = new JsonConverter();
    private String url;
    private Properties credentials;
    private Connection connection;

    @Override
    public void configure(WorkerConfig config) {
        Map<String, String> properties = config.originalsStrings();
        url = properties.get(URL);
        if (url == null) {
            throw new ConnectException("The outbox offset store needs " + URL);
        }
        credentials = new Properties();
        credentials.setProperty("user", properties.getOrDefault(USER, ""));
        credentials.setProperty("password", properties.getOrDefault(PASSWORD, ""));
        keyConverter.configure(Map.of("schemas.enable", "false"), true);
    }

    @Override
    public synchronized void start() {
        try (Statement statement = connection().createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT offset_key, offset_value FROM " + OutboxSchema.OFFSET_TABLE)) {
            while (rows.next()) {
                remember(bytes(rows.getString(1)), bytes(rows.getString(2)));
            }
            connection.commit();
        } catch (SQLException e) {
            closeConnection();
            throw new ConnectException("Cannot read the outbox relay's offsets: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        closeConnection();
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> found = new HashMap<>();
        for (ByteBuffer key : keys) {
            found.put(key, offsets.get(key));
        }
        return CompletableFuture.completedFuture(found);
    }

    /** Writes the offsets in one transaction before it reports them flushed. */
    @Override
    public synchronized Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        try {
            Connection db = connection();
            try (PreparedStatement upsert = db.prepareStatement(UPSERT);
                 PreparedStatement delete = db.prepareStatement(DELETE)) {
                for (Map.Entry<ByteBuffer, ByteBuffer> entry : values.entrySet()) {
                    if (entry.getValue() == null) {
                        delete.setString(1, text(entry.getKey()));
                        delete.addBatch();
                    } else {
                        upsert.setString(1, text(entry.getKey()));
                        upsert.setString(2, text(entry.getValue()));
                        upsert.addBatch();
                    }
                }
                upsert.executeBatch();
                delete.executeBatch();
            }
            db.commit();
        } catch (SQLException e) {
            closeConnection();
            ConnectException failure = new ConnectException("Cannot store the outbox relay's offsets: " + e.getMessage(), e);
            if (callback != null) {
                callback.onCompletion(failure, null);
            }
            return CompletableFuture.failedFuture(failure);
        }
        values.forEach(this::remember);
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return partitionsByConnector.getOrDefault(connectorName, Set.of());
    }

    private void remember(ByteBuffer key, ByteBuffer value) {
        if (value == null) {
            offsets.remove(key);
        } else {
            offsets.put(key, value);
        }
        OffsetUtils.processPartitionKey(array(key), value == null ? null : array(value), keyConverter,
                partitionsByConnector);
    }

    /** The store's own connection (not the service's pool), reopened after a failure. */
    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = new Driver().connect(url, credentials);
            if (connection == null) {
                throw new SQLException("Not a PostgreSQL URL: " + url);
            }
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a broken connection; the next use opens a new one.
            }
            connection = null;
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        return new String(array(buffer), StandardCharsets.UTF_8);
    }

    private static byte[] array(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
