package dev.ledgerline.outbox.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.Driver;

/**
 * Elects the one instance of a service that streams from the replication slot (a slot serves one connection at a
 * time): a PostgreSQL session-level advisory lock named after the slot, held on a connection of its own. It frees
 * itself when its holder stops or dies, since the server ends a session whose client is gone.
 */
final class RelayLock implements AutoCloseable {
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final String url;
    private final Properties credentials;
    private final long key;
    private Connection connection;

    RelayLock(RelaySettings settings) {
        this.url = settings.jdbcUrl();
        this.credentials = new Properties();
        credentials.setProperty("user", settings.username() == null ? "" : settings.username());
        credentials.setProperty("password", settings.password() == null ? "" : settings.password());
        credentials.setProperty("ApplicationName", "ledgerline-outbox-lock");
        this.key = UUID.nameUUIDFromBytes(("ledgerline.outbox:" + settings.slot()).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

    /** True when this instance holds the lock now (it may have held it already). */
    synchronized boolean tryAcquire() throws SQLException {
        if (connection != null) {
            return true;
        }
        Connection candidate = new Driver().connect(url, credentials);
        try (PreparedStatement lock = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    connection = candidate;
                    return true;
                }
            }
        } catch (SQLException e) {
            candidate.close();
            throw e;
        }
        candidate.close();
        return false;
    }

    /** False once the lock's connection is gone: the server freed the lock, another instance may hold it now. */
    synchronized boolean stillHeld() {
        try {
            return connection != null && connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Frees the lock by ending its session. */
    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The session is gone either way, and the lock with it.
            }
            connection = null;
        }
    }
}
