package dev.ledgerline.kpi.benchmark;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end latency at a fixed input rate: a producer paces deal changes of its own tenants at {@code rate}
 * per second while a consumer of {@code kpi.values.v1} notes when each change became readable.
 *
 * <p>How a change is recognised on the output: per tenant, the k-th deal created in this run is readable once
 * the tenant's AVG_DEAL_SIZE (ALL, MONTH) has a denominator (deals created this month with an amount) of at
 * least k, and the k-th deal closed once its WIN_RATE (ALL, MONTH) has a denominator (deals won or lost this
 * month) of at least k: both only grow here, every deal of the run has an amount in the home currency and
 * is created and closed this month. Amount and owner changes (the other updates) go through the same tasks
 * and punctuations but change no such counter, so their latency is not measured.
 */
final class LatencyRun {
    static final String CREATED_COUNTER = "AVG_DEAL_SIZE";
    static final String CLOSED_COUNTER = "WIN_RATE";

    record Result(int sent, double sentPerSecond, int measured, int unmatched, long[] latenciesMicros,
            long[] untilComputedMicros, long[] afterComputedMicros) {
    }

    private final String bootstrapServers;
    private final List<String> tenants;
    private final DealChanges changes;
    private final int rate;
    private final Duration warmUp;
    private final Duration measured;

