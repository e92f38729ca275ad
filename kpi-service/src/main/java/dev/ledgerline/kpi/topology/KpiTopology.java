package dev.ledgerline.kpi.topology;

import dev.ledgerline.kpi.state.HashKeyValueStore;
import dev.ledgerline.kpi.state.StateSerdes;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.TenantStreamPartitioner;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.TenantSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the KPI topology without CDI, so that TopologyTestDriver tests and the Quarkus producer share it.
 *
 * <p>Every input topic is partitioned by tenant with the same partition count, so this is one sub-topology:
 * the four sources feed one {@link KpiProcessor}, whose task holds whole tenants, and no repartition topic
 * is needed. The stores keep only per-record state (in memory, with changelogs); the day buckets live in
 * memory in {@link KpiBooks} and are rebuilt from the stores when a task starts.
 */
public final class KpiTopology {
    /** Deal key (tenant|source|id) → {@link dev.ledgerline.kpi.compute.DealState}. */
    public static final String DEAL_STATES_STORE = "kpi-deal-states";
    /** Lead key (tenant|source|id) → latest accepted {@link dev.ledgerline.kpi.compute.LeadVersion}. */
    public static final String LEAD_STATES_STORE = "kpi-lead-states";
    /** Tenant id → {@link dev.ledgerline.kpi.compute.TenantProfile}. */
    public static final String TENANT_PROFILES_STORE = "kpi-tenant-profiles";
    /** Owner key (tenant|source|id) → latest {@link dev.ledgerline.kpi.owners.OwnerInfo}, for display names. */
    public static final String OWNER_STATES_STORE = "kpi-owner-states";

    /**
     * tenant|dimension|value → "" for every slice with values on kpi.values.v1: a slice that lost its last deal while
     * its zeros were not yet published when the task died is not in the rebuilt buckets, so a restarted task learns
     * from here that it must publish it once more.
     */
    public static final String PUBLISHED_SLICES_STORE = "kpi-published-slices";

    /** The stores, whose sizes are published as metrics. */
    public static final List<String> STORES = List.of(DEAL_STATES_STORE, LEAD_STATES_STORE, TENANT_PROFILES_STORE,
            OWNER_STATES_STORE, PUBLISHED_SLICES_STORE);

    /** The input topics, in the order their sources are added. */
    public static final List<String> INPUT_TOPICS = List.of(Topics.DEALS, Topics.LEADS, Topics.TENANTS, Topics.OWNERS);

    static final String DEALS_SOURCE = "deals-source";
    static final String LEADS_SOURCE = "leads-source";
    static final String TENANTS_SOURCE = "tenants-source";
    static final String OWNERS_SOURCE = "owners-source";
    static final String KPI_PROCESSOR = "kpi-processor";
    static final String KPI_SINK = "kpi-values-sink";

    private KpiTopology() {
    }

    /** The sink node a dead letter of {@code inputTopic} is forwarded to. */
    static String dlqSink(String inputTopic) {
        return "dlq-sink-" + inputTopic;
    }

    /** The topology publishing every {@code emitInterval}, never deferring (tests that drive the wall clock). */
    public static Topology build(KpiBooks books, Duration emitInterval) {
        return build(books, EmitPolicy.every(emitInterval));
    }

    public static Topology build(KpiBooks books, EmitPolicy emitPolicy) {
        Objects.requireNonNull(books, "books");
        Objects.requireNonNull(emitPolicy, "emitPolicy");
        var strings = Serdes.String();
        var topology = new Topology();
        topology.addSource(DEALS_SOURCE, strings.deserializer(), AvroSerde.of(Deal.class).deserializer(), Topics.DEALS);
        topology.addSource(LEADS_SOURCE, strings.deserializer(), AvroSerde.of(Lead.class).deserializer(), Topics.LEADS);
        topology.addSource(TENANTS_SOURCE, strings.deserializer(), AvroSerde.of(TenantSettings.class).deserializer(),
                Topics.TENANTS);
        topology.addSource(OWNERS_SOURCE, strings.deserializer(), AvroSerde.of(Owner.class).deserializer(),
                Topics.OWNERS);
        topology.addProcessor(KPI_PROCESSOR, () -> new KpiProcessor(books, emitPolicy),
                DEALS_SOURCE, LEADS_SOURCE, TENANTS_SOURCE, OWNERS_SOURCE);

        // In memory with changelogs: restored from the compacted changelog on restart, and far cheaper per
        // operation than RocksDB (RUNTIME.md: store operations bound this kind of topology's throughput); on a
        // hash map, since the processor reads and writes by key and scans only at start-up (HashKeyValueStore).
        topology.addStateStore(Stores.keyValueStoreBuilder(
                HashKeyValueStore.supplier(DEAL_STATES_STORE), strings, StateSerdes.dealState()), KPI_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                HashKeyValueStore.supplier(LEAD_STATES_STORE), strings, StateSerdes.leadVersion()), KPI_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                HashKeyValueStore.supplier(TENANT_PROFILES_STORE), strings, StateSerdes.tenantProfile()),
                KPI_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                HashKeyValueStore.supplier(OWNER_STATES_STORE), strings, StateSerdes.ownerInfo()), KPI_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                HashKeyValueStore.supplier(PUBLISHED_SLICES_STORE), strings, strings), KPI_PROCESSOR);

        topology.addSink(KPI_SINK, Topics.KPI_VALUES, strings.serializer(), AvroSerde.of(KpiValue.class).serializer(),
                new TenantStreamPartitioner<KpiValue>(), KPI_PROCESSOR);
        var deadLetters = AvroSerde.of(DeadLetter.class).serializer();
        for (var input : INPUT_TOPICS) {
            topology.addSink(dlqSink(input), Topics.dlq(input), strings.serializer(), deadLetters,
                    new KeyedTenantPartitioner<DeadLetter>(), KPI_PROCESSOR);
        }
        return topology;
    }

    /** {@link TenantStreamPartitioner} for keyed records; a record without key goes where the default puts it. */
    private static final class KeyedTenantPartitioner<V> implements StreamPartitioner<String, V> {
        private final TenantStreamPartitioner<V> tenants = new TenantStreamPartitioner<>();

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
            return key == null ? Optional.empty() : tenants.partitions(topic, key, value, numPartitions);
        }
    }
}
