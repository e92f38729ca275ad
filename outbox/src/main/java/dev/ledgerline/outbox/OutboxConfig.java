package dev.ledgerline.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code ledgerline.outbox.*}, each also an env var ({@code LEDGERLINE_OUTBOX_SLOT} …). The database and the
 * brokers are the service's own: {@code quarkus.datasource.jdbc.url}, {@code .username}, {@code .password}, and
 * {@code kafka.*} through {@code KafkaClientConfig} (brokers, SASL/SCRAM, TLS).
 */
@ConfigMapping(prefix = "ledgerline.outbox")
public interface OutboxConfig {
    /** Replication slot of the service; default {@code <quarkus.application.name>_outbox} ("-" becomes "_"). */
    Optional<String> slot();

    /** Publication of the outbox tables; default the slot's name. */
    Optional<String> publication();

    /** How long the engine waits for WAL changes before it hands over a batch. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** How often the relay writes a heartbeat row, so that the slot advances while the outbox is idle. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** How often a standby instance tries to take over the slot, and the relaying one checks its lock. */
    @WithDefault("5s")
    Duration electionInterval();

    /** The longest pause between restarts of a failed engine (backoff doubles from 1 s). */
    @WithDefault("30s")
    Duration maxRestartBackoff();
}
