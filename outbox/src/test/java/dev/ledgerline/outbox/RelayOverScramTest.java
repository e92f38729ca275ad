package dev.ledgerline.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.Devstack;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.kafkaclient.KafkaClientConfig;
import dev.ledgerline.outbox.relay.OutboxRelay;
import dev.ledgerline.outbox.relay.OutboxSchema;
import dev.ledgerline.outbox.relay.RelaySettings;
import dev.ledgerline.outbox.relay.RelayState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The relay's producer on the broker's SASL listener (SCRAM-SHA-512), configured as a service configures it. */
class RelayOverScramTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void withTheUsersPasswordEventsReachTheirTopic() throws Exception {
        try (TestDatabase database = TestDatabase.create("scram");
                OutboxRelay relay = relay(database, Devstack.SCRAM_PASSWORD)) {
            relay.start();
            Awaitility.await().atMost(PATIENCE).until(() -> relay.state() == RelayState.RELAYING);
            String tenant = database.name() + "-a";
            UUID id = TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, 1))).get(0);
            try (TopicReader reader = new TopicReader(TestEvents.TOPIC, tenant)) {
                assertThat(reader.readUntil(seen -> !seen.isEmpty(), PATIENCE)).extracting(TopicReader.Arrived::id)
                        .containsExactly(id);
            }
            assertThat(publishErrors()).isZero();
        }
    }

    @Test
    void withAWrongPasswordNothingIsPublishedAndThePublishErrorsAreCounted() throws Exception {
        try (TestDatabase database = TestDatabase.create("scram");
                OutboxRelay relay = relay(database, "not-the-password")) {
            // Not awaiting RELAYING: the engine starts, fails on its first batch and restarts, round and round.
            relay.start();
            String tenant = database.name() + "-b";
            TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, 1)));
            Awaitility.await().atMost(PATIENCE).until(() -> publishErrors() > 0);
            try (TopicReader reader = new TopicReader(TestEvents.TOPIC, tenant)) {
                assertThat(reader.readFor(Duration.ofSeconds(2))).isEmpty();
            }
        }
    }

    /** A relay of the database's outbox whose producer authenticates as devstack's SCRAM user with this password. */
    private OutboxRelay relay(TestDatabase database, String password) {
        RelaySettings settings = database.relaySettings("scram-test",
                KafkaClientConfig.of(DevstackResource.scramClientSettings(password)));
        return new OutboxRelay(settings, OutboxSchema.prepare(database.dataSource(), settings), metrics);
    }

    private double publishErrors() {
        return metrics.get("ledgerline.outbox.errors").tag("stage", "publish").counter().count();
    }
}
