package dev.ledgerline.outbox;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.kafkaclient.KafkaClientConfig;
import dev.ledgerline.outbox.relay.RelaySettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the devstack's PostgreSQL for one test, as a service's database would be; closing it drops
 * its replication slots (they would keep WAL on the shared server) and the database.
 */
final class TestDatabase implements AutoCloseable {
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String name;
    private final String jdbcUrl;

    private TestDatabase(String name, String jdbcUrl) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    static TestDatabase create(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        String maintenanceUrl = DevstackResource.jdbcUrl("postgres");
        try (Connection connection = connect(maintenanceUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new TestDatabase(name, maintenanceUrl.substring(0, maintenanceUrl.lastIndexOf('/') + 1) + name);
    }

    String name() {
        return name;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    Connection connect() throws SQLException {
        return connect(jdbcUrl);
    }

    /** Relay settings for a service on this database, with timings short enough for tests. */
    RelaySettings relaySettings(String serviceName) {
        return relaySettings(serviceName, KafkaClientConfig.forBrokers(DevstackResource.bootstrapServers()));
    }

    /** The same, reaching Kafka with these client settings. */
    RelaySettings relaySettings(String serviceName, KafkaClientConfig kafka) {
        return relaySettings(serviceName, jdbcUrl, kafka, name + "_slot", name + "_pub");
    }

    /** The same, for a relay in another JVM, which is given the addresses instead of asking the devstack. */
    static RelaySettings relaySettings(String serviceName, String jdbcUrl, KafkaClientConfig kafka, String slot,
            String publication) {
        return RelaySettings.forService(serviceName, jdbcUrl, USER, PASSWORD, kafka)
                .withSlotAndPublication(slot, publication)
                .withTimings(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(2));
    }

    @Override
    public void close() {
        try (Connection connection = connect(DevstackResource.jdbcUrl("postgres"))) {
            try (PreparedStatement slots = connection.prepareStatement(
                    "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = ? AND active")) {
                slots.setString(1, name);
                slots.execute();
            }
            try (PreparedStatement drop = connection.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = ?")) {
                drop.setString(1, name);
                drop.execute();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + name, e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return java.sql.DriverManager.getConnection(url, USER, PASSWORD);
    }
}
