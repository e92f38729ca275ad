package dev.ledgerline.kpi.topology;

import dev.ledgerline.kpi.compute.RejectReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Binds the counters the processors keep in {@link KpiBooks} to Micrometer, so that they appear on
 * {@code /q/metrics}: {@code kpi_rejected_records_total{reason}}, {@code kpi_records_processed_total{topic}},
 * {@code kpi_values_emitted_total}, the punctuations and their total time, and the tenants held here.
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
        FunctionCounter.builder("kpi.punctuations", books, KpiBooks::punctuationCount)
                .description("Emission punctuations run")
                .register(registry);
        FunctionCounter.builder("kpi.punctuation.seconds", books,
                        b -> b.punctuationNanos() / (double) TimeUnit.SECONDS.toNanos(1))
                .description("Total time spent in emission punctuations")
                .register(registry);
        Gauge.builder("kpi.tenants", books, b -> b.tenants().size())
                .description("Tenants whose KPI state this instance holds")
                .register(registry);
    }
}
