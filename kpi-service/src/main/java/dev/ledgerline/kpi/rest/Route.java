package dev.ledgerline.kpi.rest;

import org.apache.kafka.streams.state.HostInfo;

/** Where a request for a tenant is answered. */
public sealed interface Route {

    /** This instance holds the tenant's task. */
    record Local() implements Route {
    }

    /** Another instance does: forward the request there. */
    record Remote(HostInfo host) implements Route {
    }

    /** Nobody can answer now (rebalancing, metadata not known yet): 503 with Retry-After. */
    record Unavailable(String reason) implements Route {
    }
}
