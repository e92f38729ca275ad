package dev.ledgerline.ledger.quickbooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** ledgerline.quickbooks.* (env LEDGERLINE_QUICKBOOKS_*): the push worker and the limits per company. */
@ConfigMapping(prefix = "ledgerline.quickbooks")
public interface QuickBooksConfig {
    /** False: this instance pushes nothing (the REST views and the retry action still work). */
    @WithDefault("true")
    boolean workerEnabled();

    /** How often the worker looks for documents to queue and rows to push. */
    @WithDefault("2s")
    Duration pollInterval();

    /** Rows of one company claimed per round. */
    @WithDefault("100")
    int batchSize();

    /** How long an instance holds a company it pushes; renewed every round. */
    @WithDefault("60s")
    Duration companyLease();

    /** Intuit's bound: requests per minute per company (realm). */
    @WithDefault("500")
    int requestsPerMinute();

    /** Intuit's bound: concurrent requests per company (realm). */
    @WithDefault("10")
    int maxConcurrentRequests();

    /** Attempts at a row before it is FAILED (a validation fault fails it at once; throttling does not count). */
    @WithDefault("6")
    int maxAttempts();

    @WithDefault("5s")
    Duration initialBackoff();

    @WithDefault("15m")
    Duration maxBackoff();

    /** Timeout of one HTTP request to QuickBooks or its token endpoint. */
    @WithDefault("30s")
    Duration requestTimeout();
}
