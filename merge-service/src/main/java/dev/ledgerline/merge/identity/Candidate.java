package dev.ledgerline.merge.identity;

/**
 * An existing customer that the resolved record may belong to: the customer's best matching record and why.
 *
 * @param matchedRecord the customer's record that scored best against the incoming one
 * @param reason        one line for a reviewer: the decisive agreements, e.g. "same email j.doe@acme.com"
 */
public record Candidate(String customerId, RecordRef matchedRecord, MatchExplanation explanation, String reason) {

    public double weight() {
        return explanation.totalWeight();
    }
}
