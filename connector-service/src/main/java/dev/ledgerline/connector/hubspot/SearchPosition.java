package dev.ledgerline.connector.hubspot;

import java.time.Instant;
import java.util.Comparator;

/**
 * A place in the search order (last-modified time, then object id). Ids are numeric in HubSpot and compared as
 * numbers, so that "99" comes before "100" as {@code hs_object_id} sorts them.
 */
public record SearchPosition(Instant modifiedAt, String id) implements Comparable<SearchPosition> {

    private static final Comparator<String> NUMERIC_ID =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
    private static final Comparator<SearchPosition> ORDER =
            Comparator.comparing(SearchPosition::modifiedAt).thenComparing(SearchPosition::id, NUMERIC_ID);

    @Override
    public int compareTo(SearchPosition other) {
        return ORDER.compare(this, other);
    }
}
