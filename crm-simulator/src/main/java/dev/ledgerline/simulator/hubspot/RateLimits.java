package dev.ledgerline.simulator.hubspot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HubSpot's request budgets, per app and portal (here: per credential): a rolling ten-second budget and a per-second
 * budget for ordinary calls, announced in {@code X-HubSpot-RateLimit-*} headers on every answer, and a per-second
 * budget of its own for search, whose answers carry no such headers. A request over a budget is refused with 429 and
 * counts against nothing; HubSpot sends no {@code Retry-After} with it.
 */
final class RateLimits {
    static final int TEN_SECONDS_MILLIS = 10_000;

    /** The budgets: requests per rolling ten seconds, per second, and searches per second. */
    record Limits(int perTenSeconds, int perSecond, int searchesPerSecond) {
        Limits {
            if (perTenSeconds < 1 || perSecond < 1 || searchesPerSecond < 1) {
                throw new IllegalArgumentException("rate limits must be positive: " + perTenSeconds + " per 10 s, "
                        + perSecond + " per second, " + searchesPerSecond + " searches per second");
            }
        }
    }

    /** What a request drew: the policy that refused it (null when admitted) and the headers to answer with. */
    record Outcome(String refusedBy, Map<String, String> headers) {
        boolean admitted() {
            return refusedBy == null;
        }
    }

    static final String SECONDLY = "SECONDLY";
    static final String TEN_SECONDLY_ROLLING = "TEN_SECONDLY_ROLLING";

    private final Limits limits;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    RateLimits(Limits limits) {
        this.limits = limits;
    }

    /** Draws one ordinary request of a credential from its budgets at {@code nowMillis}. */
    Outcome call(String credential, long nowMillis) {
        return budgets.computeIfAbsent(credential, key -> new Budget(limits)).call(nowMillis);
    }

    /** Draws one search request. */
    Outcome search(String credential, long nowMillis) {
        return budgets.computeIfAbsent(credential, key -> new Budget(limits)).search(nowMillis);
    }

    private static final class Budget {
        private final Limits limits;
        private final Window tenSeconds;
        private final Window second;
        private final Window searches;

        Budget(Limits limits) {
            this.limits = limits;
            this.tenSeconds = new Window(limits.perTenSeconds(), TEN_SECONDS_MILLIS);
            this.second = new Window(limits.perSecond(), 1000);
            this.searches = new Window(limits.searchesPerSecond(), 1000);
        }

        synchronized Outcome call(long now) {
            String refusedBy = !second.hasRoom(now) ? SECONDLY : !tenSeconds.hasRoom(now) ? TEN_SECONDLY_ROLLING : null;
            if (refusedBy == null) {
                second.add(now);
                tenSeconds.add(now);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-HubSpot-RateLimit-Max", String.valueOf(limits.perTenSeconds()));
            headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", String.valueOf(TEN_SECONDS_MILLIS));
            headers.put("X-HubSpot-RateLimit-Remaining", String.valueOf(tenSeconds.remaining()));
            headers.put("X-HubSpot-RateLimit-Secondly", String.valueOf(limits.perSecond()));
            headers.put("X-HubSpot-RateLimit-Secondly-Remaining", String.valueOf(second.remaining()));
            return new Outcome(refusedBy, headers);
        }

        synchronized Outcome search(long now) {
            if (!searches.hasRoom(now)) {
                return new Outcome(SECONDLY, Map.of());
            }
            searches.add(now);
            return new Outcome(null, Map.of());
        }
    }

    /** At most {@code limit} requests in any span of {@code lengthMillis}. */
    private static final class Window {
        private final int limit;
        private final long lengthMillis;
        private final Deque<Long> admitted = new ArrayDeque<>();

        Window(int limit, long lengthMillis) {
            this.limit = limit;
            this.lengthMillis = lengthMillis;
        }

        boolean hasRoom(long now) {
            while (!admitted.isEmpty() && admitted.peekFirst() <= now - lengthMillis) {
                admitted.removeFirst();
            }
            return admitted.size() < limit;
        }

        void add(long now) {
            admitted.addLast(now);
        }

        int remaining() {
            return Math.max(0, limit - admitted.size());
        }
    }
}
