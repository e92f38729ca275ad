package dev.ledgerline.connector.sync;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of one connection's CRM calls, read by the sync run for its progress record. */
public final class ApiCallCounters {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    public void callSent() {
        calls.incrementAndGet();
    }

    public void rateLimitedResponse() {
        rateLimited.incrementAndGet();
    }

    public void retry() {
        retries.incrementAndGet();
    }

    /** HTTP requests sent, retries included. */
    public long calls() {
        return calls.get();
    }

    /** Responses with status 429. */
    public long rateLimited() {
        return rateLimited.get();
    }

    /** Requests sent again after a fault (429, 5xx, timeout, expired token). */
    public long retries() {
        return retries.get();
    }
}
