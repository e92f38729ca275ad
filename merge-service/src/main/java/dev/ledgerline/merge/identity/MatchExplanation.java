package dev.ledgerline.merge.identity;

import java.util.List;
import java.util.Locale;

/**
 * Why two records scored what they did: the prior weight log2(λ / (1 − λ)) plus one weight per compared field.
 * The total is a log2 Bayes factor on the prior odds, so {@link #probability()} = 2^total / (1 + 2^total).
 */
public record MatchExplanation(double priorWeight, List<WeightedComparison> comparisons) {

    public MatchExplanation {
        comparisons = List.copyOf(comparisons);
    }

    public double totalWeight() {
        return priorWeight + comparisons.stream().mapToDouble(WeightedComparison::weight).sum();
    }

    /** The posterior probability that the records are the same person or company. */
    public double probability() {
        double odds = Math.pow(2, totalWeight());
        return Double.isInfinite(odds) ? 1.0 : odds / (1 + odds);
    }

    public WeightedComparison of(MatchField field) {
        return comparisons.stream().filter(c -> c.comparison().field() == field).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + " was not compared"));
    }

    /** A few lines a reviewer can read, one per field, the total first. */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "match weight %+.2f (probability %.4f) = prior %+.2f", totalWeight(), probability(), priorWeight));
        for (WeightedComparison comparison : comparisons) {
            text.append('\n').append(comparison.describe());
        }
        return text.toString();
    }
}
