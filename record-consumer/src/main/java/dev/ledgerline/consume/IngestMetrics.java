package dev.ledgerline.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Input metrics on /q/metrics: records by topic and outcome ({@code ledgerline_consumer_records_total}), dead letters
 * by topic and reason ({@code ledgerline_consumer_dead_letters_total}), failed processing attempts that were retried
 * ({@code ledgerline_consumer_record_retries_total}), and each consumer's own Kafka client metrics
 * ({@code kafka_consumer_*}: lag per partition {@code kafka_consumer_fetch_manager_records_lag{topic,partition}}, its
 * maximum {@code kafka_consumer_fetch_manager_records_lag_max}, records consumed), tagged with the consumer's client id.
 */
@ApplicationScoped
public class IngestMetrics {
    /**
     * How often a binding looks for Kafka metrics that appeared since (the per-partition lag appears with the first
     * fetch from a partition): well inside a scrape interval.
     */
    private static final Duration CLIENT_METRICS_REFRESH = Duration.ofSeconds(10);

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Binds a consumer's Kafka metrics until the binding is closed, which removes its meters and stops its refresh
     * (close it before the consumer). A binding refreshes on a thread of its own: Micrometer leaves a scheduler it
     * was given running, with the closed binding's task on it.
     */
    ClientMetricsBinding bind(Consumer<?, ?> consumer) {
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "record-consumer-metrics");
            thread.setDaemon(true);
            return thread;
        });
        KafkaClientMetrics binding = new KafkaClientMetrics(consumer, Tags.empty(), refresh, CLIENT_METRICS_REFRESH);
        binding.bindTo(registry);
        return () -> {
            binding.close();
            refresh.shutdownNow();
        };
    }

    /** A consumer's metrics, bound until closed. */
    interface ClientMetricsBinding extends AutoCloseable {
        @Override
        void close();
    }

    void record(String topic, Outcome outcome) {
        registry.counter("ledgerline.consumer.records", "topic", topic, "outcome", outcome.name()).increment();
    }

    void deadLetter(String topic, String reason) {
        registry.counter("ledgerline.consumer.dead.letters", "topic", topic, "reason", reason).increment();
    }

    void retry(String topic, boolean transientFault) {
        registry.counter("ledgerline.consumer.record.retries", "topic", topic, "transient",
                Boolean.toString(transientFault)).increment();
    }
}
