package dev.ledgerline.kpi.topology;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the KPI topology without CDI, so that TopologyTestDriver tests and the Quarkus producer share it.
 *
 * <p>Input topics are partitioned by tenant, so every store here holds whole tenants and the topology
 * needs no repartition topic.
 */
public final class KpiTopology {
    /** Latest known state of every deal, keyed like {@link Topics#DEALS} (tenant|source|id). */
    public static final String DEALS_LATEST_STORE = "deals-latest";

    static final String DEALS_SOURCE = "deals-source";
    static final String LATEST_DEAL_PROCESSOR = "latest-deal";

    private KpiTopology() {
    }

    public static Topology build() {
        var dealSerde = AvroSerde.of(Deal.class);
        var topology = new Topology();
        topology.addSource(DEALS_SOURCE, Serdes.String().deserializer(), dealSerde.deserializer(), Topics.DEALS);
        topology.addProcessor(LATEST_DEAL_PROCESSOR, LatestDealProcessor::new, DEALS_SOURCE);
        // In memory with a changelog: restored from the compacted changelog on restart, and far cheaper
        // per operation than RocksDB (RUNTIME.md: store operations bound this topology's throughput).
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(DEALS_LATEST_STORE), Serdes.String(), dealSerde),
                LATEST_DEAL_PROCESSOR);
        return topology;
    }
}
