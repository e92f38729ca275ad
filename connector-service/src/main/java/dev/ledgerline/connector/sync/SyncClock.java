package dev.ledgerline.connector.sync;

import java.time.Duration;
import java.time.Instant;

/** Time as the sync machinery sees it: reading it and waiting for it, so that tests can do both without real sleeps. */
public interface SyncClock {

    SyncClock SYSTEM = new SyncClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };

    Instant now();

    void sleep(Duration duration) throws InterruptedException;
}
