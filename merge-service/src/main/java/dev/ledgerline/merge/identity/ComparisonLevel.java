package dev.ledgerline.merge.identity;

/**
 * How two records' values of one field compare. MISSING (either side has no value) weighs nothing; the other
 * levels weigh log2(m / u) with the model's probabilities.
 */
public enum ComparisonLevel {
    EXACT,
    CLOSE,
    DIFFERENT,
    MISSING
}
