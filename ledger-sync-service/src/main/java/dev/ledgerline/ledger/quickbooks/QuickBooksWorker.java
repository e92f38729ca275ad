package dev.ledgerline.ledger.quickbooks;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Pushes the ledger's committed documents to QuickBooks, never from inside a posting. Every poll interval it queues
 * the documents posted since each company's cursor, takes the lease of the companies no other instance holds
 * (one instance pushes a company at a time, so the company's request limits hold across instances, while several
 * instances share the companies), claims their due rows with FOR UPDATE SKIP LOCKED, and pushes them: the
 * documents of one invoice or payment in posting order, different ones side by side, within the realm's limits.
 */
@ApplicationScoped
public class QuickBooksWorker {
    private static final Logger LOG = Logger.getLogger(QuickBooksWorker.class);

    private final QuickBooksConfig config;
    private final SyncRows rows;
    private final QuickBooksPusher pusher;
    private final EntityManager entityManager;
    private final Clock clock;
    private final String instanceId = UUID.randomUUID().toString();
    private final ExecutorService pushers;
    private ScheduledExecutorService ticker;

    QuickBooksWorker(QuickBooksConfig config, SyncRows rows, QuickBooksPusher pusher, EntityManager entityManager,
            Clock clock) {
        this.config = config;
        this.rows = rows;
        this.pusher = pusher;
        this.entityManager = entityManager;
        this.clock = clock;
        this.pushers = Executors.newFixedThreadPool(config.maxConcurrentRequests(), runnable -> {
            Thread thread = new Thread(runnable, "quickbooks-push");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(@Observes StartupEvent started) {
        if (!config.workerEnabled()) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "quickbooks-worker"));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.errorf(e, "QuickBooks push round failed; the next round tries again");
            }
        }, config.pollInterval().toMillis(), config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker.awaitTermination(30, TimeUnit.SECONDS);
        }
        pushers.shutdownNow();
    }

    /** One round over every company this instance may push; answers the number of rows pushed (any outcome). */
    public int runOnce() {
        int pushed = 0;
        for (String tenantId : leaseCompanies()) {
            rows.enqueue(tenantId);
            pushed += pushCompany(tenantId);
        }
        return pushed;
    }

    private int pushCompany(String tenantId) {
        QuickBooksCompanyEntity entity = QuarkusTransaction.requiringNew()
                .call(() -> QuickBooksCompanyEntity.findById(tenantId));
        if (entity == null || !entity.enabled) {
            return 0;
        }
        Company company = Company.of(entity);
        List<PushData.Row> claimed = rows.claim(tenantId, config.batchSize());
        Map<String, List<PushData.Row>> bySubject = new LinkedHashMap<>();
        for (PushData.Row row : claimed) {
            bySubject.computeIfAbsent(String.valueOf(row.subject()), key -> new ArrayList<>()).add(row);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<PushData.Row> subject : bySubject.values()) {
            running.add(pushers.submit(() -> subject.forEach(row -> pusher.push(company, row))));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claimed.size();
            } catch (ExecutionException e) {
                LOG.errorf(e.getCause(), "A QuickBooks push of tenant %s failed unexpectedly; its rows come back after the lease",
                        tenantId);
            }
        }
        return claimed.size();
    }

    /** The enabled companies that no other instance holds, leased to this one (renewed every round). */
    @SuppressWarnings("unchecked")
    private List<String> leaseCompanies() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                update qbo_company set lease_owner = ?1, lease_until = ?2
                 where tenant_id in (select tenant_id from qbo_company
                                      where enabled and realm_id is not null and refresh_token is not null
                                        and (lease_until is null or lease_until < ?3 or lease_owner = ?1)
                                      for update skip locked)
                returning tenant_id""")
                .setParameter(1, instanceId).setParameter(2, now.plus(config.companyLease())).setParameter(3, now)
                .getResultList());
    }
}
