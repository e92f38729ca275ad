package dev.ledgerline.kpi.rest;

import dev.ledgerline.kpi.topology.KpiBooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the router and the forwarder from configuration. This instance's address is Kafka Streams'
 * {@code application.server} (host:port of this instance's HTTP server as the other instances reach it),
 * set with {@code quarkus.kafka-streams.application-server} / {@code QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER}.
 */
@ApplicationScoped
public class RoutingProducer {

    @ConfigProperty(name = "quarkus.kafka-streams.application-server")
    Optional<String> applicationServer;

    @ConfigProperty(name = "ledgerline.kpi.forward-timeout", defaultValue = "5s")
    Duration forwardTimeout;

    @Produces
    @Singleton
    KpiRouter kpiRouter(OwnershipSource ownership, KpiBooks books) {
        return new KpiRouter(ownership, books, applicationServer.filter(s -> !s.isBlank())
                .map(HostInfo::buildFromEndpoint));
    }

    @Produces
    @Singleton
    RequestForwarder requestForwarder() {
        return new RequestForwarder(forwardTimeout, applicationServer.orElse("unknown"));
    }
}
