package dev.ledgerline.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local runs keep their data: a restart must neither re-format Kafka nor re-initialise PostgreSQL. */
class RestartOnSameDataTest {

    @TempDir
    Path dataDir;

    @Test
    void brokerComesBackWithoutFormattingAndKeepsItsTopics() throws Exception {
        TopicTable table = TopicTable.withPartitions(2);
        try (EmbeddedKafka first = EmbeddedKafka.start(dataDir, 0)) {
            assertThat(first.formattedStorage()).isTrue();
            assertThat(TopicCreator.apply(first.bootstrapServers(), table)).hasSameSizeAs(table.topics());
        }

        try (EmbeddedKafka second = EmbeddedKafka.start(dataDir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
            assertThat(second.formattedStorage()).isFalse();
            assertThat(admin.listTopics().names().get()).containsAll(table.names());
            assertThat(TopicCreator.apply(second.bootstrapServers(), table)).isEmpty();
        }
    }

    @Test
    void databaseComesBackWithItsDatabasesAndRows() throws SQLException {
        List<String> databases = List.of("merge");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, 0, databases);
             Connection connection = first.connect("merge");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int)");
            statement.execute("INSERT INTO kept VALUES (7)");
        }

        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, 0, databases);
             Connection connection = second.connect("merge");
             Statement statement = connection.createStatement();
             ResultSet kept = statement.executeQuery("SELECT id FROM kept")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getInt(1)).isEqualTo(7);
        }
    }
}
