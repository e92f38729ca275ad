package dev.ledgerline.connector.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code ledgerline_connections{status}}: connections per status, all tenants, as the database holds them,
 * so that an operator is alerted to connections in {@code NEEDS_REAUTH}. Every instance reports the same counts
 * (aggregate with {@code max}); they are refreshed on a schedule, not on each scrape, which runs outside a transaction.
 */
@Startup
@ApplicationScoped
public class ConnectionMetrics {
    private final Map<ConnectionStatus, AtomicLong> counts = new EnumMap<>(ConnectionStatus.class);

    ConnectionMetrics(MeterRegistry registry) {
        for (ConnectionStatus status : ConnectionStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("ledgerline.connections", count, AtomicLong::get)
                    .description("Connections per status, all tenants (refreshed every ledgerline.connections.metrics-interval)")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    /** Reads the counts per status; statuses without a connection count zero. */
    @Scheduled(identity = "connection-metrics", every = "${ledgerline.connections.metrics-interval:30s}")
    @Transactional
    public void refresh() {
        Map<ConnectionStatus, Long> read = new EnumMap<>(ConnectionStatus.class);
        ConnectionEntity.getEntityManager()
                .createQuery("select c.status, count(c) from ConnectionEntity c group by c.status", Object[].class)
                .getResultList()
                .forEach(row -> read.put((ConnectionStatus) row[0], (Long) row[1]));
        counts.forEach((status, count) -> count.set(read.getOrDefault(status, 0L)));
    }
}
