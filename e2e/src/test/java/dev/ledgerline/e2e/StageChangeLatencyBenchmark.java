package dev.ledgerline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.KpiDimension;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.KpiWindow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, point 4: with the whole suite running as {@code ./ledgerline up} runs it, how long a deal won in the
 * simulated HubSpot portal takes to show in the changed {@code KpiValue} on {@code kpi.values.v1}, through webhooks
 * and through polling (separate runs: webhooks with the incremental sync an hour apart; polling with webhooks off and
 * the sync every {@code bench.sync-interval}).
 *
 * <p>The simulator's own activity is off; the benchmark lets one deal be won at a time, at {@code bench.rate} wins a
 * second (each after a new deal, so that open deals never run out), and notes the wall-clock time of each win's
 * request. A reader on {@code kpi.values.v1} follows the demo tenant's
 * DEALS_WON_COUNT (dimension ALL, window P7D, today: UTC is the demo tenant's time zone), which every win raises by one;
 * the k-th win is visible when that value first reaches the count before the run plus k. Values coalesce per key, so
 * one record may show several wins at once: each of them is visible then. The first {@code bench.warmup} wins are not
 * counted. The report goes to {@code target/benchmarks/stage-change-latency.txt}.
 */
class StageChangeLatencyBenchmark {
    private static final int CHANGES = Integer.getInteger("bench.changes", 1000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 20);
    private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "4"));
    private static final String POLL_INTERVAL = System.getProperty("bench.sync-interval", "10s");
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    private static final String TENANT = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** How the change reaches the connector. */
    enum Route {
        WEBHOOK, POLLING
    }

    /** {@code bench.routes}: WEBHOOK, POLLING or both (default), comma-separated. */
    static Stream<Route> routes() {
        return Arrays.stream(System.getProperty("bench.routes", "WEBHOOK,POLLING").split(",")).map(String::trim)
                .map(Route::valueOf);
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aWonDealReachesKpiValues(Route route) throws Exception {
        try (LedgerlineUp up = LedgerlineUp.start(Map.of(
                "LEDGERLINE_SIMULATOR_ACTIVITY_PER_MINUTE", "0",
                // Every deal in HubSpot: the webhook path is HubSpot's (the Salesforce org is connected but empty).
                "LEDGERLINE_SIMULATOR_SALESFORCE_SHARE", "0",
                "LEDGERLINE_SYNC_INTERVAL", route == Route.WEBHOOK ? "1h" : POLL_INTERVAL,
                "LEDGERLINE_START_TIMEOUT", "600"))) {
            up.awaitReady(Duration.ofMinutes(15));
            if (route == Route.POLLING) {
                put(up.url("SIMULATOR") + "/_simulator/webhooks", "{\"target\":null}");
            }
            try (WonCount won = new WonCount(up.kafkaBootstrap())) {
                long before = won.settle();
                System.out.printf("StageChangeLatencyBenchmark %s: DEALS_WON_COUNT %d before the run%n", route, before);
                Thread reader = new Thread(won::follow, "kpi-values-reader");
                reader.setDaemon(true);
                reader.start();
                long[] sentAt = new long[WARMUP + CHANGES];
                long intervalNanos = (long) (1e9 / RATE);
                long next = System.nanoTime();
                int wins = 0;
                while (wins < sentAt.length) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    next += intervalNanos;
                    // A new deal for every win keeps the pipeline from running dry (the generated company has a few
                    // hundred open deals), as a real sales team's does; only the win is timed.
                    happen(up.url("SIMULATOR"), "NEW_DEAL");
                    long at = System.currentTimeMillis();
                    if (happen(up.url("SIMULATOR"), "WIN")) {
                        sentAt[wins++] = at;
                    }
                }
                long[] seenAt = won.awaitCount(before + sentAt.length, Duration.ofMinutes(3));
                won.stop();
                reader.join();
                long[] latencies = new long[CHANGES];
                for (int k = 0; k < CHANGES; k++) {
                    latencies[k] = seenAt[WARMUP + k] - sentAt[WARMUP + k];
                }
                report(route, latencies);
                assertThat(Arrays.stream(latencies).min().orElseThrow()).as("no win seen before it was made")
                        .isNotNegative();
            }
        }
    }

    /**
     * One event of the kind; whether it changed a deal (false: the simulator found nothing to act on and let a new
     * lead come in instead).
     */
    private static boolean happen(String simulator, String event) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                URI.create(simulator + "/_simulator/activity?events=1&event=" + event))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode change : JSON.readTree(answer.body()).path("changes")) {
            if (change.path("kind").asText().equals("DEAL") && !change.path("type").asText().equals("ARCHIVED")) {
                return true;
            }
        }
        return false;
    }

    private static void put(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static void report(Route route, long[] latencies) throws IOException {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        String line = String.format(Locale.ROOT,
                "%s %s: %d wins at %.1f/s (after %d warm-up), stage change → KpiValue on kpi.values.v1: p50 %d ms, "
                        + "p90 %d ms, p99 %d ms, max %d ms; load average %s%n",
                Instant.now(), route, latencies.length, RATE, WARMUP, percentile(sorted, 0.50),
                percentile(sorted, 0.90), percentile(sorted, 0.99), sorted[sorted.length - 1], loadAverage());
        System.out.print("StageChangeLatencyBenchmark " + line);
        Path file = Path.of("target", "benchmarks", "stage-change-latency.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /**
     * The demo tenant's DEALS_WON_COUNT for today's P7D window as {@code kpi.values.v1} shows it, and when each count
     * was first reached.
     */
    private static final class WonCount implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroSerde<KpiValue> serde = AvroSerde.of(KpiValue.class);
        private final String today = LocalDate.now(ZoneOffset.UTC).toString();
        private final AtomicLong count = new AtomicLong();
        /** firstSeen.get(n): when the count first reached {@code base + 1 + n}. */
        private final List<Long> firstSeen = new ArrayList<>();
        private long base;
        private volatile boolean following = true;

        WonCount(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "latency-benchmark-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                    new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(Topics.KPI_VALUES));
        }

        /** Reads until the count has not moved for ten seconds, and returns it: the count before the run. */
        long settle() {
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
            long last = -1;
            while (System.nanoTime() - quietSince < Duration.ofSeconds(10).toNanos()) {
                assertThat(System.nanoTime()).as("the won count settles").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Long value = wonCount(record);
                    if (value != null) {
                        count.set(value);
                    }
                }
                if (count.get() != last) {
                    last = count.get();
                    quietSince = System.nanoTime();
                }
            }
            base = count.get();
            return base;
        }

        /** Follows the topic until stopped, noting when each higher count is first seen. */
        void follow() {
            while (following) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    Long value = wonCount(record);
                    if (value == null) {
                        continue;
                    }
                    long now = System.currentTimeMillis();
                    synchronized (firstSeen) {
                        while (base + firstSeen.size() < value) {
                            firstSeen.add(now);
                        }
                        firstSeen.notifyAll();
                    }
                    count.set(value);
                }
            }
        }

        void stop() {
            following = false;
        }

        long[] awaitCount(long target, Duration timeout) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            synchronized (firstSeen) {
                while (base + firstSeen.size() < target) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new AssertionError("DEALS_WON_COUNT reached " + (base + firstSeen.size()) + ", not "
                                + target + ", within " + timeout);
                    }
                    firstSeen.wait(left);
                }
                return firstSeen.stream().mapToLong(Long::longValue).toArray();
            }
        }

        private Long wonCount(ConsumerRecord<String, byte[]> record) {
            if (record.value() == null) {
                return null;
            }
            KpiValue value = serde.deserializer().deserialize(record.topic(), record.value());
            if (!value.getTenantId().equals(TENANT) || !value.getKpi().equals("DEALS_WON_COUNT") || value.getDimension() != KpiDimension.ALL
                    || value.getWindow() != KpiWindow.P7D || !value.getPeriod().equals(today)
                    || value.getValue() == null) {
                return null;
            }
            return value.getValue().longValueExact();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
