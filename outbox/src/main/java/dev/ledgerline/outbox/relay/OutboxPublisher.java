package dev.ledgerline.outbox.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Publishes each batch the engine hands over: every outbox row goes to its topic, then the relay waits until Kafka
 * acknowledged all of them, and only then marks the batch processed, which flushes its offsets. So a restart re-sends
 * at most the batch that was in flight. The engine calls it from one thread, in WAL commit order, and the idempotent
 * producer keeps that order per partition.
 */
final class OutboxPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>>, AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final RelayMetrics metrics;
    /** Held while a batch is published, acknowledged and flushed. */
    private final ReentrantLock inBatch = new ReentrantLock();
    private volatile boolean stopping;

    OutboxPublisher(Producer<String, byte[]> producer, RelayMetrics metrics) {
        this.producer = producer;
        this.metrics = metrics;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        inBatch.lockInterruptibly();
        try {
            if (stopping) {
                // Nothing marked, nothing flushed: the next relay reads this batch again.
                throw new InterruptedException("The outbox relay is stopping");
            }
            publish(batch, committer);
        } finally {
            inBatch.unlock();
        }
    }

    /**
     * Lets the batch in flight finish (acknowledged and flushed) and refuses later ones, so that a graceful stop
     * re-sends nothing; gives up waiting after {@code timeout} (Kafka unreachable), and the batch is re-sent then.
     */
    void stopAfterCurrentBatch(Duration timeout) {
        try {
            if (inBatch.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping = true;
                inBatch.unlock();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopping = true;
    }

    private void publish(List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        Map<String, Integer> perTopic = new HashMap<>();
        long newestCommit = Long.MIN_VALUE;
        for (RecordChangeEvent<SourceRecord> change : batch) {
            CapturedRow row = CapturedRow.of(change.record()).orElse(null);
            if (row == null) {
                continue;
            }
            newestCommit = Math.max(newestCommit, row.committedAt());
            if (row.event().isPresent()) {
                CapturedRow.Published event = row.event().get();
                acks.add(producer.send(event.toProducerRecord(row.committedAt())));
                perTopic.merge(event.topic(), 1, Integer::sum);
            }
        }
        awaitAcknowledgements(acks);
        for (RecordChangeEvent<SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        perTopic.forEach(metrics::relayed);
        if (newestCommit != Long.MIN_VALUE) {
            metrics.caughtUpTo(newestCommit);
        }
    }

    /** A failed send fails the batch: the engine stops unflushed and the relay restarts it from the last offsets. */
    private void awaitAcknowledgements(List<Future<RecordMetadata>> acks) throws InterruptedException {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            metrics.error(RelayMetrics.PUBLISH);
            throw new IllegalStateException("Kafka did not acknowledge an outbox event: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
