package dev.ledgerline.connector.sync;

import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.ConnectionStatus;
import dev.ledgerline.rest.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts an incremental run of every active connection each {@code ledgerline.sync.interval} (default 5 minutes).
 * Every instance ticks; the connection's database lease ({@link SyncLeases}) is what keeps one connection from
 * running twice at once. A connection with a queued or running run is passed over, unless that run is older than
 * {@link #STALE}, which means its instance died without ending it (the lease has long expired by then), and so is a
 * connection paused by its CRM ({@link SyncPause}) until the pause ends.
 * {@code ledgerline.sync.schedule.enabled=false} turns the ticks off.
 */
@ApplicationScoped
public class SyncScheduler {
    static final Duration STALE = Duration.ofHours(6);
    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);

    private final SyncService syncs;
    private final SyncRunner runner;
    private final boolean enabled;
    private final Clock clock;

    SyncScheduler(SyncService syncs, SyncRunner runner,
            @ConfigProperty(name = "ledgerline.sync.schedule.enabled", defaultValue = "true") boolean enabled,
            Clock clock) {
        this.syncs = syncs;
        this.runner = runner;
        this.enabled = enabled;
        this.clock = clock;
    }

    // The first tick waits for the start to settle; the unit is explicit, since @Scheduled's default is minutes.
    @Scheduled(identity = "incremental-sync", every = "${ledgerline.sync.interval:5m}", delay = 30,
            delayUnit = TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (enabled) {
            startDueRuns();
        }
    }

    /** Starts an incremental run for every active connection that has none in progress; returns the runs. */
    public List<UUID> startDueRuns() {
        return startDueRuns(connection -> true);
    }

    List<UUID> startDueRuns(Predicate<ConnectionEntity> which) {
        Instant staleBefore = Instant.now(clock).minus(STALE);
        List<ConnectionEntity> due = QuarkusTransaction.requiringNew().call(() -> ConnectionEntity
                .<ConnectionEntity>list("status", ConnectionStatus.ACTIVE).stream()
                .filter(connection -> runner.supports(connection.crm))
                .filter(connection -> SyncPause.active(connection.id, Instant.now(clock)).isEmpty())
                .filter(connection -> SyncRunEntity.count(
                        "connectionId = ?1 and state in ?2 and queuedAt > ?3", connection.id,
                        List.of(SyncRunState.QUEUED, SyncRunState.RUNNING), staleBefore) == 0)
                .toList());
        List<UUID> started = new ArrayList<>();
        for (ConnectionEntity connection : due) {
            if (!which.test(connection)) {
                continue;
            }
            try {
                started.add(syncs.start(connection.tenantId, connection.id, SyncMode.INCREMENTAL,
                        SyncTrigger.SCHEDULE).id());
            } catch (ProblemException | IllegalStateException e) {
                // Disconnected meanwhile, or the like: the next tick sees the new state.
                LOG.debugf("No scheduled run for connection %s: %s", connection.id, e.getMessage());
            }
        }
        return started;
    }
}
