package dev.ledgerline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import dev.ledgerline.schemas.Topics;

class DevstackResourceTest {

    private static final List<String> DATABASES = Devstack.DATABASES;

    private static Map<String, String> config;

    @BeforeAll
    static void startStack() {
        config = startResource(Map.of(DevstackResource.DATABASE_ARG, "connector"));
    }

    @Test
    void returnsKafkaDatasourceAndStreamsConfig() {
        String bootstrapServers = DevstackResource.bootstrapServers();
        assertThat(config)
                .containsEntry("kafka.bootstrap.servers", bootstrapServers)
                .containsEntry("quarkus.datasource.jdbc.url", DevstackResource.jdbcUrl("connector"))
                .containsEntry("quarkus.datasource.username", EmbeddedDatabase.USERNAME)
                .containsEntry("quarkus.datasource.password", EmbeddedDatabase.PASSWORD)
                .containsKey("kafka-streams.state.dir");
    }

    @Test
    void sharesOneStackAndGivesEachStartAFreshStreamsStateDir() {
        Map<String, String> withoutDatabase = startResource(Map.of());

        assertThat(withoutDatabase.get("kafka.bootstrap.servers")).isEqualTo(config.get("kafka.bootstrap.servers"));
        assertThat(withoutDatabase).doesNotContainKey("quarkus.datasource.jdbc.url");
        Path stateDir = Path.of(withoutDatabase.get("kafka-streams.state.dir"));
        assertThat(stateDir).isEmptyDirectory().isNotEqualTo(Path.of(config.get("kafka-streams.state.dir")));
    }

    @Test
    void rejectsAnUnknownDatabase() {
        assertThatThrownBy(() -> new DevstackResource().init(Map.of(DevstackResource.DATABASE_ARG, "billing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing");
    }

    @Test
    void createsEveryTopicOfTheTableWithItsPartitionsAndCleanupPolicy() throws Exception {
        TopicTable table = TopicTable.standard();
        try (Admin admin = admin()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(table.names()).allTopicNames().get();
            List<ConfigResource> resources = table.names().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();

            for (TopicSpec topic : table.topics()) {
                assertThat(descriptions.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                Config topicConfig = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                topic.configs().forEach((key, value) ->
                        assertThat(topicConfig.get(key).value()).as(topic.name() + " " + key).isEqualTo(value));
            }
        }
    }

    @Test
    void creatingTheTopicsAgainChangesNothing() {
        assertThat(TopicCreator.apply(DevstackResource.bootstrapServers(), TopicTable.standard())).isEmpty();
        assertThat(TopicCreator.apply(DevstackResource.bootstrapServers(), TopicTable.standard())).isEmpty();
    }

    @Test
    void aProducedRecordIsConsumedBack() {
        String key = "tenant-" + UUID.randomUUID() + "|HUBSPOT|42";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(new ProducerRecord<>(Topics.DEALS, key, "deal")).get();
        } catch (Exception e) {
            throw new AssertionError("Producing failed", e);
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.subscribe(List.of(Topics.DEALS));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.stream().noneMatch(record -> record.key().equals(key)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(received).anySatisfy(record -> {
                assertThat(record.key()).isEqualTo(key);
                assertThat(record.value()).isEqualTo("deal");
            });
        }
    }

    @ParameterizedTest
    @FieldSource("DATABASES")
    void eachDatabaseIsPostgres17WithLogicalWal(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                DevstackResource.jdbcUrl(database), EmbeddedDatabase.USERNAME, EmbeddedDatabase.PASSWORD);
             Statement statement = connection.createStatement()) {
            assertThat(show(statement, "server_version")).startsWith("17");
            assertThat(show(statement, "wal_level")).isEqualTo("logical");
            assertThat(Integer.parseInt(show(statement, "max_replication_slots"))).isGreaterThanOrEqualTo(10);
            assertThat(Integer.parseInt(show(statement, "max_wal_senders"))).isGreaterThanOrEqualTo(10);
            try (ResultSet current = statement.executeQuery("SELECT current_database()")) {
                current.next();
                assertThat(current.getString(1)).isEqualTo(database);
            }
        }
    }

    private static Map<String, String> startResource(Map<String, String> initArgs) {
        DevstackResource resource = new DevstackResource();
        resource.init(initArgs);
        return resource.start();
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers()));
    }

    private static Properties producerConfig() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return properties;
    }

    private static Properties consumerConfig() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }
}
