package dev.ledgerline.merge.resolve;

import dev.ledgerline.merge.identity.Candidate;
import dev.ledgerline.merge.identity.MatchExplanation;
import dev.ledgerline.merge.identity.WeightedComparison;
import java.util.List;

/**
 * A candidate customer as a reviewer reads it (stored as JSON with review items and scored links, returned by the
 * REST API): the total match weight, the prior, and per compared field the normalised values, the level, m, u
 * and the weight log2(m / u).
 */
public record ExplainedCandidate(String customerId, String matchedRecord, double weight, double probability,
        String reason, double priorWeight, List<Field> fields) {

    public record Field(String field, String level, String value, String candidateValue, double m, double u,
            boolean termFrequencyAdjusted, double weight, String note, String line) {
    }

    public static ExplainedCandidate of(Candidate candidate) {
        MatchExplanation explanation = candidate.explanation();
        return new ExplainedCandidate(candidate.customerId(), candidate.matchedRecord().toString(),
                explanation.totalWeight(), explanation.probability(), candidate.reason(), explanation.priorWeight(),
                explanation.comparisons().stream().map(ExplainedCandidate::field).toList());
    }

    private static Field field(WeightedComparison comparison) {
        var c = comparison.comparison();
        return new Field(c.field().name(), c.level().name(), c.left(), c.right(), comparison.m(), comparison.u(),
                comparison.termFrequencyAdjusted(), comparison.weight(), c.note(), comparison.describe());
    }
}
