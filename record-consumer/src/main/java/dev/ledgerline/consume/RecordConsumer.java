package dev.ledgerline.consume;

import dev.ledgerline.kafkaclient.KafkaClientConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The input loop (module README): {@code threads} plain Kafka consumers in one group, each subscribed to every
 * input topic with the range assignor, so that a tenant's partition of every topic goes to the same thread. A thread
 * processes its batch in partition order, up to {@code recordsPerTransaction} records of one partition number in one
 * transaction ({@link RecordProcessor#processTogether}); a chunk that fails is processed again one record per
 * transaction, and the offsets are committed after the batch. A record that fails alone is retried, never skipped:
 * the thread seeks back to it,
 * pauses its partitions for a backoff (polling on, so the group keeps it) and tries again — without limit for a
 * transient fault, else up to {@code maxAttempts}, after which the record goes to the dead-letter topic with the
 * error.
 */
@ApplicationScoped
public class RecordConsumer {
    private static final Logger LOG = Logger.getLogger(RecordConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final RecordProcessor processor;
    private final ConsumerSettings settings;
    private final KafkaClientConfig kafka;
    private final IngestMetrics metrics;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();

    private final String application;

    @Inject
    RecordConsumer(RecordProcessor processor, ConsumerSettings settings,
            KafkaClientConfig kafka, IngestMetrics metrics,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.processor = processor;
        this.application = application;
        this.settings = settings;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("Record consumer disabled (ledgerline.consumer.enabled=false)");
            return;
        }
        for (int i = 0; i < settings.threads(); i++) {
            Worker worker = new Worker(i);
            workers.add(worker);
            Thread thread = new Thread(worker, "record-consumer-" + i);
            worker.thread = thread;
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        workers.forEach(Worker::stop);
        for (Worker worker : workers) {
            try {
                worker.thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether every consumer thread is running (for readiness); true when the consumer is disabled. */
    public boolean running() {
        return workers.stream().allMatch(worker -> worker.thread.isAlive() && !worker.failed);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Partitions assigned to this instance's consumers. */
    public int assignedPartitions() {
        return workers.stream().mapToInt(worker -> worker.assigned).sum();
    }

    private Map<String, Object> consumerConfig(int index) {
        Map<String, Object> config = kafka.consumer();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, application + "-" + index);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Co-partitioned assignment: partition p of every input topic goes to the same member.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        return config;
    }

    /** A record that failed: its offset and how many attempts at it failed. */
    private record Failure(long offset, int attempts) {
    }

    private final class Worker implements Runnable {
        private final int index;
        private volatile boolean running = true;
        private volatile boolean failed;
        private volatile int assigned;
        private Thread thread;
        private KafkaConsumer<byte[], byte[]> consumer;
        /** Per partition, the record that failed last and how often it failed. */
        private final Map<TopicPartition, Failure> failures = new HashMap<>();
        private Instant pausedUntil;

        Worker(int index) {
            this.index = index;
        }

        void stop() {
            running = false;
            KafkaConsumer<byte[], byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        @Override
        public void run() {
            while (running) {
                // Resources close in reverse: the metrics binding before its consumer.
                try (KafkaConsumer<byte[], byte[]> created = new KafkaConsumer<>(consumerConfig(index),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                        IngestMetrics.ClientMetricsBinding bound = metrics.bind(created)) {
                    consumer = created;
                    created.subscribe(processor.topics(), new Rebalance());
                    failed = false;
                    loop(created);
                } catch (WakeupException e) {
                    if (running) {
                        LOG.warn("Record consumer woken up while running; restarting it");
                    }
                } catch (RuntimeException e) {
                    // The consumer itself failed (not a record): recreate it after a pause, never stop consuming.
                    failed = true;
                    LOG.errorf(e, "Record consumer %d failed; restarting it in %s", index, settings.maxBackoff());
                    sleep(settings.maxBackoff());
                } finally {
                    consumer = null;
                }
            }
        }

        private void loop(KafkaConsumer<byte[], byte[]> consumer) {
            while (running) {
                if (pausedUntil != null && !Instant.now().isBefore(pausedUntil)) {
                    consumer.resume(consumer.paused());
                    pausedUntil = null;
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    process(consumer, batch);
                }
            }
        }

        private void process(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> batch) {
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            Map<TopicPartition, Long> firstUnprocessed = new LinkedHashMap<>();
            for (TopicPartition partition : batch.partitions()) {
                firstUnprocessed.put(partition, batch.records(partition).get(0).offset());
            }
            for (List<ConsumerRecord<byte[], byte[]>> chunk : RecordOrder.chunks(batch, settings.recordsPerTransaction())) {
                if (chunk.size() > 1 && processor.processTogether(chunk)) {
                    chunk.forEach(record -> done(record, done, firstUnprocessed));
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : chunk) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    try {
                        processor.process(record);
                    } catch (RuntimeException e) {
                        if (!retry(record, partition, e)) {
                            pauseAndRewind(consumer, done, firstUnprocessed, e);
                            return;
                        }
                    }
                    done(record, done, firstUnprocessed);
                }
            }
            commit(consumer, done);
        }

        private void done(ConsumerRecord<byte[], byte[]> record, Map<TopicPartition, OffsetAndMetadata> done,
                Map<TopicPartition, Long> firstUnprocessed) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            clearFailure(partition, record.offset());
            done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            firstUnprocessed.put(partition, record.offset() + 1);
        }

        /**
         * Counts the failure; true when the record was dead-lettered instead (its attempts are used up), false when
         * it is to be tried again after a backoff.
         */
        private boolean retry(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, RuntimeException error) {
            Failure failure = failures.get(partition);
            int attempts = failure != null && failure.offset() == record.offset() ? failure.attempts() + 1 : 1;
            failures.put(partition, new Failure(record.offset(), attempts));
            boolean transientFault = Faults.isTransient(error);
            metrics.retry(record.topic(), transientFault);
            if (transientFault || attempts < settings.maxAttempts()) {
                LOG.warnf(error, "Processing %s-%d@%d failed (attempt %d%s); retrying", record.topic(),
                        record.partition(), record.offset(), attempts, transientFault ? ", transient" : "");
                return false;
            }
            processor.giveUp(record, error);
            failures.remove(partition);
            return true;
        }

        private void clearFailure(TopicPartition partition, long offset) {
            Failure failure = failures.get(partition);
            if (failure != null && failure.offset() == offset) {
                failures.remove(partition);
            }
        }

        /** Commits what is done, seeks every partition of the batch back to its first unprocessed record, pauses. */
        private void pauseAndRewind(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> done,
                Map<TopicPartition, Long> firstUnprocessed, RuntimeException error) {
            commit(consumer, done);
            firstUnprocessed.forEach(consumer::seek);
            consumer.pause(consumer.assignment());
            int attempts = failures.values().stream().mapToInt(Failure::attempts).max().orElse(1);
            Duration backoff = backoff(attempts);
            pausedUntil = Instant.now().plus(backoff);
            LOG.debugf("Paused for %s after: %s", backoff, error.getMessage());
        }

        private Duration backoff(int attempt) {
            long initial = settings.initialBackoff().toMillis();
            long max = settings.maxBackoff().toMillis();
            long millis = initial << Math.min(Math.max(attempt - 1, 0), 20);
            return Duration.ofMillis(Math.min(Math.max(millis, initial), max));
        }

        private void commit(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> done) {
            if (done.isEmpty()) {
                return;
            }
            try {
                consumer.commitSync(done);
            } catch (RuntimeException e) {
                if (e instanceof WakeupException) {
                    throw e;
                }
                // The next owner of these partitions re-reads the records; the processed-event log makes that harmless.
                LOG.warnf("Offset commit failed (%s); the records will be redelivered and found processed",
                        e.getMessage());
            }
        }

        private void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }

        private final class Rebalance implements ConsumerRebalanceListener {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // Records are processed in the polling thread and committed after each batch: nothing is in flight.
                failures.keySet().removeAll(partitions);
                pausedUntil = null;
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned = Objects.requireNonNull(consumer).assignment().size();
                LOG.infof("Record consumer %d now has %d partitions", index, assigned);
            }
        }
    }
}
