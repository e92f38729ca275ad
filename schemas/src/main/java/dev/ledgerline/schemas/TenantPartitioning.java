package dev.ledgerline.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a key goes: the partition Kafka's default partitioner would choose for a key made of the tenant id alone
 * ({@code toPositive(murmur2(tenant bytes)) % partitions}). So all of a tenant's records, of every entity, share
 * one partition. The single placement rule behind {@link TenantPartitioner}, {@link TenantStreamPartitioner} and
 * interactive-query lookups.
 */
public final class TenantPartitioning {

    private static final byte SEPARATOR_BYTE = (byte) Keys.SEPARATOR;

    private TenantPartitioning() {
    }

    /** The partition of a key (its UTF-8 bytes as written to Kafka). */
    public static int partitionOfKey(byte[] keyBytes, int numPartitions) {
        // '|' is ASCII, so its byte never occurs inside a multi-byte UTF-8 character: no need to decode.
        int end = 0;
        while (end < keyBytes.length && keyBytes[end] != SEPARATOR_BYTE) {
            end++;
        }
        return partitionOfTenantBytes(end == keyBytes.length ? keyBytes : Arrays.copyOf(keyBytes, end), numPartitions);
    }

    /** The partition of a key. */
    public static int partitionOfKey(String key, int numPartitions) {
        return partitionOfKey(key.getBytes(StandardCharsets.UTF_8), numPartitions);
    }

    /** The partition holding every record of a tenant. */
    public static int partitionOfTenant(String tenantId, int numPartitions) {
        return partitionOfTenantBytes(Keys.escape(tenantId).getBytes(StandardCharsets.UTF_8), numPartitions);
    }

    private static int partitionOfTenantBytes(byte[] tenantBytes, int numPartitions) {
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("numPartitions must be positive, was " + numPartitions);
        }
        return Utils.toPositive(Utils.murmur2(tenantBytes)) % numPartitions;
    }
}
