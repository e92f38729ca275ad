package dev.ledgerline.kpi.topology;

import static dev.ledgerline.kpi.topology.TopologyFixtures.TENANT;
import static dev.ledgerline.kpi.topology.TopologyFixtures.closed;
import static dev.ledgerline.kpi.topology.TopologyFixtures.deal;
import static dev.ledgerline.kpi.topology.TopologyFixtures.lead;

import static dev.ledgerline.kpi.topology.TopologyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.kpi.compute.DealState;
import dev.ledgerline.kpi.compute.Dimension;
import dev.ledgerline.kpi.compute.KpiBook;
import dev.ledgerline.kpi.compute.LeadVersion;
import dev.ledgerline.kpi.compute.Slice;
import dev.ledgerline.kpi.compute.TenantKpiState;
import dev.ledgerline.kpi.compute.TenantProfile;
import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A restarted task rebuilds its tenants' day buckets from the restored per-record stores
 * ({@link KpiProcessor#rebuild}). The rebuilt state must answer every KPI exactly as the incrementally
 * maintained one, and as the in-memory reference engine {@link KpiBook} fed with the same records.
 */
class KpiRebuildTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final List<String> OWNERS = List.of("o1", "o2", "o3");
    private static final List<LocalDate> AS_OF = List.of(
            LocalDate.parse("2026-03-15"), LocalDate.parse("2026-02-28"), LocalDate.parse("2025-12-31"),
            LocalDate.parse("2026-06-30"));

    @Test
    void rebuildingFromTheStoresGivesTheSameKpisAsIncrementalProcessing() {
        var books = new KpiBooks();
        var reference = new KpiBook();
        var config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-rebuild-test");
        try (var driver = new TopologyTestDriver(KpiTopology.build(books, Duration.ofSeconds(1)), config, NOW)) {
            var strings = new StringSerializer();
            var deals = driver.createInputTopic(Topics.DEALS, strings, AvroSerde.of(Deal.class).serializer());
            var leads = driver.createInputTopic(Topics.LEADS, strings, AvroSerde.of(Lead.class).serializer());
            var tenants = driver.createInputTopic(Topics.TENANTS, strings,
                    AvroSerde.of(TenantSettings.class).serializer());

            // Records before the settings (derived under the defaults), then a zone and currency change that
            // re-derives everything, then more history with updates, owner changes, deletes and tombstones.
            var random = new Random(20261122L);
            var history = history(random, 300);
            var first = history.subList(0, 100);
            var rest = history.subList(100, history.size());
            first.forEach(record -> {
                deals.pipeInput(record.key, record.deal);
                reference.onDeal(record.key, record.deal);
            });
            var settings = settings("America/New_York", "EUR");
            tenants.pipeInput(TENANT, settings);
            reference.onTenantSettings(TENANT, settings);
            rest.forEach(record -> {
                deals.pipeInput(record.key, record.deal);
                reference.onDeal(record.key, record.deal);
            });
            for (int i = 0; i < 40; i++) {
                var created = NOW.minus(Duration.ofHours(random.nextInt(24 * 200)));
                var status = LeadStatus.values()[random.nextInt(LeadStatus.values().length)];
                var lead = lead("l" + random.nextInt(25), OWNERS.get(random.nextInt(OWNERS.size())), created, status);
                var key = Keys.of(TENANT, "HUBSPOT", lead.getExternalId());
                leads.pipeInput(key, lead);
                reference.onLead(key, lead);
            }

            KeyValueStore<String, TenantProfile> profiles = driver.getKeyValueStore(KpiTopology.TENANT_PROFILES_STORE);
            KeyValueStore<String, DealState> dealStates = driver.getKeyValueStore(KpiTopology.DEAL_STATES_STORE);
            KeyValueStore<String, LeadVersion> leadStates = driver.getKeyValueStore(KpiTopology.LEAD_STATES_STORE);
            var rebuilt = KpiProcessor.rebuild(profiles, dealStates, leadStates);

            assertThat(rebuilt).containsOnlyKeys(TENANT);
            var rebuiltTenant = rebuilt.get(TENANT);
            var slices = books.read(TENANT, TenantKpiState::slices).orElseThrow();
            assertThat(rebuiltTenant.slices()).isEqualTo(slices);
            assertThat(slices).anyMatch(slice -> slice.dimension() == Dimension.OWNER);
            for (var slice : slices) {
                for (var window : Window.values()) {
                    for (var asOf : AS_OF) {
                        var incremental = books.read(TENANT, state -> state.evaluate(slice, window, asOf)).orElseThrow();
                        var fromStores = rebuiltTenant.evaluate(slice, window, asOf);
                        var expected = reference.evaluate(TENANT, slice, window, asOf);
                        assertThat(fromStores).as("%s %s %s rebuilt", slice, window, asOf)
                                .usingRecursiveComparison()
                                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                                .isEqualTo(incremental);
                        assertThat(incremental).as("%s %s %s reference", slice, window, asOf)
                                .usingRecursiveComparison()
                                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                                .isEqualTo(expected);
                    }
                }
            }
            // Sanity: the comparison is not over empty states.
            var won = books.read(TENANT, state -> state.evaluate(Slice.ALL, Window.P365D, AS_OF.get(0))).orElseThrow();
            assertThat(won.get(dev.ledgerline.kpi.compute.KpiId.DEALS_WON_COUNT).value()).isPositive();
        }
    }

    private record Keyed(String key, Deal deal) {
    }

    private static List<Keyed> history(Random random, int count) {
        var records = new ArrayList<Keyed>();
        var updatedAt = NOW.minus(Duration.ofDays(400));
        for (int i = 0; i < count; i++) {
            updatedAt = updatedAt.plus(Duration.ofMinutes(1 + random.nextInt(600)));
            var id = "d" + random.nextInt(60);
            var key = Keys.of(TENANT, "HUBSPOT", id);
            var owner = OWNERS.get(random.nextInt(OWNERS.size()));
            var created = updatedAt.minus(Duration.ofHours(random.nextInt(24 * 90)));
            var amount = String.valueOf(random.nextInt(100_000) / 100.0);
            var roll = random.nextInt(20);
            Deal deal;
            if (roll == 0) {
                deal = null;
            } else if (roll == 1) {
                deal = deal(id, owner, created, updatedAt, StageCategory.OPEN, null, amount).setOp(Op.DELETE).build();
            } else if (roll < 10) {
                deal = deal(id, owner, created, updatedAt, StageCategory.OPEN, null, amount)
                        .setProbability(random.nextInt(11) / 10.0).build();
            } else {
                var closedAt = created.plus(Duration.ofHours(random.nextInt(24 * 30)));
                var stage = random.nextBoolean() ? StageCategory.WON : StageCategory.LOST;
                deal = closed(id, owner, created, stage, closedAt, amount);
                deal = Deal.newBuilder(deal).setSourceUpdatedAt(updatedAt).build();
            }
            records.add(new Keyed(key, deal));
            if (random.nextInt(10) == 0 && deal != null) {
                records.add(new Keyed(key, deal)); // re-sync of the same version
            }
        }
        return records;
    }

}
