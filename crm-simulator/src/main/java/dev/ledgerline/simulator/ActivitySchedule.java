package dev.ledgerline.simulator;

import dev.ledgerline.simulator.company.Activity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Lets the company's activity happen on a fixed schedule: event {@code n} at the reference time plus {@code n + 1}
 * intervals. Events that fell due before the simulator started happen at once (at their own times), so that a
 * simulator restarted with the same seed, reference time and rate is the company it was, and then some.
 */
final class ActivitySchedule implements AutoCloseable {
    private final Activity activity;
    private final Instant start;
    private final Duration interval;
    private final Clock clock;
    private final Thread thread;
    private volatile long scheduled;

    ActivitySchedule(Activity activity, Instant start, Duration interval, Clock clock) {
        this.activity = activity;
        this.start = start;
        this.interval = interval;
        this.clock = clock;
        this.thread = new Thread(this::run, "activity");
        this.thread.setDaemon(true);
    }

    /** Lets every event due by now happen; answers how many did. */
    long catchUp() {
        long before = scheduled;
        while (!due(scheduled).isAfter(clock.instant())) {
            activity.next(due(scheduled++));
        }
        return scheduled - before;
    }

    void start() {
        thread.start();
    }

    /** When the next scheduled event is due. */
    Instant next() {
        return due(scheduled);
    }

    private Instant due(long event) {
        return start.plus(interval.multipliedBy(event + 1));
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long wait = Duration.between(clock.instant(), due(scheduled)).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                catchUp();
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