    LatencyRun(String bootstrapServers, List<String> tenants, DealChanges changes, int rate, Duration warmUp,
            Duration measured) {
        this.bootstrapServers = bootstrapServers;
        this.tenants = tenants;
        this.changes = changes;
        this.rate = rate;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    Result run() throws InterruptedException {
        var capacity = (int) (rate * (warmUp.toSeconds() + measured.toSeconds() + 1));
        // Send time (System.nanoTime) of the k-th creation / close of each tenant; 0 = not sent.
        var created = new AtomicLongArray[tenants.size()];
        var closed = new AtomicLongArray[tenants.size()];
        for (var t = 0; t < tenants.size(); t++) {
            created[t] = new AtomicLongArray(capacity + 1);
            closed[t] = new AtomicLongArray(capacity + 1);
        }
        var nanoBase = System.nanoTime();
        var wallBase = System.currentTimeMillis();
        var periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        var measureFrom = nanoBase + warmUp.toNanos();
        var measureTo = measureFrom + measured.toNanos();

        var reader = new OutputReader(created, closed, nanoBase, wallBase, measureFrom, measureTo);
        var readerThread = new Thread(reader, "latency-reader");
        reader.awaitPositioned(readerThread);

        var serializer = AvroSerde.of(Deal.class).serializer();
        var createdCount = new int[tenants.size()];
        var closedCount = new int[tenants.size()];
        var sent = 0;
        var measuredEvents = 0;
        try (var producer = new KafkaProducer<>(KpiTopologyBenchmark.producerConfig(bootstrapServers),
                new StringSerializer(),
                new ByteArraySerializer())) {
            var end = measureTo;
            for (var i = 0; ; i++) {
                var due = nanoBase + i * periodNanos;
                if (due >= end) {
                    break;
                }
                pace(due);
                var change = changes.next(wallBase + (System.nanoTime() - nanoBase) / 1_000_000);
                var value = serializer.serialize(Topics.DEALS, change.deal());
                var now = System.nanoTime();
                var counted = now >= measureFrom && now < measureTo;
                switch (change.kind()) {
                    case CREATED -> created[change.tenant()].set(++createdCount[change.tenant()], now);
                    case CLOSED -> closed[change.tenant()].set(++closedCount[change.tenant()], now);
                    default -> counted = false;
                }
                if (counted) {
                    measuredEvents++;
                }
                producer.send(new ProducerRecord<>(Topics.DEALS, change.key(), value));
                sent++;
            }
            producer.flush();
        }
        var sentSeconds = (System.nanoTime() - nanoBase) / 1e9;
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reader.matched() < measuredEvents && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        reader.stop();
        readerThread.join();
        return new Result(sent, sent / sentSeconds, measuredEvents, measuredEvents - reader.matched(),
                reader.latencies(0), reader.latencies(1), reader.latencies(2));
    }

    private static void pace(long due) {
        for (var wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            if (wait > 200_000) {
                LockSupport.parkNanos(wait - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Reads kpi.values.v1 from its end and matches the two counters of every tenant to the sent changes. */
    private final class OutputReader implements Runnable {
        private final AtomicLongArray[] created;
        private final AtomicLongArray[] closed;
        private final long nanoBase;
        private final long wallBase;
        private final long measureFrom;
        private final long measureTo;
        private final Map<String, Integer> tenantIndex = new HashMap<>();
        private final int[] createdSeen;
        private final int[] closedSeen;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CountDownLatch positioned = new CountDownLatch(1);
        private final List<long[]> samples = new ArrayList<>();
        private volatile int matched;

        OutputReader(AtomicLongArray[] created, AtomicLongArray[] closed, long nanoBase, long wallBase,
                long measureFrom, long measureTo) {
            this.created = created;
            this.closed = closed;
            this.nanoBase = nanoBase;
            this.wallBase = wallBase;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            for (var t = 0; t < tenants.size(); t++) {
                tenantIndex.put(tenants.get(t), t);
            }
            createdSeen = new int[tenants.size()];
            closedSeen = new int[tenants.size()];
        }

        void awaitPositioned(Thread thread) throws InterruptedException {
            thread.start();
            if (!positioned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The kpi.values.v1 reader did not start");
            }
        }

        @Override
        public void run() {
            var deserializer = AvroSerde.of(KpiValue.class).deserializer();
            try (var consumer = new KafkaConsumer<String, byte[]>(
                    KpiTopologyBenchmark.consumerConfig(bootstrapServers, null),
                    new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                var partitions = consumer.partitionsFor(Topics.KPI_VALUES).stream()
                        .map(info -> new TopicPartition(Topics.KPI_VALUES, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.countDown();
                while (running.get()) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    var readAt = System.nanoTime();
                    for (var record : records) {
                        if (record.value() == null) {
                            continue;
                        }
                        var parts = Keys.split(record.key());
                        var tenant = tenantIndex.get(parts.get(0));
                        if (tenant == null || !"ALL".equals(parts.get(2)) || !"MONTH".equals(parts.get(4))) {
                            continue;
                        }
                        if (CREATED_COUNTER.equals(parts.get(1))) {
                            var value = deserializer.deserialize(Topics.KPI_VALUES, record.value());
                            createdSeen[tenant] = match(created[tenant], createdSeen[tenant], value, readAt);
                        } else if (CLOSED_COUNTER.equals(parts.get(1))) {
                            var value = deserializer.deserialize(Topics.KPI_VALUES, record.value());
                            closedSeen[tenant] = match(closed[tenant], closedSeen[tenant], value, readAt);
                        }
                    }
                }
            }
        }

        /** Every change up to the value's denominator is readable now; returns the new count seen. */
        private int match(AtomicLongArray sentAt, int seen, KpiValue value, long readAt) {
            var count = value.getDenominator() == null ? 0 : (int) Math.min(value.getDenominator(), sentAt.length() - 1);
            var computedAtWall = value.getComputedAt().toEpochMilli();
            for (var k = seen + 1; k <= count; k++) {
                var sent = sentAt.get(k);
                if (sent >= measureFrom && sent < measureTo) {
                    var sentWallMicros = wallBase * 1000 + (sent - nanoBase) / 1000;
                    var untilComputed = computedAtWall * 1000 - sentWallMicros;
                    var total = (readAt - sent) / 1000;
                    synchronized (samples) {
                        samples.add(new long[] {total, untilComputed, total - untilComputed});
                    }
                    matched++;
                }
            }
            return Math.max(seen, count);
        }

        int matched() {
            return matched;
        }

        void stop() {
            running.set(false);
        }

        /** Sorted samples of column 0 (total), 1 (sent → computedAt) or 2 (computedAt → readable), in µs. */
        long[] latencies(int column) {
            synchronized (samples) {
                return samples.stream().mapToLong(sample -> sample[column]).sorted().toArray();
            }
        }
    }
}
