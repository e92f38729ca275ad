package dev.ledgerline.merge.identity;

import java.util.Locale;

/**
 * A field comparison with its weight, as a reviewer reads it: what was compared, the level, m and the u that was
 * used (the term frequency of the shared value when the weight was adjusted), and log2(m / u).
 *
 * @param termFrequencyAdjusted whether u is the shared value's frequency in the tenant instead of the level's average
 */
public record WeightedComparison(FieldComparison comparison, double m, double u, boolean termFrequencyAdjusted,
        double weight) {

    public String describe() {
        FieldComparison c = comparison;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-13s %-9s %+6.2f  '%s' vs '%s'",
                c.field(), c.level(), weight, c.left(), c.right()));
        if (c.level() != ComparisonLevel.MISSING) {
            line.append(String.format(Locale.ROOT, "  (m %.4g, u %.4g%s)", m, u,
                    termFrequencyAdjusted ? " = frequency of '" + c.termValue() + "'" : ""));
        }
        if (c.note() != null) {
            line.append("  ").append(c.note());
        }
        return line.toString();
    }
}
