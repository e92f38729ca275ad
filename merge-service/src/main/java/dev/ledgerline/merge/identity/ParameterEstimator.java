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
 * (almost all of which are non-matches); m by expectation–maximisation in training sessions, each over the pairs
 * of some blocking rules, where the fields those rules block on are left out (pairs that share a name key agree
 * on names whether they match or not, so they cannot teach the names' m); finally λ over the pairs the service
 * compares (all keys) with m and u fixed. Deterministic for a seed. With fewer records than {@code minRecords}
 * the priors are kept; a field whose estimate makes agreement evidence against a match (m &lt; u for EXACT), or that
 * no session could estimate, keeps its prior too.
 */
public final class ParameterEstimator {

    private static final double SMOOTHING = 0.5;
    private static final double FLOOR = 1e-6;

    /** Blocking rules (key prefixes of {@link BlockingKeys}) of one EM session, and the fields they block on. */
    private record Session(Set<String> keyPrefixes, Set<MatchField> blockedFields) {
    }

    private static final Map<IdentityKind, List<Session>> SESSIONS = Map.of(
            IdentityKind.PERSON, List.of(
                    new Session(Set.of("name"), Set.of(MatchField.FIRST_NAME, MatchField.LAST_NAME)),
                    // Not phone: colleagues share a switchboard, and would pass for matches in that session.
                    new Session(Set.of("email"), Set.of(MatchField.EMAIL))),
            IdentityKind.COMPANY, List.of(
                    // A domain is mostly the name (acme.com): pairs blocked on the name agree on it too often.
                    new Session(Set.of("company", "company-sound"), Set.of(MatchField.COMPANY_NAME, MatchField.DOMAIN)),
                    new Session(Set.of("phone"), Set.of(MatchField.PHONE))));

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

    /** 1,000 records at least; 200,000 random pairs; 500,000 pairs per session; 100 iterations to a change below 1e-5. */
    public static ParameterEstimator withDefaults() {
        return new ParameterEstimator(1_000, 200_000, 500_000, MatchSettings.DEFAULT_MAX_PER_BLOCKING_KEY, 100, 1e-5);
    }

    /**
     * @param estimated  false when the priors were kept (too few records)
     * @param iterations EM iterations run, over all sessions
     * @param converged  whether every session's largest change fell below the tolerance
     * @param blockedPairs pairs compared in the sessions and for λ
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
        Map<MatchField, Map<ComparisonLevel, Double>> u = randomPairLevels(records, fields, comparator, random);

        Map<MatchField, Map<ComparisonLevel, Double>> m = new EnumMap<>(MatchField.class);
        int iterations = 0;
        int pairsCompared = 0;
        boolean converged = true;
        for (Session session : SESSIONS.get(kind)) {
            List<byte[]> vectors = comparisons(records, fields, comparator, random, session.keyPrefixes());
            pairsCompared += vectors.size();
            Set<MatchField> estimated = new HashSet<>(fields);
            estimated.removeAll(session.blockedFields());
            estimated.removeAll(m.keySet());
            if (vectors.isEmpty() || estimated.isEmpty()) {
                continue;
            }
            Map<MatchField, Map<ComparisonLevel, Double>> sessionM = new EnumMap<>(MatchField.class);
            for (MatchField field : fields) {
                if (!session.blockedFields().contains(field)) {
                    sessionM.put(field, new EnumMap<>(priors.of(field).m()));
                }
            }
            double lambda = priors.lambda();
            boolean sessionConverged = false;
            for (int i = 0; i < maxIterations && !sessionConverged; i++) {
                iterations++;
                Expectation e = expectation(vectors, fields, lambda, sessionM, u);
                double change = Math.abs(e.lambda() - lambda);
                lambda = clamp(e.lambda());
                for (MatchField field : sessionM.keySet()) {
                    Map<ComparisonLevel, Double> next = normalised(e.levelMass(field), field);
                    for (ComparisonLevel level : field.levels()) {
                        change = Math.max(change, Math.abs(next.get(level) - sessionM.get(field).get(level)));
                    }
                    sessionM.put(field, next);
                }
                sessionConverged = change < tolerance;
            }
            converged &= sessionConverged;
            for (MatchField field : estimated) {
                m.put(field, sessionM.get(field));
            }
        }

        Map<MatchField, LevelProbabilities> parameters = new EnumMap<>(MatchField.class);
        Set<MatchField> keptPriors = new HashSet<>();
        for (MatchField field : fields) {
            LevelProbabilities probabilities = m.containsKey(field)
                    ? new LevelProbabilities(m.get(field), u.get(field)) : null;
            if (probabilities == null || probabilities.weight(ComparisonLevel.EXACT) <= 0) {
                probabilities = priors.of(field);
                keptPriors.add(field);
            }
            parameters.put(field, probabilities);
        }
        // λ for the pairs the service compares: every blocking key, m and u as estimated.
        List<byte[]> all = comparisons(records, fields, comparator, random, null);
        pairsCompared += all.size();
        Map<MatchField, Map<ComparisonLevel, Double>> finalM = new EnumMap<>(MatchField.class);
        Map<MatchField, Map<ComparisonLevel, Double>> finalU = new EnumMap<>(MatchField.class);
        parameters.forEach((field, p) -> {
            finalM.put(field, p.m());
            finalU.put(field, p.u());
        });
        double lambda = priors.lambda();
        for (int i = 0; i < maxIterations && !all.isEmpty(); i++) {
            iterations++;
            double next = clamp(expectation(all, fields, lambda, finalM, finalU).lambda());
            boolean done = Math.abs(next - lambda) < tolerance;
            lambda = next;
            if (done) {
                break;
            }
        }
        return new Estimate(new ModelParameters(kind, lambda, parameters), true, iterations, converged, pairsCompared,
                randomPairs, Set.copyOf(keptPriors));
    }

    /** Posterior mass of the match class: in total (as a share, the next λ) and per field and level. */
    private record Expectation(double lambda, List<MatchField> fields, double[][] mass) {
        Map<ComparisonLevel, Double> levelMass(MatchField field) {
            Map<ComparisonLevel, Double> counts = new EnumMap<>(ComparisonLevel.class);
            for (ComparisonLevel level : field.levels()) {
                counts.put(level, mass[fields.indexOf(field)][level.ordinal()]);
            }
            return counts;
        }
    }

    private static Expectation expectation(List<byte[]> vectors, List<MatchField> fields, double lambda,
            Map<MatchField, Map<ComparisonLevel, Double>> m, Map<MatchField, Map<ComparisonLevel, Double>> u) {
        ComparisonLevel[] levels = ComparisonLevel.values();
        double matches = 0;
        double[][] mass = new double[fields.size()][levels.length];
        for (byte[] vector : vectors) {
            double logMatch = Math.log(lambda);
            double logNonMatch = Math.log(1 - lambda);
            for (int f = 0; f < fields.size(); f++) {
                ComparisonLevel level = levels[vector[f]];
                Map<ComparisonLevel, Double> fieldM = m.get(fields.get(f));
                if (level != ComparisonLevel.MISSING && fieldM != null) {
                    logMatch += Math.log(fieldM.get(level));
                    logNonMatch += Math.log(u.get(fields.get(f)).get(level));
                }
            }
            double posterior = 1 / (1 + Math.exp(logNonMatch - logMatch));
            matches += posterior;
            for (int f = 0; f < fields.size(); f++) {
                mass[f][vector[f]] += posterior;
            }
        }
        return new Expectation(matches / vectors.size(), fields, mass);
    }

    private Map<MatchField, Map<ComparisonLevel, Double>> randomPairLevels(List<NormalizedIdentity> records,
            List<MatchField> fields, RecordComparator comparator, SplittableRandom random) {
        Map<MatchField, Map<ComparisonLevel, Double>> counts = new EnumMap<>(MatchField.class);
        for (MatchField field : fields) {
            counts.put(field, new EnumMap<>(ComparisonLevel.class));
        }
        for (int i = 0; i < randomPairs; i++) {
            int a = random.nextInt(records.size());
            int b = random.nextInt(records.size() - 1);
            if (b >= a) {
                b++;
            }
            for (FieldComparison c : comparator.compare(records.get(a), records.get(b))) {
                if (c.level() != ComparisonLevel.MISSING) {
                    counts.get(c.field()).merge(c.level(), 1.0, Double::sum);
                }
            }
        }
        Map<MatchField, Map<ComparisonLevel, Double>> u = new EnumMap<>(MatchField.class);
        for (MatchField field : fields) {
            u.put(field, normalised(counts.get(field), field));
        }
        return u;
    }

    /**
     * Level vectors (ordinal per field) of the distinct pairs sharing a blocking key with one of the prefixes
     * (every key when null), capped like lookups are, sampled when over the budget.
     */
    private List<byte[]> comparisons(List<NormalizedIdentity> records, List<MatchField> fields,
            RecordComparator comparator, SplittableRandom random, Set<String> keyPrefixes) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (String key : BlockingKeys.of(records.get(i))) {
                if (keyPrefixes == null || keyPrefixes.contains(key.substring(0, key.indexOf(':')))) {
                    blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
                }
            }
        }
        Set<Long> seen = new HashSet<>();
        List<int[]> pairs = new ArrayList<>();
        blocks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(block -> {
            List<Integer> members = block.getValue();
            if (members.size() > maxPerBlockingKey) {
                return;
            }
            for (int x = 0; x < members.size(); x++) {
                for (int y = x + 1; y < members.size(); y++) {
                    if (seen.add((long) members.get(x) * records.size() + members.get(y))) {
                        pairs.add(new int[] {members.get(x), members.get(y)});
                    }
                }
            }
        });
        if (pairs.size() > maxBlockedPairs) {
            for (int i = pairs.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int[] swap = pairs.get(i);
                pairs.set(i, pairs.get(j));
                pairs.set(j, swap);
            }
        }
        List<byte[]> vectors = new ArrayList<>(Math.min(pairs.size(), maxBlockedPairs));
        for (int[] pair : pairs.subList(0, Math.min(pairs.size(), maxBlockedPairs))) {
            byte[] vector = new byte[fields.size()];
            for (FieldComparison c : comparator.compare(records.get(pair[0]), records.get(pair[1]))) {
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
