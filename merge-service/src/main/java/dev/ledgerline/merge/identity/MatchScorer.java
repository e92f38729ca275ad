package dev.ledgerline.merge.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns field comparisons into weights with a tenant's {@link ModelParameters} and its {@link TermFrequencies}
 * (Fellegi–Sunter with Splink's term-frequency adjustment: for an EXACT level of a name, company, email domain or
 * phone, u is the shared value's frequency among the tenant's records instead of the level's average).
 */
public final class MatchScorer {

    private final int minRecordsForTermFrequencies;
    private final double minTermFrequency;

    /**
     * @param minRecordsForTermFrequencies below this many records with the field, frequencies are too noisy: the
     *                                     level's u is used
     * @param minTermFrequency             floor of a value's frequency, so a value seen once does not weigh without limit
     */
    public MatchScorer(int minRecordsForTermFrequencies, double minTermFrequency) {
        this.minRecordsForTermFrequencies = minRecordsForTermFrequencies;
        this.minTermFrequency = minTermFrequency;
    }

    public MatchExplanation score(List<FieldComparison> comparisons, ModelParameters model, TermFrequencies frequencies) {
        List<WeightedComparison> weighted = new ArrayList<>(comparisons.size());
        for (FieldComparison comparison : comparisons) {
            weighted.add(weigh(comparison, model.of(comparison.field()), frequencies));
        }
        return new MatchExplanation(model.priorWeight(), weighted);
    }

    private WeightedComparison weigh(FieldComparison comparison, LevelProbabilities probabilities,
            TermFrequencies frequencies) {
        ComparisonLevel level = comparison.level();
        if (level == ComparisonLevel.MISSING) {
            return new WeightedComparison(comparison, Double.NaN, Double.NaN, false, 0.0);
        }
        double m = probabilities.m(level);
        double u = probabilities.u(level);
        boolean adjusted = false;
        if (level == ComparisonLevel.EXACT && comparison.termValue() != null) {
            long records = frequencies.records(comparison.field());
            if (records >= minRecordsForTermFrequencies) {
                long count = Math.max(1, frequencies.count(comparison.field(), comparison.termValue()));
                u = Math.max((double) count / records, minTermFrequency);
                adjusted = true;
            }
        }
        double weight = LevelProbabilities.log2(m / u);
        if (comparison.field() == MatchField.DOMAIN && level == ComparisonLevel.CLOSE) {
            // The same name under another country's domain (acme.de, acme.es) is as often a sister company as the
            // same one. Its u comes from random pairs, which almost never share a domain label, but the pairs that
            // reach scoring were blocked on the name: weighted by m/u it made two national companies one customer.
            // It may count against a match, never for one, so that such a pair goes to review.
            weight = Math.min(weight, 0.0);
        }
        return new WeightedComparison(comparison, m, u, adjusted, weight);
    }
}
