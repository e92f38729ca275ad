package dev.ledgerline.merge.identity;

/**
 * A tenant's matching settings. Thresholds are total match weights (log2 odds, prior included; see
 * {@link MatchExplanation}): weight 10 is a match probability of 0.999, 0 is 0.5, −3.3 is 0.1.
 *
 * @param autoLinkThreshold           a best candidate at or above links without review (when no second customer
 *                                    reaches it too)
 * @param reviewThreshold             candidates at or above go to review
 * @param maxPerBlockingKey           a blocking key shared by more records is skipped (and reported)
 * @param maxReviewCandidates         at most this many candidates in a review item, best first
 * @param minRecordsForTermFrequencies below this many records with a field, its value frequencies are not used
 * @param minTermFrequency            floor of a value's frequency in the term-frequency adjustment
 * @param defaultRegion               ISO 3166-1 country for national phone numbers of records without address
 *                                    country; null when the tenant has none
 */
public record MatchSettings(
        double autoLinkThreshold,
        double reviewThreshold,
        int maxPerBlockingKey,
        int maxReviewCandidates,
        int minRecordsForTermFrequencies,
        double minTermFrequency,
        String defaultRegion) {

    public static final double DEFAULT_AUTO_LINK_THRESHOLD = 12.0;
    public static final double DEFAULT_REVIEW_THRESHOLD = 0.0;
    public static final int DEFAULT_MAX_PER_BLOCKING_KEY = 200;
    public static final int DEFAULT_MAX_REVIEW_CANDIDATES = 5;
    public static final int DEFAULT_MIN_RECORDS_FOR_TERM_FREQUENCIES = 500;
    public static final double DEFAULT_MIN_TERM_FREQUENCY = 1e-5;

    public MatchSettings {
        if (reviewThreshold > autoLinkThreshold) {
            throw new IllegalArgumentException("the review threshold " + reviewThreshold
                    + " is above the auto-link threshold " + autoLinkThreshold);
        }
        if (maxPerBlockingKey < 1 || maxReviewCandidates < 1) {
            throw new IllegalArgumentException("maxPerBlockingKey and maxReviewCandidates must be positive");
        }
    }

    public static MatchSettings defaults(String defaultRegion) {
        return new MatchSettings(DEFAULT_AUTO_LINK_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, DEFAULT_MAX_PER_BLOCKING_KEY,
                DEFAULT_MAX_REVIEW_CANDIDATES, DEFAULT_MIN_RECORDS_FOR_TERM_FREQUENCIES, DEFAULT_MIN_TERM_FREQUENCY,
                defaultRegion);
    }

    public MatchSettings withThresholds(double autoLink, double review) {
        return new MatchSettings(autoLink, review, maxPerBlockingKey, maxReviewCandidates,
                minRecordsForTermFrequencies, minTermFrequency, defaultRegion);
    }
}
