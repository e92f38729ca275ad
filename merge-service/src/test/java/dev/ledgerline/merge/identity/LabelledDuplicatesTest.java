package dev.ledgerline.merge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.simulation.DuplicatePopulation;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quality regression test: over a generated tenant (HubSpot beside Salesforce) with ground truth, automatic
 * links must be precise and links plus review candidates must find nearly every duplicate. The bounds sit a little
 * below the benchmark's figures (BENCHMARKS.md) so that a fresh seed does not make the test flaky.
 * Replay a seed with -Didentity.seed=N.
 */
class LabelledDuplicatesTest {

    static Stream<Long> seeds() {
        String replay = System.getProperty("identity.seed");
        if (replay != null) {
            return Stream.of(Long.parseLong(replay));
        }
        Random fresh = new Random();
        return Stream.concat(LongStream.of(1L, 42L, 20261202L).boxed(), Stream.of(fresh.nextLong(), fresh.nextLong()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void automaticLinksArePreciseAndReviewFindsTheRest(long seed) {
        System.out.println("LabelledDuplicatesTest seed " + seed + " (replay with -Didentity.seed=" + seed + ")");
        DuplicatePopulation population = GeneratedPopulations.generate(600, 3_000, seed);
        MatchSettings settings = MatchSettings.defaults(GeneratedPopulations.TENANT_REGION);
        ParameterEstimator estimator = ParameterEstimator.withDefaults();
        ModelParameters personModel = estimator.estimate(IdentityKind.PERSON, GeneratedPopulations.persons(population),
                ModelParameters.priors(IdentityKind.PERSON), seed).parameters();
        ModelParameters companyModel = estimator.estimate(IdentityKind.COMPANY, GeneratedPopulations.companies(population),
                        ModelParameters.priors(IdentityKind.COMPANY), seed).parameters();

        LinkageEvaluation.Result persons = LinkageEvaluation.persons(population, personModel, settings);
        LinkageEvaluation.Result companies = LinkageEvaluation.companies(population, companyModel, settings);
        System.out.println(persons.describe());
        System.out.println(companies.describe());

        assertThat(persons.truePairs()).isGreaterThan(500);
        assertThat(persons.autoPrecision()).as("person auto-link precision").isGreaterThanOrEqualTo(0.97);
        assertThat(persons.autoRecall()).as("person auto-link recall").isGreaterThanOrEqualTo(0.75);
        assertThat(persons.autoOrReviewRecall()).as("person auto + review recall").isGreaterThanOrEqualTo(0.93);
        assertThat(persons.reviewPrecision()).as("person review precision").isGreaterThanOrEqualTo(0.35);
        assertThat(companies.autoPrecision()).as("company auto-link precision").isGreaterThanOrEqualTo(0.97);
        assertThat(companies.autoOrReviewRecall()).as("company auto + review recall").isGreaterThanOrEqualTo(0.93);
        assertThat(persons.insufficient() + companies.insufficient()).isLessThan(persons.records() / 100);
    }
}
