package dev.ledgerline.kpi.rest;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/** Where a tenant's state lives: Kafka Streams' metadata, behind an interface so routing can be tested alone. */
public interface OwnershipSource {

    KafkaStreams.State state();

    /** The hosts of the task holding the tenant, or {@link KeyQueryMetadata#NOT_AVAILABLE}. */
    KeyQueryMetadata metadataForTenant(String tenant);
}
