package dev.ledgerline.merge.identity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Estimates a tenant's {@link ModelParameters} from its own unlabelled records, as Splink does: u from random pairs
 * (almost all of which are non-matches), then λ and m by expectation–maximisation over the blocked pairs with u
 * held fixed (blocked non-matches share keys, so their agreement says nothing about u). Deterministic for a seed.
 * With fewer records than {@code minRecords} the priors are kept; a field whose estimate makes agreement evidence
 * against a match (m < u for EXACT) keeps its prior too.
 */
public final class ParameterEstimator {

    private static final double SMOOTHING = 0.5;
    private static final double FLOOR = 1e-6;

    private final int minRecords;
    private final int randomPairs;
    private final int maxBlockedPairs;
    private final int maxPerBlockingKey;
    private final int maxIterations;
    private final double tolerance;

    public ParameterEstimator(int minRecords, int randomPairs, int maxBlockedPairs, int maxPerBlockingKey,
            int maxIterations, double tolerance) {
        this.minRecords = minRecords;
        this.randomPairs = randomPairs;
        this.maxBlockedPairs = maxBlockedPairs;
        this.maxPerBlockingKey = maxPerBlockingKey;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** 1,000 records at least; 200,000 random pairs; 500,000 blocked pairs; 100 iterations to a change below 1e-5. */
    public static ParameterEstimator withDefaults() {
        return new ParameterEstimator(1_000, 200_000, 500_000, MatchSettings.DEFAULT_MAX_PER_BLOCKING_KEY, 100, 1e-5);
    }

    /**
     * @param estimated  false when the priors were kept (too few records)
     * @param iterations EM iterations run
     * @param converged  whether the largest change fell below the tolerance
     * @param keptPriors fields whose estimate was rejected for their prior
     */
    public record Estimate(ModelParameters parameters, boolean estimated, int iterations, boolean converged,
            int blockedPairs, int randomPairs, Set<MatchField> keptPriors) {
    }

    public Estimate estimate(IdentityKind kind, List<NormalizedIdentity> records, ModelParameters priors, long seed) {
        if (records.size() < minRecords) {
            return new Estimate(priors, false, 0, false, 0, 0, Set.of());
        }
        List<MatchField> fields = MatchField.fieldsOf(kind);
        RecordComparator comparator = new RecordComparator();
        SplittableRandom random = new SplittableRandom(seed);

        Map<MatchField, Map<ComparisonLevel, Double>> u = new EnumMap<>(MatchField.class);
        for (MatchField field : fields) {
            u.put(field, new EnumMap<>(ComparisonLevel.class));
        }
        for (int i = 0; i < randomPairs; i++) {
            int a = random.nextInt(records.size());
            int b = random.nextInt(records.size() - 1);
            if (b >= a) {
                b++;
            }
            for (FieldComparison c : comparator.compare(records.get(a), records.get(b))) {
                if (c.level() != ComparisonLevel.MISSING) {
                    u.get(c.field()).merge(c.level(), 1.0, Double::sum);
                }
            }
        }
        for (MatchField field : fields) {
            u.put(field, normalised(u.get(field), field));
        }

        List<byte[]> vectors = blockedComparisons(records, fields, comparator, random);
        double lambda = priors.lambda();
        Map<MatchField, Map<ComparisonLevel, Double>> m = new EnumMap<>(MatchField.class);
        for (MatchField field : fields) {
            m.put(field, new EnumMap<>(priors.of(field).m()));
        }
        int iteration = 0;
        boolean converged = false;
        ComparisonLevel[] levels = ComparisonLevel.values();
        while (iteration < maxIterations && !converged) {
            iteration++;
            double matches = 0;
            double[][] levelMass = new double[fields.size()][levels.length];
            for (byte[] vector : vectors) {
                double logMatch = Math.log(lambda);
                double logNonMatch = Math.log(1 - lambda);
                for (int f = 0; f < fields.size(); f++) {
                    ComparisonLevel level = levels[vector[f]];
                    if (level != ComparisonLevel.MISSING) {
                        logMatch += Math.log(m.get(fields.get(f)).get(level));
                        logNonMatch += Math.log(u.get(fields.get(f)).get(level));
                    }
                }
                double posterior = 1 / (1 + Math.exp(logNonMatch - logMatch));
                matches += posterior;
                for (int f = 0; f < fields.size(); f++) {
                    levelMass[f][vector[f]] += posterior;
                }
            }
            double change = Math.abs(matches / vectors.size() - lambda);
            lambda = clamp(matches / vectors.size());
            for (int f = 0; f < fields.size(); f++) {
                MatchField field = fields.get(f);
                Map<ComparisonLevel, Double> counts = new EnumMap<>(ComparisonLevel.class);
                for (ComparisonLevel level : field.levels()) {
                    counts.put(level, levelMass[f][level.ordinal()]);
                }
                Map<ComparisonLevel, Double> next = normalised(counts, field);
                for (ComparisonLevel level : field.levels()) {
                    change = Math.max(change, Math.abs(next.get(level) - m.get(field).get(level)));
                }
                m.put(field, next);
            }
            converged = change < tolerance;
        }

        Map<MatchField, LevelProbabilities> estimated = new EnumMap<>(MatchField.class);
        Set<MatchField> keptPriors = new HashSet<>();
        for (MatchField field : fields) {
            LevelProbabilities probabilities = new LevelProbabilities(m.get(field), u.get(field));
            if (probabilities.weight(ComparisonLevel.EXACT) <= 0) {
                probabilities = priors.of(field);
                keptPriors.add(field);
            }
            estimated.put(field, probabilities);
        }
        return new Estimate(new ModelParameters(kind, lambda, estimated), true, iteration, converged, vectors.size(),
                randomPairs, Set.copyOf(keptPriors));
    }

    /** Level vectors (ordinal per field) of the distinct pairs that share a blocking key, capped like lookups are. */
    private List<byte[]> blockedComparisons(List<NormalizedIdentity> records, List<MatchField> fields,
            RecordComparator comparator, SplittableRandom random) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (String key : BlockingKeys.of(records.get(i))) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> pairs = new HashSet<>();
        List<long[]> ordered = new ArrayList<>();
        blocks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(block -> {
            List<Integer> members = block.getValue();
            if (members.size() > maxPerBlockingKey) {
                return;
            }
            for (int x = 0; x < members.size(); x++) {
                for (int y = x + 1; y < members.size(); y++) {
                    long pair = (long) members.get(x) * records.size() + members.get(y);
                    if (pairs.add(pair)) {
                        ordered.add(new long[] {members.get(x), members.get(y)});
                    }
                }
            }
        });
        // A deterministic sample when there are more pairs than the budget.
        for (int i = ordered.size() - 1; i > 0 && ordered.size() > maxBlockedPairs; i--) {
            int j = random.nextInt(i + 1);
            long[] swap = ordered.get(i);
            ordered.set(i, ordered.get(j));
            ordered.set(j, swap);
        }
        List<long[]> sample = ordered.size() > maxBlockedPairs ? ordered.subList(0, maxBlockedPairs) : ordered;
        List<byte[]> vectors = new ArrayList<>(sample.size());
        for (long[] pair : sample) {
            List<FieldComparison> comparisons = comparator.compare(records.get((int) pair[0]), records.get((int) pair[1]));
            byte[] vector = new byte[fields.size()];
            for (FieldComparison c : comparisons) {
                vector[fields.indexOf(c.field())] = (byte) c.level().ordinal();
            }
            vectors.add(vector);
        }
        return vectors;
    }

    private static Map<ComparisonLevel, Double> normalised(Map<ComparisonLevel, Double> counts, MatchField field) {
        double total = 0;
        for (ComparisonLevel level : field.levels()) {
            total += counts.getOrDefault(level, 0.0) + SMOOTHING;
        }
        Map<ComparisonLevel, Double> probabilities = new EnumMap<>(ComparisonLevel.class);
        for (ComparisonLevel level : field.levels()) {
            probabilities.put(level, clamp((counts.getOrDefault(level, 0.0) + SMOOTHING) / total));
        }
        return probabilities;
    }

    private static double clamp(double p) {
        return Math.min(1 - FLOOR, Math.max(FLOOR, p));
    }
}
