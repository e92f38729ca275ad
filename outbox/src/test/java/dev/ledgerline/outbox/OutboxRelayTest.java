package dev.ledgerline.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.outbox.relay.OutboxRelay;
import dev.ledgerline.outbox.relay.OutboxSchema;
import dev.ledgerline.outbox.relay.RelaySettings;
import dev.ledgerline.outbox.relay.RelayState;
import dev.ledgerline.schemas.TenantPartitioning;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay in this JVM against the devstack's real PostgreSQL (pgoutput) and Kafka. */
class OutboxRelayTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private TestDatabase database;
    private RelaySettings settings;
    private String schema;
    private SimpleMeterRegistry metrics;
    private OutboxRelay relay;
    private String tenants;

    @BeforeEach
    void prepare() {
        database = TestDatabase.create("relay");
        settings = database.relaySettings("relay-test");
        schema = OutboxSchema.prepare(database.dataSource(), settings);
        tenants = database.name() + "-";
        metrics = new SimpleMeterRegistry();
        relay = startedRelay();
    }

    @AfterEach
    void cleanUp() {
        if (relay != null) {
            relay.close();
        }
        database.close();
    }

    @Test
    void committedEventsReachTheirTopicWithinASecondKeyedAndPlacedByTenant() throws Exception {
        String tenant = tenants + "a";
        List<Duration> latencies = new ArrayList<>();
        try (TopicReader reader = new TopicReader(TestEvents.TOPIC, tenants)) {
            int partitions = reader.partitions(TestEvents.TOPIC);
            for (int sequence = 1; sequence <= 5; sequence++) {
                UUID id = TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, sequence))).get(0);
                Instant committed = Instant.now();
                int expected = sequence;
                TopicReader.Arrived arrived = reader.readUntil(seen -> seen.size() == expected, PATIENCE).get(sequence - 1);
                latencies.add(Duration.between(committed, arrived.readAt()));
                assertThat(arrived.id()).isEqualTo(id);
                assertThat(arrived.key()).isEqualTo(tenant);
                assertThat(arrived.sequence()).isEqualTo(sequence);
                assertThat(arrived.partition()).isEqualTo(TenantPartitioning.partitionOfKey(tenant, partitions));
            }
        }
        System.out.println("Commit to topic, one event per transaction: " + latencies);
        // The median, so that one pause of the loaded test machine does not decide it.
        assertThat(latencies.stream().sorted().toList().get(latencies.size() / 2)).isLessThan(Duration.ofSeconds(1));
        assertThat(metrics.get("ledgerline.outbox.events.relayed").tag("topic", TestEvents.TOPIC).counter().count())
                .isEqualTo(5.0);
        assertThat(metrics.get("ledgerline.outbox.relay.lag").gauge().value()).isBetween(0.0, 30.0);
        assertThat(metrics.get("ledgerline.outbox.errors").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void aRolledBackEventIsNeverPublishedAndTheOutboxTableStaysEmpty() throws Exception {
        String tenant = tenants + "b";
        UUID before = TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, 1))).get(0);
        List<UUID> rolledBack = TestEvents.rollBack(database.dataSource(),
                List.of(TestEvents.event(tenant, 2), TestEvents.event(tenant + "-other", 1)));
        UUID after = TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, 3))).get(0);

        try (TopicReader reader = new TopicReader(TestEvents.TOPIC, tenants)) {
            // One relay publishes in commit order: once the later event is there, the rolled-back one would be too.
            List<TopicReader.Arrived> arrived = reader.readUntil(
                    seen -> seen.stream().anyMatch(a -> after.equals(a.id())), PATIENCE);
            assertThat(arrived).extracting(TopicReader.Arrived::id).containsExactly(before, after)
                    .doesNotContainAnyElementsOf(rolledBack);
        }
        assertThat(count("SELECT count(*) FROM " + OutboxSchema.EVENT_TABLE)).isZero();
    }

    @Test
    void eventsOfOneTransactionKeepTheirOrderAndATombstoneHasNoValue() throws Exception {
        String tenant = tenants + "c";
        List<OutboxEvent> events = new ArrayList<>();
        for (int sequence = 1; sequence <= 50; sequence++) {
            events.add(TestEvents.event(tenant, sequence));
        }
        events.add(new OutboxEvent(TestEvents.TOPIC, tenant, null, Map.of()));
        List<UUID> ids = TestEvents.commit(database.dataSource(), events);

        try (TopicReader reader = new TopicReader(TestEvents.TOPIC, tenants)) {
            List<TopicReader.Arrived> arrived = reader.readUntil(seen -> seen.size() == events.size(), PATIENCE);
            assertThat(arrived).extracting(TopicReader.Arrived::id).containsExactlyElementsOf(ids);
            assertThat(arrived.subList(0, 50)).extracting(TopicReader.Arrived::sequence)
                    .isSortedAccordingTo(Long::compare);
            assertThat(arrived.get(50).value()).isNull();
        }
    }

    @Test
    void aCleanRestartResumesAfterTheAcknowledgedEventsWithoutResendingThem() throws Exception {
        String tenant = tenants + "d";
        List<UUID> first = TestEvents.commit(database.dataSource(),
                List.of(TestEvents.event(tenant, 1), TestEvents.event(tenant, 2)));
        try (TopicReader reader = new TopicReader(TestEvents.TOPIC, tenants)) {
            reader.readUntil(seen -> seen.size() == 2, PATIENCE);
            relay.close();
            // Committed while no relay runs: the slot keeps them.
            List<UUID> whileStopped = TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, 3)));
            relay = startedRelay();
            List<UUID> afterRestart = TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, 4)));

            List<TopicReader.Arrived> arrived = reader.readUntil(
                    seen -> seen.stream().anyMatch(a -> afterRestart.get(0).equals(a.id())), PATIENCE);
            List<UUID> expected = new ArrayList<>(first);
            expected.addAll(whileStopped);
            expected.addAll(afterRestart);
            assertThat(arrived).extracting(TopicReader.Arrived::id).containsExactlyElementsOf(expected);
        }
        assertThat(count("SELECT count(*) FROM " + OutboxSchema.OFFSET_TABLE)).isEqualTo(1);
    }

    @Test
    void heartbeatsMoveTheSlotOnWhileOnlyOtherTablesWrite() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE service_data (id bigserial PRIMARY KEY, payload text)");
            statement.execute("INSERT INTO service_data (payload) SELECT repeat('x', 200) FROM generate_series(1, 5000)");
            String written = text(statement, "SELECT pg_current_wal_lsn()::text");
            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
                try (ResultSet result = statement.executeQuery("SELECT confirmed_flush_lsn >= '" + written
                        + "'::pg_lsn FROM pg_replication_slots WHERE slot_name = '" + settings.slot() + "'")) {
                    return result.next() && result.getBoolean(1);
                }
            });
        }
        // The heartbeat rows replace each other.
        assertThat(count("SELECT count(*) FROM " + OutboxSchema.HEARTBEAT_TABLE)).isLessThanOrEqualTo(1);
    }

    @Test
    void theModuleKeepsItsOwnMigrationHistoryBesideTheServicesAndPreparingAgainChangesNothing() throws Exception {
        assertThat(OutboxSchema.prepare(database.dataSource(), settings)).isEqualTo(schema);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThat(text(statement, "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM "
                    + OutboxSchema.HISTORY_TABLE + " WHERE success")).isEqualTo("1");
            assertThat(text(statement, "SELECT pubinsert::text || pubupdate::text || pubdelete::text FROM pg_publication"
                    + " WHERE pubname = '" + settings.publication() + "'")).isEqualTo("truefalsefalse");
            assertThat(text(statement, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_publication_tables"
                    + " WHERE pubname = '" + settings.publication() + "'"))
                    .isEqualTo(OutboxSchema.EVENT_TABLE + "," + OutboxSchema.HEARTBEAT_TABLE);
            assertThat(count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + settings.slot()
                    + "' AND plugin = 'pgoutput'")).isEqualTo(1);
        }
    }

    private OutboxRelay startedRelay() {
        OutboxRelay started = new OutboxRelay(settings, schema, metrics);
        started.start();
        Awaitility.await().atMost(PATIENCE).until(() -> started.state() == RelayState.RELAYING);
        return started;
    }

    private long count(String query) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            return Long.parseLong(text(statement, query));
        }
    }

    private static String text(Statement statement, String query) throws Exception {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

}
