package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.wire.Deal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TenantPartitioningTest {

    private static final List<String> TENANTS = IntStream.range(0, 200).mapToObj(i -> "tenant-" + i).toList();

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 12, 48, 97})
    void placesATenantWhereKafkaPlacesTheTenantIdAsKey(int partitions) {
        for (String tenant : TENANTS) {
            int kafka = BuiltInPartitioner.partitionForKey(tenant.getBytes(StandardCharsets.UTF_8), partitions);

            assertThat(TenantPartitioning.partitionOfTenant(tenant, partitions)).isEqualTo(kafka);
            assertThat(TenantPartitioning.partitionOfKey(tenant, partitions)).as("key without separator").isEqualTo(kafka);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 12, 48})
    void everyKeyOfATenantLandsOnItsPartition(int partitions) {
        Random random = new Random(42);
        for (String tenant : List.of("acme", "株式会社サンプル", "zoë-ångström", TENANTS.get(random.nextInt(200)))) {
            int expected = TenantPartitioning.partitionOfTenant(tenant, partitions);
            for (int i = 0; i < 500; i++) {
                String key = switch (i % 4) {
                    case 0 -> Keys.of(tenant, "HUBSPOT", Long.toString(random.nextLong()));
                    case 1 -> Keys.of(tenant, "cust-" + random.nextInt());
                    case 2 -> Keys.of(tenant, "WIN_RATE", "LEAD_SOURCE", "Web | Paid", "P30D", "2025-03-31");
                    default -> Keys.of(tenant, "conn-" + i);
                };

                assertThat(TenantPartitioning.partitionOfKey(key, partitions)).as(key).isEqualTo(expected);
            }
        }
    }

    @Test
    void spreadsTenantsOverThePartitions() {
        long used = TENANTS.stream().map(t -> TenantPartitioning.partitionOfTenant(t, 12)).distinct().count();

        assertThat(used).isEqualTo(12);
    }

    @Test
    void theProducerPartitionerUsesThePlacement() {
        Cluster cluster = clusterWith(Topics.DEALS, 12);
        String key = Keys.of("acme", "HUBSPOT", "3301");
        try (TenantPartitioner partitioner = new TenantPartitioner()) {
            int partition = partitioner.partition(Topics.DEALS, key, key.getBytes(StandardCharsets.UTF_8), null,
                    null, cluster);

            assertThat(partition).isEqualTo(TenantPartitioning.partitionOfTenant("acme", 12));
            assertThatThrownBy(() -> partitioner.partition(Topics.DEALS, null, null, null, null, cluster))
                    .isInstanceOf(InvalidRecordException.class);
        }
    }

    @Test
    void theStreamsPartitionerUsesThePlacement() {
        TenantStreamPartitioner<Deal> partitioner = new TenantStreamPartitioner<>();

        assertThat(partitioner.partitions(Topics.DEALS, Keys.of("acme", "HUBSPOT", "3301"), null, 12))
                .isEqualTo(Optional.of(Set.of(TenantPartitioning.partitionOfTenant("acme", 12))));
    }

    private static Cluster clusterWith(String topic, int partitions) {
        Node broker = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(topic, p, broker, new Node[] {broker}, new Node[] {broker}))
                .toList();
        return new Cluster("test", List.of(broker), infos, Set.of(), Set.of());
    }
}
