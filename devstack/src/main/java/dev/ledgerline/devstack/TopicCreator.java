package dev.ledgerline.devstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics of a {@link TopicTable} that do not exist yet, on a single-broker cluster.
 *
 * <p>Existing topics are left as they are, so running it again, or from several JVMs at once, is harmless.
 */
public final class TopicCreator {

    /** Devstack has one broker; the deployment's manifests set their own replication. */
    private static final short REPLICATION_FACTOR = 1;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private TopicCreator() {
    }

    /**
     * Creates the missing topics and waits until every partition of every table topic has a leader that serves
     * it, since producing to a partition without one fails (and can loop an idempotent producer).
     *
     * @return the names of the topics this call created
     */
    public static List<String> apply(String bootstrapServers, TopicTable table) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // Partitions open within a second or two; retrying every 50 ms instead of backing off to 1 s saves that.
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50",
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "50"))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = table.topics().stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> new NewTopic(topic.name(), topic.partitions(), REPLICATION_FACTOR)
                            .configs(topic.configs()))
                    .toList();
            createIgnoringRaces(admin, missing);
            awaitLeaders(admin, table.names());
            awaitServedByLeaders(admin, table.names());
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the topics on " + bootstrapServers, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /** Another JVM may create the same topic between listing and creating; that is success too. */
    private static void createIgnoringRaces(Admin admin, List<NewTopic> topics)
            throws InterruptedException, ExecutionException {
        for (KafkaFuture<Void> created : admin.createTopics(topics).values().values()) {
            try {
                created.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (!allPartitionsLed(admin, topics)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic partitions still without a leader after " + LEADER_TIMEOUT);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /**
     * The metadata names a leader a moment before that broker has opened the partition and answers
     * {@code NOT_LEADER_OR_FOLLOWER}; listing offsets goes to the leader's replica manager, and the Admin client
     * retries it until every partition answers.
     */
    private static void awaitServedByLeaders(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latestOffsets = admin.describeTopics(topics).allTopicNames().get().values()
                .stream()
                .flatMap(description -> description.partitions().stream()
                        .map(partition -> new TopicPartition(description.name(), partition.partition())))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        admin.listOffsets(latestOffsets).all().get();
    }

    private static boolean allPartitionsLed(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            return descriptions.values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            // A just-created topic may not have reached the broker's metadata yet.
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }
}
