package dev.ledgerline.connector.hubspot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An incremental read through the search API: every object of a type modified at or after {@code modifiedSince},
 * in ascending (last-modified, id) order.
 *
 * @param type          the object type; its last-modified property is filtered and sorted on
 * @param modifiedSince lower bound, inclusive
 * @param properties    properties to return
 * @param pageSize      results per request, at most 200
 */
public record SearchQuery(HubSpotObjectType type, Instant modifiedSince, List<String> properties, int pageSize) {

    public static final int MAX_PAGE_SIZE = 200;

    public SearchQuery {
        properties = List.copyOf(properties);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be within 1.." + MAX_PAGE_SIZE);
        }
    }

    /**
     * Changes since a stored cursor, re-reading {@code lookback} before it: search is eventually consistent and
     * indexes records late, so a record modified just before the cursor may not have been visible last time.
     */
    public static SearchQuery changedSince(HubSpotObjectType type, Instant cursor, Duration lookback,
                                           List<String> properties) {
        return new SearchQuery(type, cursor.minus(lookback), properties, MAX_PAGE_SIZE);
    }
}
