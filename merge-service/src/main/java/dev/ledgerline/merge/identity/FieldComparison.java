package dev.ledgerline.merge.identity;

/**
 * One field of two records compared: the normalised values that decided the level, and for an EXACT level of a
 * term-frequency field the value whose frequency in the tenant adjusts the weight.
 *
 * @param left      the incoming record's value that was compared (normalised), empty when missing
 * @param right     the candidate's value (normalised), empty when missing
 * @param termValue the shared value whose frequency counts, or null when the weight is not term-frequency adjusted
 * @param note      why a CLOSE level was given (nickname, transliteration, similarity …), or null
 */
public record FieldComparison(MatchField field, ComparisonLevel level, String left, String right, String termValue,
        String note) {

    static FieldComparison missing(MatchField field, String left, String right) {
        return new FieldComparison(field, ComparisonLevel.MISSING, left, right, null, null);
    }
}
