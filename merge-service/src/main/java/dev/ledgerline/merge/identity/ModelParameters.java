package dev.ledgerline.merge.identity;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Fellegi–Sunter model of one kind of identity in one tenant: the prior probability λ that a compared
 * (blocked) pair is a match, and m/u probabilities per field and level. {@link #priors(IdentityKind)} are the
 * defaults a tenant uses until it has enough records for {@link ParameterEstimator} to estimate its own.
 */
public record ModelParameters(IdentityKind kind, double lambda, Map<MatchField, LevelProbabilities> fields) {

    public ModelParameters {
        Objects.requireNonNull(kind, "kind");
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda must be in (0, 1): " + lambda);
        }
        fields = Map.copyOf(new EnumMap<>(fields));
        for (MatchField field : MatchField.fieldsOf(kind)) {
            if (!fields.containsKey(field)) {
                throw new IllegalArgumentException("no probabilities for " + field);
            }
        }
    }

    public LevelProbabilities of(MatchField field) {
        return fields.get(field);
    }

    /** log2(λ / (1 − λ)): where the score starts before any field is compared. */
    public double priorWeight() {
        return LevelProbabilities.log2(lambda / (1 - lambda));
    }

    /**
     * Documented defaults (merge-service README): the estimates of {@link ParameterEstimator} on a generated tenant of
     * 10,000 people and 3,000 companies, rounded towards caution (disagreement a little likelier among matches than
     * estimated, since real CRMs are messier than any generator).
     */
    public static ModelParameters priors(IdentityKind kind) {
        Map<MatchField, LevelProbabilities> fields = new EnumMap<>(MatchField.class);
        if (kind == IdentityKind.PERSON) {
            fields.put(MatchField.FIRST_NAME, levels(0.79, 0.18, 0.03, 0.006, 0.003, 0.991));
            fields.put(MatchField.LAST_NAME, levels(0.80, 0.17, 0.03, 0.002, 0.001, 0.997));
            fields.put(MatchField.EMAIL, levels(0.90, 0.01, 0.09, 0.0001, 0.00001, 0.99989));
            fields.put(MatchField.PHONE, twoLevels(0.95, 0.0001));
            fields.put(MatchField.EMPLOYER, levels(0.97, 0.01, 0.02, 0.001, 0.0001, 0.9989));
            fields.put(MatchField.ADDRESS, levels(0.20, 0.50, 0.30, 0.0001, 0.03, 0.9699));
            return new ModelParameters(kind, 0.1, fields);
        }
        fields.put(MatchField.COMPANY_NAME, levels(0.93, 0.06, 0.01, 0.0005, 0.0002, 0.9993));
        fields.put(MatchField.DOMAIN, levels(0.97, 0.02, 0.01, 0.0003, 0.0001, 0.9996));
        fields.put(MatchField.PHONE, twoLevels(0.80, 0.0002));
        fields.put(MatchField.ADDRESS, levels(0.70, 0.08, 0.22, 0.0003, 0.03, 0.9697));
        return new ModelParameters(kind, 0.2, fields);
    }

    private static LevelProbabilities levels(double mExact, double mClose, double mDifferent,
            double uExact, double uClose, double uDifferent) {
        return new LevelProbabilities(
                Map.of(ComparisonLevel.EXACT, mExact, ComparisonLevel.CLOSE, mClose, ComparisonLevel.DIFFERENT, mDifferent),
                Map.of(ComparisonLevel.EXACT, uExact, ComparisonLevel.CLOSE, uClose, ComparisonLevel.DIFFERENT, uDifferent));
    }

    private static LevelProbabilities twoLevels(double mExact, double uExact) {
        return new LevelProbabilities(
                Map.of(ComparisonLevel.EXACT, mExact, ComparisonLevel.DIFFERENT, 1 - mExact),
                Map.of(ComparisonLevel.EXACT, uExact, ComparisonLevel.DIFFERENT, 1 - uExact));
    }
}
