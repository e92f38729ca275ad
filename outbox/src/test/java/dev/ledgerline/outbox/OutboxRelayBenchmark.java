package dev.ledgerline.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.kafkaclient.KafkaClientConfig;
import dev.ledgerline.outbox.relay.OutboxRelay;
import dev.ledgerline.outbox.relay.OutboxSchema;
import dev.ledgerline.outbox.relay.RelaySettings;
import dev.ledgerline.outbox.relay.RelayState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Relay throughput and commit → topic latency, with the production defaults of {@link RelaySettings#forService}
 * (poll interval 100 ms, heartbeat 5 s). Not part of the test suite: see BENCHMARKS.md for the command. Per run:
 *
 * <ol>
 *   <li><b>drain</b>: {@code bench.backlog} events (100 per transaction) committed while no relay runs, then a relay
 *       started; events/s = backlog ÷ (first to last event read from the topic);
 *   <li><b>steady</b>: one event per transaction at {@code bench.rate} events/s (4 writers) for {@code bench.seconds},
 *       after a 10 s warm-up; latency = when a consumer read the record − the event's commit time (the record's
 *       timestamp, which the relay sets to the transaction's commit time).
 * </ol>
 * Each run appends its line to {@code target/benchmarks/outbox-relay.txt}.
 */
class OutboxRelayBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 50_000);
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int WARM_UP_SECONDS = 10;
    private static final int WRITERS = 4;
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @Test
    void relayThroughputAndCommitToTopicLatency() throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            try (TestDatabase database = TestDatabase.create("bench")) {
                RelaySettings production = RelaySettings.forService("outbox-benchmark", database.jdbcUrl(),
                        TestDatabase.USER, TestDatabase.PASSWORD,
                        KafkaClientConfig.forBrokers(DevstackResource.bootstrapServers()))
                        .withSlotAndPublication(database.name() + "_slot", database.name() + "_pub");
                String schema = OutboxSchema.prepare(database.dataSource(), production);
                String line = oneRun(database, production, schema, database.name() + "-");
                System.out.println("OUTBOX BENCHMARK " + line);
                Path out = Path.of("target", "benchmarks", "outbox-relay.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, LocalDate.now() + " " + line + System.lineSeparator(),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    private String oneRun(TestDatabase database, RelaySettings settings, String schema, String prefix) throws Exception {
        commitBacklog(database, prefix + "backlog-");
        try (Reader reader = new Reader(prefix);
             OutboxRelay relay = new OutboxRelay(settings, schema, new SimpleMeterRegistry())) {
            relay.start();
            reader.awaitCount(BACKLOG, PATIENCE);
            double drainPerSecond = BACKLOG / (reader.lastReadNanos - reader.firstReadNanos) * 1e9;
            Awaitility.await().atMost(PATIENCE).until(() -> relay.state() == RelayState.RELAYING);

            reader.startMeasuringAfter(Instant.now().plusSeconds(WARM_UP_SECONDS));
            int committed = paced(database, prefix + "steady-", WARM_UP_SECONDS + SECONDS);
            reader.awaitCount(BACKLOG + committed, PATIENCE);
            List<Long> latencies = reader.measuredLatencies();
            latencies.sort(null);
            double measuredRate = latencies.size() / (double) SECONDS;
            return String.format("drain %,d events in %.1f s: %,.0f events/s | steady %,.0f events/s (target %,d):"
                            + " %,d measured, p50 %d ms, p99 %d ms, max %d ms",
                    BACKLOG, BACKLOG / drainPerSecond, drainPerSecond, measuredRate, RATE, latencies.size(),
                    percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.get(latencies.size() - 1));
        }
    }

    private static void commitBacklog(TestDatabase database, String prefix) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < BACKLOG; i++) {
                OutboxRows.append(connection, TestEvents.event(prefix + (i % 50), i));
                if (i % 100 == 99) {
                    connection.commit();
                }
            }
            connection.commit();
        }
    }

    /** One event per transaction, {@link #RATE} per second over {@link #WRITERS} threads, each on its own schedule. */
    private static int paced(TestDatabase database, String prefix, int seconds) throws Exception {
        AtomicInteger committed = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        long periodNanos = 1_000_000_000L * WRITERS / RATE;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                try (Connection connection = database.connect()) {
                    connection.setAutoCommit(false);
                    long sequence = 0;
                    for (long due = start + writer * periodNanos / WRITERS; due < end; due += periodNanos) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        OutboxRows.append(connection, TestEvents.event(prefix + writer + "-" + (sequence % 25), sequence++));
                        connection.commit();
                        committed.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            writers.add(thread);
            thread.start();
        }
        for (Thread thread : writers) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        return committed.get();
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Reads the topic on its own thread, counting the run's records and the latency of those after the warm-up. */
    private static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final String prefix;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Long> latencies = new ArrayList<>();
        private volatile int count;
        private volatile double firstReadNanos;
        private volatile double lastReadNanos;
        private volatile long measureFromMillis = Long.MAX_VALUE;

        Reader(String prefix) {
            this.prefix = prefix;
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(TestEvents.TOPIC).stream()
                    .map(info -> new TopicPartition(TestEvents.TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            // Only what this run's relay publishes from now on.
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(this::read, "benchmark-reader");
            thread.start();
        }

        private void read() {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() == null || !record.key().startsWith(prefix)) {
                        continue;
                    }
                    long nowNanos = System.nanoTime();
                    long nowMillis = System.currentTimeMillis();
                    if (count == 0) {
                        firstReadNanos = nowNanos;
                    }
                    lastReadNanos = nowNanos;
                    if (record.timestamp() >= measureFromMillis) {
                        synchronized (latencies) {
                            latencies.add(nowMillis - record.timestamp());
                        }
                    }
                    count++;
                }
            }
        }

        void startMeasuringAfter(Instant from) {
            measureFromMillis = from.toEpochMilli();
        }

        void awaitCount(int expected, Duration timeout) {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> count >= expected);
        }

        List<Long> measuredLatencies() {
            synchronized (latencies) {
                return new ArrayList<>(latencies);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
            consumer.close();
        }
    }
}
