package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.sync.SyncClock;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The request budget of one connection (one HubSpot portal and app). Requests wait before they are sent rather than
 * run into 429s: each budget is a sliding log of send times per window, sized from HubSpot's defaults and then from
 * the {@code X-HubSpot-RateLimit-*} headers of every response. When HubSpot reports fewer remaining requests than
 * the log accounts for (other clients of the same app, or clock skew), the log is padded so that we wait as HubSpot
 * counts. Search has a budget of its own (about 5 per second) and its responses carry no rate-limit headers.
 */
public final class HubSpotRateLimiter {

    /** Which budget a request draws on. */
    public enum Budget {
        STANDARD, SEARCH
    }

    static final String MAX = "X-HubSpot-RateLimit-Max";
    static final String INTERVAL_MILLIS = "X-HubSpot-RateLimit-Interval-Milliseconds";
    static final String REMAINING = "X-HubSpot-RateLimit-Remaining";
    static final String SECONDLY = "X-HubSpot-RateLimit-Secondly";
    static final String SECONDLY_REMAINING = "X-HubSpot-RateLimit-Secondly-Remaining";

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final SyncClock clock;
    private final Window interval = new Window(110, Duration.ofSeconds(10));
    private final Window secondly = new Window(11, SECOND);
    private final Window search = new Window(5, SECOND);

    public HubSpotRateLimiter(SyncClock clock) {
        this.clock = clock;
    }

    /** Waits until the budget allows one more request and counts it as sent. */
    public void acquire(Budget budget) throws InterruptedException {
        List<Window> windows = windowsOf(budget);
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.now();
                wait = windows.stream().map(window -> window.waitBeforeNext(now)).max(Duration::compareTo)
                        .orElse(Duration.ZERO);
                if (wait.isZero()) {
                    windows.forEach(window -> window.sent(now));
                    return;
                }
            }
            clock.sleep(wait);
        }
    }

    /** Adopts the limits and remaining counts HubSpot reported with a response (429s included). */
    public synchronized void onResponse(Budget budget, HttpHeaders headers) {
        if (budget != Budget.STANDARD) {
            return;
        }
        Instant now = clock.now();
        OptionalLong max = longHeader(headers, MAX);
        OptionalLong millis = longHeader(headers, INTERVAL_MILLIS);
        if (max.isPresent() && millis.isPresent()) {
            interval.resize((int) max.getAsLong(), Duration.ofMillis(millis.getAsLong()));
        }
        longHeader(headers, SECONDLY).ifPresent(limit -> secondly.resize((int) limit, SECOND));
        longHeader(headers, REMAINING).ifPresent(remaining -> interval.reportedRemaining((int) remaining, now));
        longHeader(headers, SECONDLY_REMAINING).ifPresent(remaining -> secondly.reportedRemaining((int) remaining, now));
    }

    private List<Window> windowsOf(Budget budget) {
        return budget == Budget.SEARCH ? List.of(search) : List.of(secondly, interval);
    }

    private static OptionalLong longHeader(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException malformed) {
            return OptionalLong.empty();
        }
    }

    /**
     * A sliding window: at most {@code limit} requests within any span of {@code length}. HubSpot counts requests when
     * they arrive, a little and unevenly later than they leave here, so a slot frees only after the window plus a
     * 3 % margin; without it a benchmark at the limit drew a 429 every 26 requests, each costing a backoff.
     */
    private static final class Window {
        private static final double ARRIVAL_MARGIN = 0.03;

        private int limit;
        private Duration length;
        private final Deque<Instant> sendTimes = new ArrayDeque<>();

        Window(int limit, Duration length) {
            this.limit = limit;
            this.length = length;
        }

        void resize(int newLimit, Duration newLength) {
            limit = Math.max(1, newLimit);
            length = newLength;
        }

        Duration waitBeforeNext(Instant now) {
            forgetBefore(now);
            if (sendTimes.size() < limit) {
                return Duration.ZERO;
            }
            // The oldest requests beyond the limit must leave the window first.
            Instant freeAt = sendTimes.stream().skip(sendTimes.size() - limit).findFirst().orElseThrow()
                    .plus(length).plusMillis(Math.round(length.toMillis() * ARRIVAL_MARGIN));
            return Duration.between(now, freeAt);
        }

        void sent(Instant now) {
            sendTimes.addLast(now);
        }

        void reportedRemaining(int remaining, Instant now) {
            forgetBefore(now);
            while (sendTimes.size() < limit - remaining) {
                sendTimes.addLast(now);
            }
        }

        private void forgetBefore(Instant now) {
            Instant start = now.minus(length);
            while (!sendTimes.isEmpty() && !sendTimes.peekFirst().isAfter(start)) {
                sendTimes.removeFirst();
            }
        }
    }
}
