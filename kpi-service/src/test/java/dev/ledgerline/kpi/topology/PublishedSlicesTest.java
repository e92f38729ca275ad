package dev.ledgerline.kpi.topology;

import static dev.ledgerline.kpi.topology.TopologyFixtures.TENANT;
import static dev.ledgerline.kpi.topology.TopologyFixtures.dealKey;
import static dev.ledgerline.kpi.topology.TopologyFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.kpi.compute.DealUpdates;
import dev.ledgerline.kpi.compute.TenantProfile;
import dev.ledgerline.kpi.compute.WireMapping;
import dev.ledgerline.kpi.state.StateSerdes;
import dev.ledgerline.wire.KpiDimension;
import dev.ledgerline.wire.KpiValue;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A task restarted after a crash: its stores say that deal d1 belongs to owner o2, but the last values published for
 * owner o1 (who had d1 before) predate that change — the task died after storing it and before publishing o1's
 * zeros. The published-slices store makes the new task publish o1 once more, and forget it.
 */
class PublishedSlicesTest {
    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    @Test
    void aPublishedSliceThatLostItsDealsBeforeTheCrashIsPublishedAgainAtRestart() {
        var context = new MockProcessorContext<String, SpecificRecord>();
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        var deals = store(context, KpiTopology.DEAL_STATES_STORE, StateSerdes.dealState());
        var published = store(context, KpiTopology.PUBLISHED_SLICES_STORE, Serdes.String());
        store(context, KpiTopology.LEAD_STATES_STORE, StateSerdes.leadVersion());
        store(context, KpiTopology.TENANT_PROFILES_STORE, StateSerdes.tenantProfile());
        store(context, KpiTopology.OWNER_STATES_STORE, StateSerdes.ownerInfo());
        var moved = open("d1", "o2", NOW.minus(Duration.ofDays(2)), "1000", 0.5);
        deals.put(dealKey("d1"), DealUpdates.apply(TenantProfile.defaults(TENANT), null,
                WireMapping.dealVersion(moved)).state());
        published.put(TENANT + "|OWNER|o1", "");
        published.put(TENANT + "|OWNER|o2", "");

        var processor = new KpiProcessor(new KpiBooks(), EmitPolicy.every(Duration.ofSeconds(1)));
        processor.init(context);
        processor.emit(NOW.toEpochMilli());

        var o1 = context.forwarded().stream()
                .map(forwarded -> (KpiValue) forwarded.record().value())
                .filter(value -> value.getDimension() == KpiDimension.OWNER && value.getDimensionValue().equals("o1"))
                .toList();
        assertThat(o1).as("owner o1 published again").isNotEmpty();
        assertThat(o1).filteredOn(value -> value.getKpi().equals("OPEN_DEALS_COUNT"))
                .allSatisfy(value -> assertThat(value.getValue()).isZero());
        assertThat(published.get(TENANT + "|OWNER|o1")).as("o1 forgotten once its zeros are out").isNull();
        assertThat(published.get(TENANT + "|OWNER|o2")).isEqualTo("");
        assertThat(published.get(TENANT + "|ALL|*")).as("the tenant total remembered").isEqualTo("");
    }

    private static <V> KeyValueStore<String, V> store(MockProcessorContext<String, SpecificRecord> context,
            String name, Serde<V> values) {
        var store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
