package dev.ledgerline.kpi.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Hands the topology to Quarkus' Kafka Streams extension, which runs and health-checks it. */
@ApplicationScoped
public class KpiTopologyProducer {

    @Produces
    public Topology kpiTopology() {
        return KpiTopology.build();
    }
}
