package dev.ledgerline.merge.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine decided for one record. The service turns it into a link, a review item or a new customer.
 *
 * @param identity      the record as normalised: what the service stores in the index once it is linked
 * @param outcome       LINK (to {@link #customerId()}), REVIEW (with candidates), NO_MATCH (a new customer when
 *                      auto-merge is on, a review item when off), INSUFFICIENT_IDENTITY (nothing to match on)
 * @param linkReason    why a LINK was made, null for other outcomes
 * @param customerId    the linked customer for LINK, null otherwise
 * @param candidates    for LINK the deciding candidate first; for REVIEW the candidates above the review threshold,
 *                      best first; empty otherwise
 * @param skippedKeys   blocking keys too common to expand, with the number of records sharing each
 * @param comparedRecords how many candidate records were scored
 */
public record Resolution(NormalizedIdentity identity, Outcome outcome, LinkReason linkReason, String customerId, List<Candidate> candidates,
        Map<String, Long> skippedKeys, int comparedRecords) {

    public Resolution {
        candidates = List.copyOf(candidates);
        skippedKeys = Map.copyOf(skippedKeys);
    }

    public enum Outcome {
        LINK,
        REVIEW,
        NO_MATCH,
        INSUFFICIENT_IDENTITY
    }

    public enum LinkReason {
        /** The same CRM record was resolved before (an update of it). */
        SAME_SOURCE_RECORD,
        /** A personal email equal after normalisation (the exact match). */
        SAME_EMAIL,
        /** The match weight reached the tenant's auto-link threshold, and no other customer did. */
        SCORE_ABOVE_AUTO_LINK_THRESHOLD
    }

    public Optional<Candidate> best() {
        return candidates.stream().findFirst();
    }

    static Resolution insufficientIdentity(NormalizedIdentity identity) {
        return new Resolution(identity, Outcome.INSUFFICIENT_IDENTITY, null, null, List.of(), Map.of(), 0);
    }
}
