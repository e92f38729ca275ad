package dev.ledgerline.outbox.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Prepares a service's database for the outbox, before the service appends its first event: the outbox tables
 * (Flyway, in a history table of their own so that the service's migration versions never collide with the
 * module's), then the publication, then the replication slot, each created when absent. The slot keeps every WAL
 * change from its creation on, so an event appended after this returns is relayed even if no relay runs yet.
 */
public final class OutboxSchema {
    /** The module's Flyway history table, beside the service's own {@code flyway_schema_history}. */
    public static final String HISTORY_TABLE = "outbox_schema_history";
    public static final String EVENT_TABLE = "outbox_event";
    public static final String HEARTBEAT_TABLE = "outbox_heartbeat";
    public static final String OFFSET_TABLE = "outbox_relay_offset";

    private static final String DUPLICATE_OBJECT = "42710";
    private static final List<JavaMigration> MIGRATIONS = List.of(
            new SqlMigration("1", "outbox tables", "dev/ledgerline/outbox/migration/V1__outbox_tables.sql"));

    private OutboxSchema() {
    }

    /** Migrates the outbox tables and creates the publication and the slot if absent; returns the tables' schema. */
    public static String prepare(DataSource dataSource, RelaySettings settings) {
        migrate(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            String schema = currentSchema(connection);
            createPublicationIfAbsent(connection, settings.publication(), schema);
            createSlotIfAbsent(connection, settings.slot());
            return schema;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the outbox publication " + settings.publication()
                    + " or replication slot " + settings.slot() + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                // The service's own tables are there already: start this history empty below version 1.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // Our migrations only: no classpath scan, which would also find the service's db/migration.
                .resourceProvider(NoResources.INSTANCE)
                .javaMigrationClassProvider(NoResources.INSTANCE)
                .javaMigrations(MIGRATIONS.toArray(JavaMigration[]::new))
                .load()
                .migrate();
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_schema()")) {
            result.next();
            return result.getString(1);
        }
    }

    /** Inserts only: the append's delete and the heartbeat's cleanup stay out of the stream. */
    private static void createPublicationIfAbsent(Connection connection, String publication, String schema)
            throws SQLException {
        if (exists(connection, "SELECT 1 FROM pg_publication WHERE pubname = ?", publication)) {
            return;
        }
        try (Statement create = connection.createStatement()) {
            // Identifiers were checked by RelaySettings and by the current_schema() the server named.
            create.execute("CREATE PUBLICATION " + publication + " FOR TABLE " + schema + "." + EVENT_TABLE + ", "
                    + schema + "." + HEARTBEAT_TABLE + " WITH (publish = 'insert')");
        } catch (SQLException e) {
            ignoreIfCreatedMeanwhile(e);
        }
    }

    private static void createSlotIfAbsent(Connection connection, String slot) throws SQLException {
        if (exists(connection, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot)) {
            return;
        }
        try (PreparedStatement create = connection.prepareStatement(
                "SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
            create.setString(1, slot);
            create.execute();
        } catch (SQLException e) {
            ignoreIfCreatedMeanwhile(e);
        }
    }

    /** Another instance of the service, starting at the same time, created it first. */
    private static void ignoreIfCreatedMeanwhile(SQLException e) throws SQLException {
        if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
            throw e;
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** A versioned migration running one SQL file of this module, read without scanning the class path. */
    private record SqlMigration(String version, String description, String resource) implements JavaMigration {
        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion(version);
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Integer getChecksum() {
            CRC32 crc = new CRC32();
            crc.update(sql().getBytes(StandardCharsets.UTF_8));
            return (int) crc.getValue();
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) throws SQLException {
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute(sql());
            }
        }

        private String sql() {
            try (InputStream in = OutboxSchema.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Migration " + resource + " is missing from the outbox jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Flyway's class-path scan replaced by nothing: every migration is listed in {@link #MIGRATIONS}. */
    private enum NoResources implements ResourceProvider, ClassProvider<JavaMigration> {
        INSTANCE;

        @Override
        public LoadableResource getResource(String name) {
            return null;
        }

        @Override
        public java.util.Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return List.of();
        }

        @Override
        public java.util.Collection<Class<? extends JavaMigration>> getClasses() {
            return List.of();
        }
    }
}
