package dev.ledgerline.connector.sync;

import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.ConnectionService;
import dev.ledgerline.connector.connection.ConnectionStatus;
import dev.ledgerline.rest.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.context.ManagedExecutor;

/** Starts runs (queued, then executed in the background) and reports their progress. */
@ApplicationScoped
public class SyncService {
    private final ConnectionService connections;
    private final SyncRunner runner;
    private final ManagedExecutor executor;
    private final Clock clock;

    SyncService(ConnectionService connections, SyncRunner runner, ManagedExecutor executor, Clock clock) {
        this.connections = connections;
        this.runner = runner;
        this.executor = executor;
        this.clock = clock;
    }

    public SyncDtos.Run start(String tenantId, UUID connectionId, SyncMode mode, SyncTrigger trigger) {
        UUID runId = queue(tenantId, connectionId, mode, trigger);
        executor.execute(() -> runner.execute(runId));
        return run(tenantId, connectionId, runId);
    }

    /**
     * Queues a run (trigger WEBHOOK) that publishes the changes {@code work} reads through the run: counts and dead
     * letters as in any run, no cursor moved, no lease taken (see {@link SyncRunner#executeChanges}).
     */
    public UUID startChanges(String tenantId, UUID connectionId, Consumer<SyncRun> work) {
        UUID runId = queue(tenantId, connectionId, SyncMode.INCREMENTAL, SyncTrigger.WEBHOOK);
        executor.execute(() -> runner.executeChanges(runId, work));
        return runId;
    }

    private UUID queue(String tenantId, UUID connectionId, SyncMode mode, SyncTrigger trigger) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ConnectionEntity connection = connections.find(tenantId, connectionId);
            if (connection.status != ConnectionStatus.ACTIVE) {
                throw ProblemException.conflict("connection " + connectionId + " is " + connection.status
                        + (connection.statusReason == null ? "" : " (" + connection.statusReason + ")"));
            }
            SyncPause.active(connectionId, Instant.now(clock)).ifPresent(pause -> {
                throw ProblemException.conflict("connection " + connectionId + " is paused until " + pause.pausedUntil
                        + ": " + pause.reason);
            });
            SyncRunEntity run = new SyncRunEntity();
            run.id = UUID.randomUUID();
            run.connectionId = connectionId;
            run.mode = mode;
            run.trigger = trigger;
            run.state = SyncRunState.QUEUED;
            run.queuedAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
            run.persist();
            return run.id;
        });
    }

    public SyncDtos.Run run(String tenantId, UUID connectionId, UUID runId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            connections.find(tenantId, connectionId);
            SyncRunEntity run = SyncRunEntity.<SyncRunEntity>find("id = ?1 and connectionId = ?2", runId, connectionId)
                    .firstResultOptional()
                    .orElseThrow(() -> ProblemException.notFound("Run " + runId + " of connection " + connectionId));
            Map<String, Map<String, Long>> missing = new HashMap<>();
            for (SyncRunMissing count : SyncRunMissing.forRun(runId)) {
                missing.computeIfAbsent(count.entity, entity -> new LinkedHashMap<>()).put(count.field, count.records);
            }
            return new SyncDtos.Run(run.id, run.connectionId, run.mode, run.trigger, run.state, run.queuedAt,
                    run.startedAt, run.endedAt, run.apiCalls, run.rateLimited, run.error,
                    SyncRunEntityStats.forRun(runId).stream()
                            .map(s -> new SyncDtos.EntityProgress(s.entity, s.state, s.fetched, s.published,
                                    s.rejected, s.deleted, missing.getOrDefault(s.entity, Map.of()), s.message))
                            .toList());
        });
    }
}
