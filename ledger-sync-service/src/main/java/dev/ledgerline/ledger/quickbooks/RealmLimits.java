package dev.ledgerline.ledger.quickbooks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Intuit's limits per company (realm), for the requests of this instance (a company is pushed by one instance at a
 * time, see {@link QuickBooksWorker}): at most {@code maxConcurrent} requests in flight, and request starts spaced
 * by 60 s / {@code perMinute}, so that no minute, however it is cut, holds more than {@code perMinute} (+1) starts.
 * A 429 pauses the realm's starts for its Retry-After.
 */
final class RealmLimits {
    private final int maxConcurrent;
    private final long spacingNanos;
    private final Map<String, Realm> realms = new ConcurrentHashMap<>();

    RealmLimits(int perMinute, int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
        this.spacingNanos = Duration.ofMinutes(1).toNanos() / perMinute;
    }

    /** Runs one request of the realm within its limits. */
    <T> T call(String realmId, Supplier<T> request) {
        Realm realm = realms.computeIfAbsent(realmId, id -> new Realm(new Semaphore(maxConcurrent, true)));
        try {
            realm.permits().acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuickBooksException.Unreachable("interrupted while waiting for the realm's limits");
        }
        try {
            realm.awaitStart(spacingNanos);
            return request.get();
        } finally {
            realm.permits().release();
        }
    }

    /** No request of the realm starts before {@code pause} has passed (a 429's Retry-After). */
    void pause(String realmId, Duration pause) {
        Realm realm = realms.get(realmId);
        if (realm != null) {
            realm.pauseFor(pause.toNanos());
        }
    }

    private static final class Realm {
        private final Semaphore permits;
        private long nextStart = System.nanoTime();

        Realm(Semaphore permits) {
            this.permits = permits;
        }

        Semaphore permits() {
            return permits;
        }

        void awaitStart(long spacing) {
            long start;
            synchronized (this) {
                start = Math.max(nextStart, System.nanoTime());
                nextStart = start + spacing;
            }
            long wait = start - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QuickBooksException.Unreachable("interrupted while waiting for the realm's limits");
                }
            }
        }

        synchronized void pauseFor(long nanos) {
            nextStart = Math.max(nextStart, System.nanoTime() + nanos);
        }
    }
}
