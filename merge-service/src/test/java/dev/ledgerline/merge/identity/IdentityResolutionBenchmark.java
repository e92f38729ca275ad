package dev.ledgerline.merge.identity;

import dev.ledgerline.devstack.simulation.DuplicatePopulation;
import dev.ledgerline.devstack.simulation.GeneratedContact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Quality and speed of the matching core (BENCHMARKS.md), never part of {@code mvn verify} (the name ends in
 * Benchmark). Run: {@code mvn -B -pl merge-service -am verify -Pbenchmark -Dtest='*Benchmark'
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}. Options: {@code -Dbench.seeds=1,2,3},
 * {@code -Dbench.persons=10000 -Dbench.companies=2000}, {@code -Dbench.sizes=10000,30000,100000}.
 * Each run appends its lines to {@code merge-service/target/benchmarks/identity.txt}.
 */
class IdentityResolutionBenchmark {

    private static final Path OUTPUT = Path.of("target", "benchmarks", "identity.txt");
    private static final int QUERIES = 2_000;
    private static final int REPETITIONS = 3;

    @Test
    void quality() throws IOException {
        long[] seeds = longs(System.getProperty("bench.seeds", "1,2,3"));
        int persons = Integer.getInteger("bench.persons", 10_000);
        int companies = Integer.getInteger("bench.companies", 2_000);
        MatchSettings settings = MatchSettings.defaults(GeneratedPopulations.TENANT_REGION);
        List<LinkageEvaluation.Result> personRuns = new ArrayList<>();
        List<LinkageEvaluation.Result> companyRuns = new ArrayList<>();
        List<LinkageEvaluation.Result> personPriorRuns = new ArrayList<>();
        List<LinkageEvaluation.Result> companyPriorRuns = new ArrayList<>();
        for (long seed : seeds) {
            DuplicatePopulation population = GeneratedPopulations.generate(companies, persons, seed);
            long started = System.nanoTime();
            ParameterEstimator.Estimate personEstimate = ParameterEstimator.withDefaults().estimate(IdentityKind.PERSON,
                    GeneratedPopulations.persons(population), ModelParameters.priors(IdentityKind.PERSON), seed);
            ParameterEstimator.Estimate companyEstimate = ParameterEstimator.withDefaults().estimate(
                    IdentityKind.COMPANY, GeneratedPopulations.companies(population),
                    ModelParameters.priors(IdentityKind.COMPANY), seed);
            double emSeconds = (System.nanoTime() - started) / 1e9;
            LinkageEvaluation.Result personRun = LinkageEvaluation.persons(population, personEstimate.parameters(),
                    settings);
            LinkageEvaluation.Result companyRun = LinkageEvaluation.companies(population,
                    companyEstimate.parameters(), settings);
            personRuns.add(personRun);
            companyRuns.add(companyRun);
            personPriorRuns.add(LinkageEvaluation.persons(population, ModelParameters.priors(IdentityKind.PERSON),
                    settings));
            companyPriorRuns.add(LinkageEvaluation.companies(population, ModelParameters.priors(IdentityKind.COMPANY),
                    settings));
            report(String.format(Locale.ROOT, "quality seed %d: EM %.1f s (person: %d pairs, %d iterations, "
                    + "converged %b; company: %d pairs, estimated %b)", seed, emSeconds, personEstimate.blockedPairs(),
                    personEstimate.iterations(), personEstimate.converged(), companyEstimate.blockedPairs(),
                    companyEstimate.estimated()));
            report("  EM     " + personRun.describe());
            report("  EM     " + companyRun.describe());
            report("  priors " + personPriorRuns.get(personPriorRuns.size() - 1).describe());
            report("  priors " + companyPriorRuns.get(companyPriorRuns.size() - 1).describe());
        }
        report(medians("EM", personRuns));
        report(medians("EM", companyRuns));
        report(medians("priors", personPriorRuns));
        report(medians("priors", companyPriorRuns));
    }

    @Test
    void throughput() throws IOException {
        long[] sizes = longs(System.getProperty("bench.sizes", "10000,30000,100000"));
        MatchSettings settings = MatchSettings.defaults(GeneratedPopulations.TENANT_REGION);
        ModelParameters model = ModelParameters.priors(IdentityKind.PERSON);
        IdentityNormalizer normalizer = new IdentityNormalizer(GeneratedPopulations.TENANT_REGION);
        for (long size : sizes) {
            // Contacts per person average about 1.5: enough people for the index and the queries.
            DuplicatePopulation population = GeneratedPopulations.generate((int) Math.max(200, size / 25),
                    (int) ((size + QUERIES) / 1.4), size);
            List<GeneratedContact> contacts = population.contacts();
            InMemoryCandidateIndex index = new InMemoryCandidateIndex();
            for (GeneratedContact generated : contacts.subList(0, (int) size)) {
                index.put(LinkageEvaluation.TENANT, new IndexedIdentity(generated.personId(), normalizer.normalize(
                        CrmIdentities.person(generated.contact(), population.accountOf(generated.contact()).orElse(null)))));
            }
            List<IdentityRecord> queries = contacts.subList((int) size, (int) size + QUERIES).stream()
                    .map(c -> CrmIdentities.person(c.contact(), population.accountOf(c.contact()).orElse(null)))
                    .toList();
            IdentityResolver resolver = new IdentityResolver(index);
            double[] perSecond = new double[REPETITIONS];
            long compared = 0;
            int skipped = 0;
            for (int repetition = 0; repetition < REPETITIONS; repetition++) {
                compared = 0;
                skipped = 0;
                long started = System.nanoTime();
                for (IdentityRecord query : queries) {
                    Resolution resolution = resolver.resolve(LinkageEvaluation.TENANT, query, model, settings);
                    compared += resolution.comparedRecords();
                    skipped += resolution.skippedKeys().size();
                }
                perSecond[repetition] = QUERIES / ((System.nanoTime() - started) / 1e9);
            }
            Arrays.sort(perSecond);
            report(String.format(Locale.ROOT, "throughput: %,d indexed person records, %,d resolutions: median "
                    + "%,.0f resolutions/s (runs %s), %.1f records compared per resolution, %d skipped keys",
                    size, QUERIES, perSecond[REPETITIONS / 2], Arrays.toString(Arrays.stream(perSecond)
                            .mapToLong(Math::round).toArray()), (double) compared / QUERIES, skipped));
        }
    }

    private static String medians(String model, List<LinkageEvaluation.Result> runs) {
        return String.format(Locale.ROOT, "median %s %s over %d seeds: auto precision %.4f, auto recall %.4f, "
                + "auto+review recall %.4f, review precision %.4f", model, runs.get(0).kind(), runs.size(),
                median(runs, LinkageEvaluation.Result::autoPrecision), median(runs, LinkageEvaluation.Result::autoRecall),
                median(runs, LinkageEvaluation.Result::autoOrReviewRecall),
                median(runs, LinkageEvaluation.Result::reviewPrecision));
    }

    private static double median(List<LinkageEvaluation.Result> runs, ToDoubleFunction<LinkageEvaluation.Result> f) {
        double[] values = runs.stream().mapToDouble(f).sorted().toArray();
        return values[values.length / 2];
    }

    private static long[] longs(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).mapToLong(Long::parseLong).toArray();
    }

    private static void report(String line) throws IOException {
        System.out.println(line);
        Files.createDirectories(OUTPUT.getParent());
        Files.writeString(OUTPUT, Instant.now() + " " + line + System.lineSeparator(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
