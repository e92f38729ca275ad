package dev.ledgerline.connector.sync;

import java.time.Instant;

/**
 * The CRM will not answer this connection for a while (its daily API limit is exhausted): retrying in the run cannot
 * help. The run fails with the reason and the connection gets no runs until {@link #until()}; the cursors stay where
 * the acknowledged pages left them.
 */
public class ConnectionPaused extends RuntimeException {
    private final transient Instant until;

    public ConnectionPaused(String reason, Instant until) {
        super(reason);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
