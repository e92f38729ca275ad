package dev.ledgerline.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.outbox.relay.OutboxRelay;
import dev.ledgerline.outbox.relay.OutboxSchema;
import dev.ledgerline.outbox.relay.RelaySettings;
import dev.ledgerline.outbox.relay.RelayState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Two instances of a service: one relays, the other waits ready as standby and takes over when the first stops. */
class RelayTakeoverTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void theStandbyIsReadyAndTakesOverTheSlotWhenTheRelayingInstanceStops() throws Exception {
        try (TestDatabase database = TestDatabase.create("takeover")) {
            RelaySettings settings = database.relaySettings("takeover-test");
            String schema = OutboxSchema.prepare(database.dataSource(), settings);
            String tenant = database.name() + "-t";
            OutboxRelay first = new OutboxRelay(settings, schema, new SimpleMeterRegistry());
            OutboxRelay second = new OutboxRelay(settings, schema, new SimpleMeterRegistry());
            try (TopicReader reader = new TopicReader(TestEvents.TOPIC, tenant)) {
                first.start();
                Awaitility.await().atMost(PATIENCE).until(() -> first.state() == RelayState.RELAYING);
                second.start();
                Awaitility.await().atMost(PATIENCE).until(() -> second.state() == RelayState.STANDBY);
                assertThat(second.state().ready()).isTrue();

                List<UUID> ids = new ArrayList<>(TestEvents.commit(database.dataSource(),
                        List.of(TestEvents.event(tenant, 1), TestEvents.event(tenant, 2))));
                reader.readUntil(seen -> seen.size() == 2, PATIENCE);
                assertThat(second.state()).isEqualTo(RelayState.STANDBY);

                first.close();
                ids.addAll(TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, 3))));
                Awaitility.await().atMost(PATIENCE).until(() -> second.state() == RelayState.RELAYING);
                ids.addAll(TestEvents.commit(database.dataSource(), List.of(TestEvents.event(tenant, 4))));

                List<TopicReader.Arrived> arrived = reader.readUntil(seen -> seen.size() >= 4, PATIENCE);
                assertThat(arrived).extracting(TopicReader.Arrived::id).containsExactlyElementsOf(ids);
                assertThat(arrived).extracting(TopicReader.Arrived::sequence).containsExactly(1L, 2L, 3L, 4L);
            } finally {
                first.close();
                second.close();
            }
        }
    }
}
