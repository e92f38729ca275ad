package dev.ledgerline.devstack.containers;

import dev.ledgerline.devstack.ContainerImages;
import dev.ledgerline.devstack.Devstack;
import dev.ledgerline.devstack.EmbeddedDatabase;
import dev.ledgerline.devstack.RunningStack;
import dev.ledgerline.devstack.TopicCreator;
import dev.ledgerline.devstack.TopicTable;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka (KRaft) and PostgreSQL from the images of docker-compose.yml, for {@code mvn -Pcontainers} on a machine with
 * a container engine: the same topics (from the {@link TopicTable}) and databases as the in-process stack.
 */
public final class ContainerStack implements RunningStack {
    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerStack(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static boolean engineAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    public static RunningStack start() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(ContainerImages.KAFKA))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse(ContainerImages.POSTGRES))
                .withUsername(EmbeddedDatabase.USERNAME)
                .withPassword(EmbeddedDatabase.PASSWORD)
                .withDatabaseName("postgres")
                // As devstack's embedded server: logical decoding for the outbox relays' slots.
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20",
                        "-c", "max_wal_senders=20");
        kafka.start();
        postgres.start();
        ContainerStack stack = new ContainerStack(kafka, postgres);
        TopicCreator.apply(kafka.getBootstrapServers(), TopicTable.standard());
        stack.createDatabases();
        return stack;
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    /** The Kafka image's listeners are Testcontainers' own, without SASL: the SCRAM tests need the in-process stack. */
    @Override
    public String scramBootstrapServers() {
        throw new UnsupportedOperationException("The Kafka container has no SCRAM listener; run the SCRAM tests"
                + " without -Pcontainers (in-process devstack)");
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }

    private void createDatabases() {
        try (var connection = DriverManager.getConnection(postgres.getJdbcUrl(), EmbeddedDatabase.USERNAME,
                EmbeddedDatabase.PASSWORD); var statement = connection.createStatement()) {
            for (String database : Devstack.DATABASES) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the databases in the PostgreSQL container", e);
        }
    }
}
