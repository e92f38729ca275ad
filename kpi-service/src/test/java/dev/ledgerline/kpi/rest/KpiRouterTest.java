package dev.ledgerline.kpi.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.kpi.topology.KpiBooks;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.TenantPartitioning;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** The routing decision against a fake metadata source: this instance, another one, or nobody right now. */
class KpiRouterTest {
    private static final HostInfo SELF = new HostInfo("kpi-a", 8084);
    private static final HostInfo OTHER = new HostInfo("kpi-b", 8084);
    private static final int PARTITIONS = 6;

    /** Fake metadata: tenants of even partitions live on SELF, of odd ones on OTHER. */
    private static final class FakeOwnership implements OwnershipSource {
        KafkaStreams.State state = KafkaStreams.State.RUNNING;
        boolean available = true;

        @Override
        public KafkaStreams.State state() {
            return state;
        }

        @Override
        public KeyQueryMetadata metadataForTenant(String tenant) {
            if (!available) {
                return KeyQueryMetadata.NOT_AVAILABLE;
            }
            int partition = TenantPartitioning.partitionOfKey(Keys.of(tenant), PARTITIONS);
            return new KeyQueryMetadata(partition % 2 == 0 ? SELF : OTHER, Set.of(), partition);
        }
    }

    private final FakeOwnership ownership = new FakeOwnership();
    private final KpiRouter router = new KpiRouter(ownership, new KpiBooks(), Optional.of(SELF));

    @Test
    void aTenantOfALocalTaskIsAnsweredHereAndOneOfAnotherInstanceIsForwardedToIt() {
        var local = tenantOnPartitionParity(0);
        var remote = tenantOnPartitionParity(1);

        assertThat(router.route(local, false)).isEqualTo(new Route.Local());
        assertThat(router.route(remote, false)).isEqualTo(new Route.Remote(OTHER));
    }

    @Test
    void whileRebalancingOrBeforeMetadataIsKnownNobodyAnswers() {
        ownership.state = KafkaStreams.State.REBALANCING;
        assertThat(router.route(tenantOnPartitionParity(0), false)).isInstanceOf(Route.Unavailable.class);

        ownership.state = KafkaStreams.State.CREATED;
        assertThat(router.route(tenantOnPartitionParity(0), false)).isInstanceOf(Route.Unavailable.class);

        ownership.state = KafkaStreams.State.RUNNING;
        ownership.available = false;
        assertThat(router.route(tenantOnPartitionParity(1), false)).isInstanceOf(Route.Unavailable.class);
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() {
        assertThat(router.route(tenantOnPartitionParity(1), true)).isInstanceOf(Route.Unavailable.class);
        assertThat(router.route(tenantOnPartitionParity(0), true)).isEqualTo(new Route.Local());
    }

    @Test
    void withoutAnAdvertisedServerOneInstanceAnswersEverythingOnceRunning() {
        var single = new KpiRouter(ownership, new KpiBooks(), Optional.empty());
        ownership.available = false;

        assertThat(single.route(tenantOnPartitionParity(1), false)).isEqualTo(new Route.Local());
        ownership.state = KafkaStreams.State.REBALANCING;
        assertThat(single.route(tenantOnPartitionParity(1), false)).isInstanceOf(Route.Unavailable.class);
    }

    @Test
    void theMetadataPartitionIsTheTenantsPartitionOfTheInputTopics() {
        var tenant = "acme";
        assertThat(ownership.metadataForTenant(tenant).partition())
                .isEqualTo(TenantPartitioning.partitionOfTenant(tenant, PARTITIONS));
        assertThat(new TopicPartition("crm.deals.v1", ownership.metadataForTenant(tenant).partition()).partition())
                .isBetween(0, PARTITIONS - 1);
    }

    private static String tenantOnPartitionParity(int parity) {
        for (int i = 0; ; i++) {
            var tenant = "tenant-" + i;
            if (TenantPartitioning.partitionOfTenant(tenant, PARTITIONS) % 2 == parity) {
                return tenant;
            }
        }
    }
}
