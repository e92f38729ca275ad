package dev.ledgerline.schemas;

import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.InvalidRecordException;

/**
 * Producer partitioner placing every record by its key's tenant id ({@link TenantPartitioning}). Configure it with
 * {@code partitioner.class=dev.ledgerline.schemas.TenantPartitioner}. Records without a key are refused: every
 * topic of the suite is keyed by tenant.
 */
public final class TenantPartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (keyBytes == null) {
            throw new InvalidRecordException("Records on " + topic + " need a key starting with the tenant id");
        }
        return TenantPartitioning.partitionOfKey(keyBytes, cluster.partitionCountForTopic(topic));
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
