package dev.ledgerline.consume;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Input metrics on /q/metrics: records by topic and outcome ({@code ledgerline_consumer_records_total}), dead letters
 * by topic and reason ({@code ledgerline_consumer_dead_letters_total}), failed processing attempts that were retried
 * ({@code ledgerline_consumer_record_retries_total}). Consumer lag comes with the Kafka client metrics.
 */
@ApplicationScoped
public class IngestMetrics {
    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
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
