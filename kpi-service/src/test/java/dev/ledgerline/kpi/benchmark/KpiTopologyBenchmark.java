package dev.ledgerline.kpi.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.EmbeddedKafka;
import dev.ledgerline.devstack.TopicCreator;
import dev.ledgerline.devstack.TopicTable;
import dev.ledgerline.kpi.topology.DeadLetterDeserializationHandler;
import dev.ledgerline.kpi.topology.EmitPolicy;
import dev.ledgerline.kpi.topology.KpiBooks;
import dev.ledgerline.kpi.topology.KpiTopology;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.TenantPartitioner;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.TenantSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput and latency of the real KPI topology on the embedded broker (issue 3 point 7). Not part of the test
 * suite: {@code mvn -B -pl kpi-service verify -Pbenchmark} (see BENCHMARKS.md and the README).
 *
 * <p>Throughput, {@code bench.runs} times (3): {@code bench.events} (1,000,000) deal changes of 20 tenants, 40 %
 * creations of distinct deals and 60 % updates of them, are produced to crm.deals.v1 (timed), read back and
 * decoded by a plain consumer (timed: produce + consume is the baseline), then drained by a new Kafka Streams
 * application running {@link KpiTopology} (timed from the first to the last deal processed).
 *
 * <p>Memory and restore: the heap the last run's state holds (used heap after GC with it and without it), then a
 * new instance of the same application restoring that state from its changelogs (start to RUNNING with every
 * tenant rebuilt).
 *
 * <p>Latency: then, with the restored application running and holding its state, {@link LatencyRun} paces
 * deal changes of 20 other tenants at {@code bench.rate} (5,000) per second for a warm-up and a measured
 * period and measures produced → KpiValue readable on kpi.values.v1.
 *
 * <p>Kafka Streams runs as kpi-service configures it: the Kafka Streams defaults (
 * at-least-once, commit interval 30 s) plus what application.properties sets: two stream threads, producer linger
 * 5 ms, the dead-letter deserialization handler and the emission policy ({@link EmitPolicy#defaults()}).
 */
class KpiTopologyBenchmark {
    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int TENANTS = Integer.getInteger("bench.tenants", 20);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int RATE = Integer.getInteger("bench.rate", 5_000);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.latency.warmup", 15));
    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.latency.seconds", 60));
    /**
     * The service's emission policy (application.properties); {@code -Dbench.emit.millis},
     * {@code -Dbench.dimension-emit.millis} and {@code -Dbench.catch-up.seconds} (0: publish every interval even
     * when behind) change it.
     */
    private static final EmitPolicy EMIT_POLICY = new EmitPolicy(
            Duration.ofMillis(Long.getLong("bench.emit.millis", EmitPolicy.DEFAULT_INTERVAL.toMillis())),
            Duration.ofMillis(Long.getLong("bench.dimension-emit.millis",
                    EmitPolicy.DEFAULT_DIMENSION_INTERVAL.toMillis())),
            Duration.ofSeconds(Long.getLong("bench.catch-up.seconds", EmitPolicy.DEFAULT_CATCH_UP_AGE.toSeconds())),
            EmitPolicy.DEFAULT_MAX_DEFERRAL);

    @TempDir
    Path dataDir;

    @Test
    void throughputAndLatencyOfTheKpiTopology() throws Exception {
        try (var broker = EmbeddedKafka.start(dataDir.resolve("kafka"), 0)) {
            var bootstrap = broker.bootstrapServers();
            TopicCreator.apply(bootstrap, TopicTable.standard());
            var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            var tenants = IntStream.range(0, TENANTS).mapToObj(i -> String.format("tenant-%02d", i)).toList();
            var generator = new DealChanges(42, tenants);
            produceSettings(bootstrap, generator.settings(now));
            var records = encode(generator.history(EVENTS * 2 / 5, EVENTS, now.minus(Duration.ofDays(365)), now));
            log("generated %,d deal changes (%,d deals, %d tenants), %.0f bytes per value on average", EVENTS,
                    generator.dealCount(), TENANTS, Arrays.stream(records.values).mapToInt(v -> v.length).average()
                            .orElse(0));

            var runs = new ArrayList<ThroughputRun>();
            KafkaStreams running = null;
            KpiBooks books = null;
            String applicationId = null;
            Path stateDir = null;
            for (var run = 1; run <= RUNS; run++) {
                if (running != null) {
                    running.close(Duration.ofSeconds(30));
                    recreate(bootstrap, Topics.DEALS);
                }
                var load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                var produced = produce(bootstrap, records);
                var consumed = consume(bootstrap, "bench-plain-" + run);
                books = new KpiBooks();
                var punctuationNanos = new LongAdder();
                books.timePunctuationsWith(punctuationNanos::add);
                applicationId = "kpi-bench-" + UUID.randomUUID();
                stateDir = dataDir.resolve("streams-" + run);
                running = new KafkaStreams(KpiTopology.build(books, EMIT_POLICY),
                        streamsConfig(bootstrap, applicationId, stateDir));
                var drain = drain(running, books);
                var result = new ThroughputRun(run, load, produced, consumed, drain, books.emittedCount(),
                        punctuationNanos.sum() / 1e9);
                runs.add(result);
                log("%s", result.line());
                append("partial " + LocalDate.now() + " " + result.line());
                assertThat(books.processedCount(Topics.DEALS)).isEqualTo(EVENTS);
                assertThat(books.rejectedCounts()).isEmpty();
            }

            // Memory and restore of the last run's state (1,000,000 changes): the heap it holds, then a new instance
            // of the same application restoring it from the changelogs, which then serves the latency run.
            var heapWithState = usedHeapAfterGc();
            var state = String.format("%,d deal states, %,d slices, %,d day buckets", books.storeEntries(
                    KpiTopology.DEAL_STATES_STORE), books.sliceCount(), books.dayBucketCount());
            // Leaving the group, as a pod stopped in order does: otherwise the new instance waits out the old
            // member's session timeout (45 s) before it is assigned anything.
            running.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
            var stateHeap = heapWithState - usedHeapAfterGc();
            books = new KpiBooks();
            var restoredBooks = books;
            var restoreStarted = System.nanoTime();
            running = new KafkaStreams(KpiTopology.build(books, EMIT_POLICY),
                    streamsConfig(bootstrap, applicationId, stateDir));
            var restoring = running;
            var firstRestoreAt = new AtomicLong();
            running.setGlobalStateRestoreListener(new StateRestoreListener() {
                @Override
                public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                    firstRestoreAt.compareAndSet(0, System.nanoTime());
                }

                @Override
                public void onBatchRestored(TopicPartition partition, String store, long end, long restored) {
                }

                @Override
                public void onRestoreEnd(TopicPartition partition, String store, long restored) {
                }
            });
            running.start();
            awaitUntil(Duration.ofMinutes(10), () -> restoring.state() == KafkaStreams.State.RUNNING
                    && restoredBooks.tenants().size() == TENANTS);
            var runningAt = System.nanoTime();
            var memory = new StateMemory(state, stateHeap, (firstRestoreAt.get() - restoreStarted) / 1e9,
                    (runningAt - firstRestoreAt.get()) / 1e9);
            log("%s", memory.line());

            var latencyTenants = IntStream.range(0, TENANTS).mapToObj(i -> String.format("latency-%02d", i)).toList();
            var latencyChanges = new DealChanges(7, latencyTenants);
            var settingsBefore = books.processedCount(Topics.TENANTS);
            produceSettings(bootstrap, latencyChanges.settings(Instant.now()));
            var finalBooks = books;
            awaitUntil(Duration.ofSeconds(60), () -> finalBooks.processedCount(Topics.TENANTS) >= settingsBefore + TENANTS);
            var latency = new LatencyRun(bootstrap, latencyTenants, latencyChanges, RATE, WARM_UP, MEASURED).run();
            running.close(Duration.ofSeconds(30));

            var report = report(runs, memory, latency);
            System.out.println(report);
            append(report);

            assertThat(latency.unmatched()).as("changes never seen on kpi.values.v1").isZero();
            assertThat(latency.measured()).isGreaterThan(0);
        }
    }

    // --- memory and restore

    /**
     * The heap a drained state holds (used heap after GC with it, minus without it); how long a new instance waited for
     * its assignment (the group), then took from its first changelog restoration to RUNNING with every tenant rebuilt.
     */
    private record StateMemory(String state, long heapBytes, double assignmentSeconds, double restoreSeconds) {
        String line() {
            return String.format("state of %s: %,.0f MiB heap (%,.1f MiB per tenant); a new instance restored it in"
                            + " %.1f s (changelogs and rebuild, after %.1f s waiting for its assignment)",
                    state, heapBytes / 1048576.0, heapBytes / 1048576.0 / TENANTS, restoreSeconds, assignmentSeconds);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (var i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    // --- throughput

    /** Keys and values as the producer sends them, encoded once so that every run sends the same bytes. */
    private record Encoded(byte[][] keys, byte[][] values) {
    }

    private record Timed(long records, double seconds) {
        double perSecond() {
            return records / seconds;
        }
    }

    private record Drain(double seconds, double cpuCores) {
    }

    private record ThroughputRun(int run, double load, Timed produced, Timed consumed, Drain drain, long emitted,
            double punctuationSeconds) {
        double topologyPerSecond() {
            return EVENTS / drain.seconds;
        }

        /** Produce and consume one after the other: the time a plain pipeline spends on each record. */
        double plainPerSecond() {
            return EVENTS / (produced.seconds + consumed.seconds);
        }

        String line() {
            return String.format("run %d: topology %,.0f events/s (%.1f s, %.2f cores, punctuations %.1f s, %,d values"
                            + " emitted); produce %,.0f/s + consume %,.0f/s = plain %,.0f/s; ratio %.2f; load %.2f",
                    run, topologyPerSecond(), drain.seconds, drain.cpuCores, punctuationSeconds, emitted,
                    produced.perSecond(), consumed.perSecond(), plainPerSecond(), topologyPerSecond() / plainPerSecond(),
                    load);
        }
    }

    private static Encoded encode(List<DealChanges.Change> changes) {
        var keys = new byte[changes.size()][];
        var values = new byte[changes.size()][];
        var keySerializer = new StringSerializer();
        var serializer = AvroSerde.of(Deal.class).serializer();
        for (var i = 0; i < changes.size(); i++) {
            keys[i] = keySerializer.serialize(Topics.DEALS, changes.get(i).key());
            values[i] = serializer.serialize(Topics.DEALS, changes.get(i).deal());
        }
        return new Encoded(keys, values);
    }

    private static Timed produce(String bootstrap, Encoded records) {
        try (var producer = new KafkaProducer<>(producerConfig(bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            var started = System.nanoTime();
            for (var i = 0; i < records.keys.length; i++) {
                producer.send(new ProducerRecord<>(Topics.DEALS, records.keys[i], records.values[i]));
            }
            producer.flush();
            return new Timed(records.keys.length, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Reads every record of crm.deals.v1 as a new consumer group and decodes key and value, like the topology. */
    private static Timed consume(String bootstrap, String group) {
        var deserializer = AvroSerde.of(Deal.class).deserializer();
        try (var consumer = new KafkaConsumer<>(consumerConfig(bootstrap, group), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEALS));
            long read = 0;
            long first = 0;
            while (read < EVENTS) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (read++ == 0) {
                        first = System.nanoTime();
                    }
                    if (deserializer.deserialize(Topics.DEALS, record.value()).getTenantId().isEmpty()) {
                        throw new IllegalStateException("A deal without tenant at " + record.offset());
                    }
                }
            }
            return new Timed(read, (System.nanoTime() - first) / 1e9);
        }
    }

    /** Starts the application and waits until it processed every deal: first to last processed. */
    private static Drain drain(KafkaStreams streams, KpiBooks books) throws InterruptedException {
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var started = System.nanoTime();
        streams.start();
        long first = 0;
        long cpuAtFirst = 0;
        var deadline = started + Duration.ofMinutes(20).toNanos();
        while (true) {
            var processed = books.processedCount(Topics.DEALS);
            var now = System.nanoTime();
            if (first == 0 && processed > 0) {
                first = now;
                cpuAtFirst = cpu.getProcessCpuTime();
            }
            if (processed >= EVENTS) {
                var seconds = (now - first) / 1e9;
                return new Drain(seconds, (cpu.getProcessCpuTime() - cpuAtFirst) / 1e9 / seconds);
            }
            if (now > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("The topology processed " + processed + " of " + EVENTS + " deals, state "
                        + streams.state());
            }
            Thread.sleep(5);
        }
    }

    /**
     * Deletes and recreates the topic (compacted, so its records cannot be deleted), so that the next run's new
     * application reads only the next run's records.
     */
    private static void recreate(String bootstrap, String topic) throws Exception {
        try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
            awaitUntil(Duration.ofSeconds(60), () -> !admin.listTopics().names().get().contains(topic));
        }
        TopicCreator.apply(bootstrap, TopicTable.standard());
    }

    private static void produceSettings(String bootstrap, List<TenantSettings> settings) throws Exception {
        try (var producer = new KafkaProducer<>(producerConfig(bootstrap), new StringSerializer(),
                AvroSerde.of(TenantSettings.class).serializer())) {
            for (var tenant : settings) {
                producer.send(new ProducerRecord<>(Topics.TENANTS, tenant.getTenantId(), tenant)).get();
            }
        }
    }

    // --- configuration

    /** The producer defaults (acks=all, idempotent) with the suite's tenant partitioner. */
    static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class.getName());
    }

    static Map<String, Object> consumerConfig(String bootstrap, String group) {
        var config = new HashMap<String, Object>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return config;
    }

    /** What application.properties gives Kafka Streams outside tests: its defaults and the dead-letter handler. */
    private static Properties streamsConfig(String bootstrap, String applicationId, Path stateDir) {
        var config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        // As application.properties: a stream thread per core of the 2-core machine, values batched at most 5 ms.
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        for (var name : System.getProperties().stringPropertyNames()) {
            // e.g. -Dbench.streams.num.stream.threads=2 to compare settings
            if (name.startsWith("bench.streams.")) {
                config.put(name.substring("bench.streams.".length()), System.getProperty(name));
            }
        }
        return config;
    }

    // --- reporting

    private static String report(List<ThroughputRun> runs, StateMemory memory, LatencyRun.Result latency) {
        var topology = median(runs.stream().mapToDouble(ThroughputRun::topologyPerSecond).toArray());
        var plain = median(runs.stream().mapToDouble(ThroughputRun::plainPerSecond).toArray());
        var ratio = median(runs.stream().mapToDouble(run -> run.topologyPerSecond() / run.plainPerSecond()).toArray());
        var lines = new ArrayList<String>();
        lines.add(String.format("BENCHMARK kpi-topology %s events=%d tenants=%d emit=%dms dimensions=%dms"
                        + " catch-up=%ds/%ds streams-overrides=%s", LocalDate.now(), EVENTS, TENANTS,
                EMIT_POLICY.interval().toMillis(), EMIT_POLICY.dimensionInterval().toMillis(),
                EMIT_POLICY.catchUpAge().toSeconds(), EMIT_POLICY.maxDeferral().toSeconds(), streamsOverrides()));
        runs.forEach(run -> lines.add("  " + run.line()));
        lines.add(String.format("  median: topology %,.0f events/s, plain produce+consume %,.0f/s, ratio %.2f", topology,
                plain, ratio));
        lines.add("  " + memory.line());
        lines.add(String.format("  latency at %,d/s (sent %,d at %,.0f/s; %,d changes measured over %d s after %d s"
                        + " warm-up, %d unmatched): p50 %s, p99 %s, max %s; produced→computedAt p50 %s p99 %s;"
                        + " computedAt→readable p50 %s p99 %s",
                RATE, latency.sent(), latency.sentPerSecond(), latency.measured(), MEASURED.toSeconds(),
                WARM_UP.toSeconds(), latency.unmatched(), ms(latency.latenciesMicros(), 50),
                ms(latency.latenciesMicros(), 99), ms(latency.latenciesMicros(), 100),
                ms(latency.untilComputedMicros(), 50), ms(latency.untilComputedMicros(), 99),
                ms(latency.afterComputedMicros(), 50), ms(latency.afterComputedMicros(), 99)));
        return String.join(System.lineSeparator(), lines);
    }

    private static String streamsOverrides() {
        var overrides = new ArrayList<String>();
        for (var name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("bench.streams.")) {
                overrides.add(name.substring("bench.streams.".length()) + "=" + System.getProperty(name));
            }
        }
        return overrides.isEmpty() ? "none" : String.join(",", overrides);
    }

    /** Nearest-rank percentile of sorted microseconds, in milliseconds. */
    private static String ms(long[] sortedMicros, int percentile) {
        if (sortedMicros.length == 0) {
            return "n/a";
        }
        var rank = (int) Math.ceil(percentile / 100.0 * sortedMicros.length);
        return String.format("%.0f ms", sortedMicros[Math.max(0, rank - 1)] / 1000.0);
    }

    private static double median(double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Duration timeout, Condition condition) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Appends to target/benchmarks/kpi-topology.txt, so that every run's figures outlive a later failure. */
    private static void append(String text) throws IOException {
        var file = Path.of("target", "benchmarks", "kpi-topology.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void log(String format, Object... args) {
        System.out.println("BENCHMARK " + String.format(format, args));
    }
}
