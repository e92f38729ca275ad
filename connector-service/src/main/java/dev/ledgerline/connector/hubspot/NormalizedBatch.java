package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.sync.MissingField;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical records of a page of HubSpot objects, and the objects that could not be normalised.
 *
 * @param missing the fields each record lacks, by external id; records that lack nothing are not listed
 */
public record NormalizedBatch<T>(List<T> records, List<Rejection> rejections, Map<String, Set<MissingField>> missing) {

    public NormalizedBatch {
        records = List.copyOf(records);
        rejections = List.copyOf(rejections);
        missing = Map.copyOf(missing);
    }

    /** What the record with this external id lacks; empty when it lacks nothing. */
    public Set<MissingField> missing(String externalId) {
        return missing.getOrDefault(externalId, Set.of());
    }
}
