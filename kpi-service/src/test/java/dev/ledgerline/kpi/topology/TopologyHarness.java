package dev.ledgerline.kpi.topology;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.TenantSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The KPI topology in a TopologyTestDriver with its input and output topics; the wall clock starts at
 * {@code wallClock}. Records are piped with an explicit timestamp: their {@code sourceUpdatedAt}.
 */
final class TopologyHarness implements AutoCloseable {
    static final Duration EMIT = Duration.ofSeconds(1);

    final KpiBooks books = new KpiBooks();
    final TopologyTestDriver driver;
    final TestInputTopic<String, Deal> deals;
    final TestInputTopic<String, Lead> leads;
    final TestInputTopic<String, TenantSettings> tenants;
    final TestInputTopic<String, Owner> owners;
    final TestOutputTopic<String, KpiValue> kpis;

    TopologyHarness(String applicationId, Instant wallClock) {
        this(applicationId, wallClock, EmitPolicy.every(EMIT));
    }

    /** With {@code policy}; {@link #emit()} advances the wall clock by {@link #EMIT}, {@link #advance} by any step. */
    TopologyHarness(String applicationId, Instant wallClock, EmitPolicy policy) {
        var config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RecordingDeadLetterHandler.class);
        driver = new TopologyTestDriver(KpiTopology.build(books, policy), config, wallClock);
        var strings = new StringSerializer();
        deals = driver.createInputTopic(Topics.DEALS, strings, AvroSerde.of(Deal.class).serializer());
        leads = driver.createInputTopic(Topics.LEADS, strings, AvroSerde.of(Lead.class).serializer());
        tenants = driver.createInputTopic(Topics.TENANTS, strings, AvroSerde.of(TenantSettings.class).serializer());
        owners = driver.createInputTopic(Topics.OWNERS, strings, AvroSerde.of(Owner.class).serializer());
        kpis = driver.createOutputTopic(Topics.KPI_VALUES, new StringDeserializer(),
                AvroSerde.of(KpiValue.class).deserializer());
        RecordingDeadLetterHandler.PRODUCER.clear();
    }

    void send(Deal deal) {
        deals.pipeInput(Keys.of(deal.getTenantId(), deal.getSource().name(), deal.getExternalId()), deal,
                deal.getSourceUpdatedAt());
    }

    void send(Lead lead) {
        leads.pipeInput(Keys.of(lead.getTenantId(), lead.getSource().name(), lead.getExternalId()), lead,
                lead.getSourceUpdatedAt());
    }

    void send(Owner owner) {
        owners.pipeInput(ownerKey(owner), owner, owner.getSourceUpdatedAt());
    }

    void send(TenantSettings settings) {
        tenants.pipeInput(settings.getTenantId(), settings, settings.getUpdatedAt());
    }

    static String ownerKey(Owner owner) {
        return Keys.of(owner.getTenantId(), owner.getSource().name(), owner.getExternalId());
    }

    /** Advances the wall clock by one emit interval and returns what was published, by key (last wins). */
    Map<String, KpiValue> emit() {
        return advance(EMIT);
    }

    /** Advances the wall clock by {@code step} and returns what was published, by key (last wins). */
    Map<String, KpiValue> advance(Duration step) {
        driver.advanceWallClockTime(step);
        var values = new LinkedHashMap<String, KpiValue>();
        kpis.readKeyValuesToList().forEach(kv -> values.put(kv.key, kv.value));
        return values;
    }

    <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
    }
}
