package dev.ledgerline.kpi.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the topology to Quarkus' Kafka Streams extension, which runs and health-checks it. */
@ApplicationScoped
public class KpiTopologyProducer {

    @ConfigProperty(name = "ledgerline.kpi.emit-interval", defaultValue = "100ms")
    Duration emitInterval;

    @ConfigProperty(name = "ledgerline.kpi.dimension-emit-interval", defaultValue = "1s")
    Duration dimensionEmitInterval;

    @ConfigProperty(name = "ledgerline.kpi.catch-up-age", defaultValue = "2s")
    Duration catchUpAge;

    @ConfigProperty(name = "ledgerline.kpi.max-deferral", defaultValue = "30s")
    Duration maxDeferral;

    /** The one registry of this instance's in-memory KPI state, shared by the topology and the queries. */
    @Produces
    @Singleton
    public KpiBooks kpiBooks() {
        return new KpiBooks();
    }

    @Produces
    @Singleton
    public Topology kpiTopology(KpiBooks books) {
        return KpiTopology.build(books, new EmitPolicy(emitInterval, dimensionEmitInterval, catchUpAge, maxDeferral));
    }
}
