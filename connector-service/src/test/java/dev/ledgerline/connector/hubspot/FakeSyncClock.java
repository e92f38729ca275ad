package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.sync.SyncClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that stands still until someone sleeps, and remembers every sleep. */
final class FakeSyncClock implements SyncClock {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeSyncClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
