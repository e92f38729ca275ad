package dev.ledgerline.kpi.topology;

import dev.ledgerline.kpi.compute.RejectReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Binds the counters the processors keep in {@link KpiBooks} to Micrometer, so that they appear on
 * {@code /q/metrics}: {@code kpi_rejected_records_total{reason}}, {@code kpi_records_processed_total{topic}},
 * {@code kpi_values_emitted_total}, {@code kpi_values_last_emitted_timestamp_seconds} (for KPI freshness),
 * {@code kpi_emissions_deferred_total}, the punctuation timer {@code kpi_punctuation_seconds} (count, sum, max),
 * the tenants held here, the entries of each state store {@code kpi_state_entries{store}}, and the slices and
 * day buckets held in memory.
 */
@Startup
@ApplicationScoped
public class KpiMetrics {

    @Inject
    KpiBooks books;

    @Inject
    MeterRegistry registry;

    @jakarta.annotation.PostConstruct
    void bind() {
        for (var reason : RejectReason.values()) {
            FunctionCounter.builder("kpi.rejected.records", books, b -> b.rejectedCount(reason))
                    .description("Input records excluded by the KPI engine and dead-lettered")
                    .tag("reason", reason.metricTag())
                    .register(registry);
        }
        for (var topic : KpiTopology.INPUT_TOPICS) {
            FunctionCounter.builder("kpi.records.processed", books, b -> b.processedCount(topic))
                    .description("Input records processed by the KPI topology")
                    .tag("topic", topic)
                    .register(registry);
        }
        FunctionCounter.builder("kpi.values.emitted", books, KpiBooks::emittedCount)
                .description("KpiValues published on kpi.values.v1")
                .register(registry);
        // KPI freshness is now minus this: time() - kpi_values_last_emitted_timestamp_seconds.
        Gauge.builder("kpi.values.last.emitted.timestamp", books, KpiBooks::lastEmissionEpochSeconds)
                .description("Epoch time of the last publication of a KpiValue by this instance (NaN before)")
                .baseUnit("seconds")
                .register(registry);
        FunctionCounter.builder("kpi.emissions.deferred", books, KpiBooks::deferredEmissionCount)
                .description("Emission punctuations deferred while a task caught up on a backlog")
                .register(registry);
        // Recorded by the stream thread once per punctuation: a real timer, so that the max shows a slow one.
        var punctuation = Timer.builder("kpi.punctuation")
                .description("Duration of the emission punctuations")
                .register(registry);
        books.timePunctuationsWith(nanos -> punctuation.record(nanos, TimeUnit.NANOSECONDS));
        Gauge.builder("kpi.tenants", books, b -> b.tenants().size())
                .description("Tenants whose KPI state this instance holds")
                .register(registry);
        for (var store : KpiTopology.STORES) {
            Gauge.builder("kpi.state.entries", books, b -> b.storeEntries(store))
                    .description("Entries of a state store in this instance's tasks, sampled once per emit interval")
                    .tag("store", store)
                    .register(registry);
        }
        Gauge.builder("kpi.slices", books, KpiBooks::sliceCount)
                .description("Slices (tenant and dimension value) with day buckets held in memory")
                .register(registry);
        Gauge.builder("kpi.day.buckets", books, KpiBooks::dayBucketCount)
                .description("Non-empty day buckets held in memory")
                .register(registry);
    }
}
