package dev.ledgerline.merge.identity;

import java.util.List;
import java.util.Map;

/**
 * What a lookup by blocking keys found: the distinct records sharing at least one key, and the keys that were
 * skipped because more records share them than the lookup allows (a common name, a switchboard number), with
 * how many records share each.
 */
public record CandidateLookup(List<IndexedIdentity> candidates, Map<String, Long> skippedKeys) {

    public CandidateLookup {
        candidates = List.copyOf(candidates);
        skippedKeys = Map.copyOf(skippedKeys);
    }
}
