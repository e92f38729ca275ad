package dev.ledgerline.kpi.rest;

import dev.ledgerline.kpi.topology.KpiBooks;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Decides where a tenant's KPIs are answered, from Kafka Streams' metadata: the active host of the task of
 * the tenant's partition. Without an advertised {@code application.server} (one instance) everything is
 * local once the streams run. A request that was already forwarded is never forwarded again: if this
 * instance is not the owner either, ownership is moving and the answer is 503.
 */
public final class KpiRouter {
    private final OwnershipSource ownership;
    private final KpiBooks books;
    private final Optional<HostInfo> self;

    public KpiRouter(OwnershipSource ownership, KpiBooks books, Optional<HostInfo> self) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.books = Objects.requireNonNull(books, "books");
        this.self = Objects.requireNonNull(self, "self");
    }

    public Optional<HostInfo> self() {
        return self;
    }

    public Route route(String tenant, boolean alreadyForwarded) {
        var state = ownership.state();
        if (state == KafkaStreams.State.REBALANCING) {
            return new Route.Unavailable("The KPI service is rebalancing its partitions");
        }
        if (state != KafkaStreams.State.RUNNING) {
            return new Route.Unavailable("The KPI streams are not running (" + state + ")");
        }
        if (self.isEmpty()) {
            return new Route.Local();
        }
        var metadata = ownership.metadataForTenant(tenant);
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            return new Route.Unavailable("The owner of tenant " + tenant + " is not known yet");
        }
        var owner = metadata.activeHost();
        if (owner.equals(self.get())) {
            return new Route.Local();
        }
        if (alreadyForwarded) {
            // The sender thinks we own it, we think it is elsewhere: metadata is changing hands. If we still hold
            // the tenant's state we may answer it, else the client retries.
            return books.tenants().contains(tenant) ? new Route.Local()
                    : new Route.Unavailable("The owner of tenant " + tenant + " is changing");
        }
        return new Route.Remote(owner);
    }
}
