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

    /** Documented defaults (merge-service README), chosen from the generated benchmark populations and common sense. */
    public static ModelParameters priors(IdentityKind kind) {
        Map<MatchField, LevelProbabilities> fields = new EnumMap<>(MatchField.class);
        if (kind == IdentityKind.PERSON) {
            fields.put(MatchField.FIRST_NAME, levels(0.82, 0.15, 0.03, 0.01, 0.02, 0.97));
            fields.put(MatchField.LAST_NAME, levels(0.85, 0.12, 0.03, 0.002, 0.004, 0.994));
            fields.put(MatchField.EMAIL, levels(0.55, 0.10, 0.35, 0.0001, 0.0002, 0.9997));
            fields.put(MatchField.PHONE, twoLevels(0.65, 0.0005));
            fields.put(MatchField.EMPLOYER, levels(0.80, 0.05, 0.15, 0.01, 0.005, 0.985));
            fields.put(MatchField.ADDRESS, levels(0.55, 0.25, 0.20, 0.002, 0.03, 0.968));
            return new ModelParameters(kind, 0.05, fields);
        }
        fields.put(MatchField.COMPANY_NAME, levels(0.70, 0.25, 0.05, 0.002, 0.01, 0.988));
        fields.put(MatchField.DOMAIN, levels(0.85, 0.05, 0.10, 0.001, 0.002, 0.997));
        fields.put(MatchField.PHONE, twoLevels(0.65, 0.0005));
        fields.put(MatchField.ADDRESS, levels(0.55, 0.25, 0.20, 0.002, 0.03, 0.968));
        return new ModelParameters(kind, 0.05, fields);
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
