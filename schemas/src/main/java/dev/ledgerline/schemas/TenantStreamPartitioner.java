package dev.ledgerline.schemas;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Kafka Streams partitioner with the same placement as {@link TenantPartitioner}, for {@code Produced},
 * {@code Repartitioned} and {@code KafkaStreams#queryMetadataForKey}. Keys are the suite's string keys.
 */
public final class TenantStreamPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        if (key == null) {
            throw new IllegalArgumentException("Records on " + topic + " need a key starting with the tenant id");
        }
        return Optional.of(Set.of(TenantPartitioning.partitionOfKey(key, numPartitions)));
    }
}
