package dev.ledgerline.connector.sync;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-entity loop every CRM's run goes through: prepare the session, then read each entity's streams page by
 * page, publishing through the {@link SyncRun} (which moves cursors only after Kafka's acknowledgement), and account
 * for each entity: finished, skipped with the CRM's reason, or stopped with the run. The API calls are charged to the
 * entity that made them and to the run.
 */
public final class EntityLoop {

    private EntityLoop() {
    }

    /** Syncs every entity of the session's connection. */
    public static void run(SyncRun run, CrmSession session) {
        try {
            classified(session, null, session::prepare);
            for (CrmEntity entity : session.entities()) {
                perEntity(run, session, entity.name(), () -> read(run, entity));
            }
        } finally {
            run.countCalls(session.counters().calls(), session.counters().rateLimited());
        }
    }

    /**
     * One entity's share of a run: finished when {@code work} completes, skipped and reported when the CRM says the
     * connection cannot read it, left incomplete when the run stops or pauses in it; charged with the calls it made
     * either way.
     */
    public static void perEntity(SyncRun run, CrmSession session, String entity, Runnable work) {
        long calls = session.counters().calls();
        long rateLimited = session.counters().rateLimited();
        try {
            classified(session, entity, work);
            run.finish(entity);
        } catch (EntitySkipped skipped) {
            run.skip(entity, skipped.getMessage());
        } catch (RunStopped | ConnectionPaused stopped) {
            run.stopIn(entity, stopped.getMessage());
            throw stopped;
        } finally {
            run.countEntityCalls(entity, session.counters().calls() - calls,
                    session.counters().rateLimited() - rateLimited);
        }
    }

    private static void classified(CrmSession session, String entity, Runnable work) {
        try {
            work.run();
        } catch (CredentialsRejected | RunStopped | ConnectionPaused decided) {
            throw decided;
        } catch (RuntimeException failure) {
            FailureVerdict verdict = session.classify(failure, entity);
            switch (verdict.kind()) {
                case SKIP_ENTITY -> {
                    if (entity == null) {
                        throw failure;
                    }
                    throw new EntitySkipped(verdict.reason());
                }
                case REAUTHORIZE -> throw new CredentialsRejected(verdict.reason(), failure);
                default -> throw failure;
            }
        }
    }

    private static void read(SyncRun run, CrmEntity entity) {
        String thread = "sync-" + run.connection().crm.name().toLowerCase(Locale.ROOT) + "-" + entity.name();
        for (EntityStream stream : entity.streams()) {
            boolean ownCursor = stream.cursorKey().equals(entity.name());
            Optional<SyncCursor> from = run.cursor(stream.cursorKey());
            SyncCursor unorderedNewest = null;
            try (var pages = new PrefetchingIterator<>(stream.pages(from), thread)) {
                while (pages.hasNext()) {
                    StreamPage page = pages.next();
                    if (page.ordered() && ownCursor) {
                        run.publish(SyncRun.Page.of(entity.name(), entity.topic(), page.batch(), page.newest()));
                        continue;
                    }
                    run.publish(SyncRun.Page.of(entity.name(), entity.topic(), page.batch(), null));
                    if (page.ordered() && page.newest() != null) {
                        run.publish(SyncRun.Page.cursorOnly(stream.cursorKey(), entity.topic(), page.newest()));
                    } else {
                        unorderedNewest = later(unorderedNewest, page.newest(), stream.order());
                    }
                }
            }
            if (unorderedNewest != null) {
                // An unordered read is complete only at its end: before, a restart could skip what it had not read.
                run.publish(SyncRun.Page.cursorOnly(stream.cursorKey(), entity.topic(), unorderedNewest));
            }
        }
    }

    private static SyncCursor later(SyncCursor a, SyncCursor b, Comparator<SyncCursor> order) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return order.compare(b, a) > 0 ? b : a;
    }

    /** An entity the CRM does not let the connection read; reported, not a failure. */
    private static final class EntitySkipped extends RuntimeException {
        EntitySkipped(String reason) {
            super(reason, null, false, false);
        }
    }
}
