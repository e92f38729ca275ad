package dev.ledgerline.merge.identity;

import java.util.Objects;

/**
 * A tenant's matching settings. Thresholds are total match weights (log2 odds, prior included; see
 * {@link MatchExplanation}) per kind of identity, since persons and companies are compared on different fields:
 * weight 10 is a match probability of 0.999, 0 is 0.5.
 *
 * @param person                      thresholds for contacts
 * @param company                     thresholds for accounts
 * @param maxPerBlockingKey           a blocking key shared by more records is skipped (and reported)
 * @param maxReviewCandidates         at most this many candidates in a review item, best first
 * @param reviewWindow                review candidates more than this much weight below the best one are left out
 *                                    (2^window times less likely)
 * @param minRecordsForTermFrequencies below this many records with a field, its value frequencies are not used
 * @param minTermFrequency            floor of a value's frequency in the term-frequency adjustment
 * @param defaultRegion               ISO 3166-1 country for national phone numbers of records without address
 *                                    country; null when the tenant has none
 */
public record MatchSettings(
        Thresholds person,
        Thresholds company,
        int maxPerBlockingKey,
        int maxReviewCandidates,
        double reviewWindow,
        int minRecordsForTermFrequencies,
        double minTermFrequency,
        String defaultRegion) {

    /** Defaults measured on generated populations with EM-estimated parameters (BENCHMARKS.md). */
    public static final Thresholds DEFAULT_PERSON_THRESHOLDS = new Thresholds(22.0, 13.0);
    public static final Thresholds DEFAULT_COMPANY_THRESHOLDS = new Thresholds(16.0, 6.0);
    public static final int DEFAULT_MAX_PER_BLOCKING_KEY = 200;
    public static final int DEFAULT_MAX_REVIEW_CANDIDATES = 5;
    public static final double DEFAULT_REVIEW_WINDOW = 4.0;
    public static final int DEFAULT_MIN_RECORDS_FOR_TERM_FREQUENCIES = 500;
    public static final double DEFAULT_MIN_TERM_FREQUENCY = 1e-5;

    public MatchSettings {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(company, "company");
        if (maxPerBlockingKey < 1 || maxReviewCandidates < 1) {
            throw new IllegalArgumentException("maxPerBlockingKey and maxReviewCandidates must be positive");
        }
    }

    /**
     * @param autoLink a best candidate at or above links without review (when no second customer reaches it too)
     * @param review   candidates at or above go to review
     */
    public record Thresholds(double autoLink, double review) {
        public Thresholds {
            if (review > autoLink) {
                throw new IllegalArgumentException("the review threshold " + review
                        + " is above the auto-link threshold " + autoLink);
            }
        }
    }

    public static MatchSettings defaults(String defaultRegion) {
        return new MatchSettings(DEFAULT_PERSON_THRESHOLDS, DEFAULT_COMPANY_THRESHOLDS, DEFAULT_MAX_PER_BLOCKING_KEY,
                DEFAULT_MAX_REVIEW_CANDIDATES, DEFAULT_REVIEW_WINDOW, DEFAULT_MIN_RECORDS_FOR_TERM_FREQUENCIES,
                DEFAULT_MIN_TERM_FREQUENCY, defaultRegion);
    }

    public Thresholds thresholds(IdentityKind kind) {
        return kind == IdentityKind.PERSON ? person : company;
    }
}
