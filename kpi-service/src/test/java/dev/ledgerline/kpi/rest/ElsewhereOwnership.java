package dev.ledgerline.kpi.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Test metadata (enabled by {@link KpiForwardingQuarkusTest}'s profile): every tenant lives on {@link #owner}. */
@Alternative
@ApplicationScoped
public class ElsewhereOwnership implements OwnershipSource {
    static volatile HostInfo owner = new HostInfo("127.0.0.1", 1);

    @Override
    public KafkaStreams.State state() {
        return KafkaStreams.State.RUNNING;
    }

    @Override
    public KeyQueryMetadata metadataForTenant(String tenant) {
        return new KeyQueryMetadata(owner, Set.of(), 0);
    }
}
