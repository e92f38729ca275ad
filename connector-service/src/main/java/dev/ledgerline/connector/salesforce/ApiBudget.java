package dev.ledgerline.connector.salesforce;

import dev.ledgerline.connector.sync.RunStopped;
import java.net.http.HttpHeaders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The share of the org's daily API limit one run may spend. Every Salesforce response carries the org's rolling
 * 24-hour usage ({@code Sforce-Limit-Info: api-usage=USED/MAX}), counting every client of the org, not just this
 * one. The first answer of a run fixes the run's allowance: {@code share} of what was left then. Once the usage
 * reported reaches it, the next call is not sent and the run stops ({@link RunStopped}); the next run goes on from
 * the cursors, with a new allowance. Thread-safe: a run's reads and its read-ahead share one budget.
 */
final class ApiBudget {
    static final String HEADER = "Sforce-Limit-Info";
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final double share;
    private long usedAtStart = -1;
    private long stopAt = Long.MAX_VALUE;
    private long used;
    private long max;

    ApiBudget(double share) {
        if (share <= 0 || share > 1) {
            throw new IllegalArgumentException("the API budget share must be in (0, 1], not " + share);
        }
        this.share = share;
    }

    /** Adopts the usage a response reported. */
    synchronized void observe(HttpHeaders headers) {
        headers.firstValue(HEADER).ifPresent(value -> {
            Matcher usage = API_USAGE.matcher(value);
            if (!usage.find()) {
                return;
            }
            used = Long.parseLong(usage.group(1));
            max = Long.parseLong(usage.group(2));
            if (usedAtStart < 0) {
                usedAtStart = used;
                stopAt = used + (long) Math.floor(share * Math.max(0, max - used));
            }
        });
    }

    /** Refuses the next call once the run has spent its share of what was left. */
    synchronized void beforeCall() {
        if (usedAtStart >= 0 && used >= stopAt) {
            throw new RunStopped(String.format("stopped at the API budget: the org has used %d of its %d daily API calls;"
                            + " this run may spend %.0f %% of the %d that were left when it started; the next run goes on"
                            + " from here", used, max, share * 100, Math.max(0, max - usedAtStart)));
        }
    }
}
