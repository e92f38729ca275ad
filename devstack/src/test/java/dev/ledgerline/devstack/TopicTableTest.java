package dev.ledgerline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import dev.ledgerline.schemas.Topics;

class TopicTableTest {

    private final TopicTable table = TopicTable.withPartitions(6);

    @Test
    void holdsEveryTopicAndItsDeadLetterTopic() {
        assertThat(table.topics()).hasSize(2 * Topics.ALL.size());
        for (String name : Topics.ALL) {
            assertThat(table.names()).contains(name, Topics.dlq(name));
        }
    }

    @Test
    void compactsEntityAndKpiTopicsAndKeepsThemForever() {
        TopicSpec kpiValues = table.topic(Topics.KPI_VALUES);
        assertThat(kpiValues.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(kpiValues.configs()).containsEntry("cleanup.policy", "compact").containsEntry("retention.ms", "-1");
        assertThat(table.topic(Topics.DEALS).cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    }

    @Test
    void deadLetterTopicsDeleteAfterThirtyDays() {
        TopicSpec dlq = table.topic(Topics.dlq(Topics.INVOICES));
        assertThat(dlq.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
        assertThat(dlq.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(30).toMillis()));
    }

    @Test
    void everyTopicHasTheSamePartitionCountSoTenantsAreCoPartitioned() {
        assertThat(TopicTable.withPartitions(3).topics()).allSatisfy(topic -> assertThat(topic.partitions()).isEqualTo(3));
        assertThat(TopicTable.standard().topics())
                .allSatisfy(topic -> assertThat(topic.partitions()).isEqualTo(TopicTable.DEFAULT_PARTITIONS));
    }

    @Test
    void unknownTopicIsAnError() {
        assertThatThrownBy(() -> table.topic("nope.v1")).isInstanceOf(NoSuchElementException.class);
    }
}
