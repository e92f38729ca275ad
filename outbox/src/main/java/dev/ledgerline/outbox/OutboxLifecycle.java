package dev.ledgerline.outbox;

import dev.ledgerline.kafkaclient.KafkaClientConfig;
import dev.ledgerline.outbox.relay.OutboxRelay;
import dev.ledgerline.outbox.relay.OutboxSchema;
import dev.ledgerline.outbox.relay.RelaySettings;
import dev.ledgerline.outbox.relay.RelayState;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At startup, prepares the service's database (outbox tables, publication, slot) and starts the relay; at shutdown,
 * stops it so that another instance takes over the slot at once.
 */
@ApplicationScoped
public class OutboxLifecycle {
    /** How long an append waits for the startup preparation before it fails its transaction. */
    private static final Duration PREPARATION_WAIT = Duration.ofSeconds(30);

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final RelaySettings settings;
    private final CountDownLatch prepared = new CountDownLatch(1);
    private volatile OutboxRelay relay;

    OutboxLifecycle(AgroalDataSource dataSource, MeterRegistry registry, OutboxConfig config,
            @ConfigProperty(name = "quarkus.application.name") String serviceName,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            KafkaClientConfig kafka) {
        this.dataSource = dataSource;
        this.registry = registry;
        RelaySettings defaults = RelaySettings.forService(serviceName, jdbcUrl, username.orElse(null),
                password.orElse(null), kafka);
        String slot = config.slot().orElse(defaults.slot());
        this.settings = defaults.withSlotAndPublication(slot, config.publication().orElse(slot))
                .withTimings(config.pollInterval(), config.heartbeatInterval(), config.electionInterval(),
                        config.maxRestartBackoff());
    }

    /** Early, so that the tables and the slot exist before the service's own startup work appends events. */
    void start(@Observes @Priority(100) StartupEvent startup) {
        String schema = OutboxSchema.prepare(dataSource, settings);
        prepared.countDown();
        OutboxRelay started = new OutboxRelay(settings, schema, registry);
        started.start();
        relay = started;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        OutboxRelay running = relay;
        if (running != null) {
            running.close();
        }
    }

    public RelayState state() {
        OutboxRelay running = relay;
        return running == null ? RelayState.ELECTING : running.state();
    }

    public RelaySettings settings() {
        return settings;
    }

    /**
     * Blocks an append until the slot exists: an event committed before it would never reach the WAL stream. The
     * HTTP server accepts requests while startup observers still run.
     */
    void awaitPrepared() {
        try {
            if (!prepared.await(PREPARATION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The outbox is not prepared yet (tables, publication, slot)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the outbox to be prepared", e);
        }
    }
}
