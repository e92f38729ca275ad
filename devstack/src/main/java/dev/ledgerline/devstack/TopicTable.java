package dev.ledgerline.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import dev.ledgerline.schemas.Topics;

/**
 * Every topic of DESIGN.md §4 with its partitions, cleanup policy and retention: the single source for the
 * embedded broker and for the deployment's topic manifests.
 *
 * <p>Partitions: records are placed by tenant, and the KPI topology joins a tenant's records across topics
 * without repartitioning, so every topic must have the same partition count (co-partitioning). Raising it
 * later moves tenants between partitions, so it is chosen once: 6 lets up to 6 instances or stream threads
 * of a service share the work and divides evenly by 1, 2 and 3 consumers, and costs little on one broker.
 * Override it with the system property or environment variable named in {@link #PARTITIONS_PROPERTY}.
 *
 * <p>Entity topics and {@code kpi.values.v1} are compacted and kept forever: they hold the latest state per
 * key and a new consumer rebuilds from them. Dead-letter topics are plain logs kept for {@link #DLQ_RETENTION},
 * time enough for an operator to inspect and replay.
 */
public final class TopicTable {

    public static final int DEFAULT_PARTITIONS = 6;
    /** System property; the environment variable is {@code LEDGERLINE_TOPIC_PARTITIONS}. */
    public static final String PARTITIONS_PROPERTY = "ledgerline.topic.partitions";
    public static final Duration DLQ_RETENTION = Duration.ofDays(30);

    private final List<TopicSpec> topics;

    private TopicTable(List<TopicSpec> topics) {
        this.topics = List.copyOf(topics);
    }

    /** The table with the configured partition count ({@link #PARTITIONS_PROPERTY}, else the default). */
    public static TopicTable standard() {
        return withPartitions(configuredPartitions());
    }

    /** The table with every topic having the given partition count. */
    public static TopicTable withPartitions(int partitions) {
        List<TopicSpec> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            topics.add(new TopicSpec(name, partitions, CleanupPolicy.COMPACT, null));
            topics.add(new TopicSpec(Topics.dlq(name), partitions, CleanupPolicy.DELETE, DLQ_RETENTION));
        }
        return new TopicTable(topics);
    }

    /** Every topic, each entity or output topic followed by its dead-letter topic. */
    public List<TopicSpec> topics() {
        return topics;
    }

    public List<String> names() {
        return topics.stream().map(TopicSpec::name).toList();
    }

    public TopicSpec topic(String name) {
        return topics.stream().filter(topic -> topic.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No topic " + name + " in the topic table"));
    }

    private static int configuredPartitions() {
        String configured = System.getProperty(PARTITIONS_PROPERTY, System.getenv("LEDGERLINE_TOPIC_PARTITIONS"));
        return configured == null ? DEFAULT_PARTITIONS : Integer.parseInt(configured.trim());
    }
}
