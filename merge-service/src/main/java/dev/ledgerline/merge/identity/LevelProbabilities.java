package dev.ledgerline.merge.identity;

import java.util.EnumMap;
import java.util.Map;

/**
 * Fellegi–Sunter probabilities of one field's comparison levels: m = P(level | the records are the same
 * person or company), u = P(level | they are not). Both are over the levels other than MISSING and sum to 1.
 */
public record LevelProbabilities(Map<ComparisonLevel, Double> m, Map<ComparisonLevel, Double> u) {

    public LevelProbabilities {
        m = Map.copyOf(new EnumMap<>(m));
        u = Map.copyOf(new EnumMap<>(u));
    }

    public double m(ComparisonLevel level) {
        return m.get(level);
    }

    public double u(ComparisonLevel level) {
        return u.get(level);
    }

    /** log2(m / u): positive when the level is evidence of a match, negative when it is evidence against. */
    public double weight(ComparisonLevel level) {
        return level == ComparisonLevel.MISSING ? 0.0 : log2(m(level) / u(level));
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
