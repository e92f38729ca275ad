package dev.ledgerline.connector.sync;

import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.ConnectionService;
import dev.ledgerline.connector.connection.Crm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Executes a queued run under the connection's lease and records how it ended. */
@ApplicationScoped
public class SyncRunner {
    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    private final Instance<CrmSync> syncs;
    private final ConnectionService connections;
    private final RecordPublisher publisher;
    private final SyncLeases leases;
    private final SyncMetrics metrics;
    private final Clock clock;
    private final String holder = "connector-" + UUID.randomUUID();

    SyncRunner(Instance<CrmSync> syncs, ConnectionService connections, RecordPublisher publisher, SyncLeases leases,
            SyncMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.syncs = syncs;
        this.connections = connections;
        this.publisher = publisher;
        this.leases = leases;
        this.clock = clock;
    }

    public void execute(UUID runId) {
        SyncRunEntity queued = QuarkusTransaction.requiringNew().call(() -> SyncRunEntity.findById(runId));
        ConnectionEntity connection = QuarkusTransaction.requiringNew()
                .call(() -> ConnectionEntity.findById(queued.connectionId));
        if (!leases.acquire(connection.id, runId, holder, SyncRun.LEASE_TTL)) {
            end(runId, SyncRunState.SKIPPED, "another run of this connection is in progress");
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                SyncRunEntity run = SyncRunEntity.findById(runId);
                run.state = SyncRunState.RUNNING;
                run.startedAt = now();
            });
            SyncRun run = new SyncRun(runId, connection, queued.mode, publisher, leases, metrics, true, clock);
            EntityLoop.run(run, syncFor(connection.crm).open(run));
            end(runId, SyncRunState.SUCCEEDED, null);
        } catch (RuntimeException e) {
            ended(runId, connection, e, "Sync run");
        } finally {
            leases.release(connection.id, runId);
        }
    }

    /** How a run that threw ended: stopped on purpose, paused by the CRM, refused credentials, or failed. */
    private void ended(UUID runId, ConnectionEntity connection, RuntimeException e, String what) {
        if (e instanceof RunStopped) {
            end(runId, SyncRunState.INCOMPLETE, e.getMessage());
        } else if (e instanceof ConnectionPaused paused) {
            QuarkusTransaction.requiringNew().run(() -> SyncPause.pause(connection.id, paused.until(), paused.getMessage()));
            end(runId, SyncRunState.FAILED, "PAUSED until " + paused.until() + ": " + paused.getMessage());
        } else if (e instanceof CredentialsRejected) {
            connections.markNeedsReauth(connection.tenantId, connection.id, e.getMessage());
            end(runId, SyncRunState.FAILED, "NEEDS_REAUTH: " + e.getMessage());
        } else {
            LOG.errorf(e, "%s %s of connection %s failed", what, runId, connection.id);
            end(runId, SyncRunState.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * Executes a queued run that only publishes given changes (a webhook's objects) and moves no cursor. It does not
     * take the connection's lease: a webhook arriving during a scheduled run must not be skipped, and since it stores
     * no cursor it cannot break the cursor-after-acknowledgement rule; both publish idempotent upserts.
     */
    public void executeChanges(UUID runId, Consumer<SyncRun> work) {
        SyncRunEntity queued = QuarkusTransaction.requiringNew().call(() -> SyncRunEntity.findById(runId));
        ConnectionEntity connection = QuarkusTransaction.requiringNew()
                .call(() -> ConnectionEntity.findById(queued.connectionId));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                SyncRunEntity run = SyncRunEntity.findById(runId);
                run.state = SyncRunState.RUNNING;
                run.startedAt = now();
            });
            work.accept(new SyncRun(runId, connection, queued.mode, publisher, leases, metrics, false, clock));
            end(runId, SyncRunState.SUCCEEDED, null);
        } catch (RuntimeException e) {
            ended(runId, connection, e, "Webhook run");
        }
    }

    /** Whether the service can sync connections of this CRM yet. */
    public boolean supports(Crm crm) {
        return syncs.stream().anyMatch(sync -> sync.crm() == crm);
    }

    private CrmSync syncFor(Crm crm) {
        return syncs.stream().filter(sync -> sync.crm() == crm).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sync for " + crm + " connections yet"));
    }

    private void end(UUID runId, SyncRunState state, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            SyncRunEntity run = SyncRunEntity.findById(runId);
            run.state = state;
            run.endedAt = now();
            run.error = error == null ? null : error.substring(0, Math.min(error.length(), 2000));
            Instant started = run.startedAt == null ? run.queuedAt : run.startedAt;
            metrics.runEnded(run.connectionId, run.trigger.name(), state.name(),
                    Duration.between(started, run.endedAt));
        });
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
