package dev.ledgerline.devstack;

import java.time.Duration;
import java.util.Map;

/**
 * One topic of the suite as it must exist on every cluster.
 *
 * @param retention how long records are kept; {@code null} keeps them forever (compacted topics)
 */
public record TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy, Duration retention) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("A topic needs at least one partition: " + name);
        }
    }

    /** The topic-level configs ({@code cleanup.policy}, {@code retention.ms}) as Kafka and Strimzi take them. */
    public Map<String, String> configs() {
        String retentionMs = retention == null ? "-1" : Long.toString(retention.toMillis());
        return Map.of("cleanup.policy", cleanupPolicy.configValue(), "retention.ms", retentionMs);
    }
}
