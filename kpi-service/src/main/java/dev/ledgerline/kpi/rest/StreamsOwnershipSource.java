package dev.ledgerline.kpi.rest;

import dev.ledgerline.kpi.topology.KpiTopology;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.TenantStreamPartitioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * The running KafkaStreams' view of ownership. Every store of the topology is in the one sub-topology fed by
 * the tenant-partitioned inputs, so the task (partition) of a tenant's profile store holds all of its state.
 */
@ApplicationScoped
public class StreamsOwnershipSource implements OwnershipSource {

    @Inject
    Instance<KafkaStreams> streams;

    @Override
    public KafkaStreams.State state() {
        return streams.get().state();
    }

    @Override
    public KeyQueryMetadata metadataForTenant(String tenant) {
        return streams.get().queryMetadataForKey(KpiTopology.TENANT_PROFILES_STORE, Keys.of(tenant),
                new TenantStreamPartitioner<>());
    }
}
