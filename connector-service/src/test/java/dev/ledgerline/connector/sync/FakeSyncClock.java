package dev.ledgerline.connector.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that stands still until someone sleeps, and remembers every sleep. */
public final class FakeSyncClock implements SyncClock {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public FakeSyncClock(Instant start) {
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

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
