package dev.ledgerline.merge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.simulation.DuplicatePopulation;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParameterEstimatorTest {

    private static final long SEED = 20261202L;
    private static DuplicatePopulation population;

    @BeforeAll
    static void generate() {
        population = GeneratedPopulations.generate(500, 2_500, SEED);
        System.out.println("ParameterEstimatorTest population seed " + SEED);
    }

    @Test
    void personEstimatesConvergeToSensibleProbabilities() {
        ParameterEstimator.Estimate estimate = ParameterEstimator.withDefaults().estimate(IdentityKind.PERSON,
                GeneratedPopulations.persons(population), ModelParameters.priors(IdentityKind.PERSON), 1);

        assertThat(estimate.estimated()).isTrue();
        assertThat(estimate.converged()).isTrue();
        assertThat(estimate.keptPriors()).isEmpty();
        ModelParameters parameters = estimate.parameters();
        for (MatchField field : MatchField.fieldsOf(IdentityKind.PERSON)) {
            LevelProbabilities p = parameters.of(field);
            assertThat(p.weight(ComparisonLevel.EXACT)).as(field + " agreement is evidence of a match").isPositive();
            assertThat(p.weight(ComparisonLevel.DIFFERENT)).as(field + " disagreement is evidence against")
                    .isNegative();
        }
        // Duplicates of one person share an email they both have almost always, and a last name mostly exactly.
        assertThat(parameters.of(MatchField.EMAIL).m(ComparisonLevel.EXACT)).isGreaterThan(0.8);
        assertThat(parameters.of(MatchField.LAST_NAME).m(ComparisonLevel.EXACT)).isBetween(0.6, 0.95);
        assertThat(parameters.of(MatchField.LAST_NAME).u(ComparisonLevel.EXACT)).isLessThan(0.02);
        assertThat(parameters.of(MatchField.FIRST_NAME).m(ComparisonLevel.CLOSE))
                .as("nicknames, typos and initials").isBetween(0.05, 0.4);
        assertThat(parameters.lambda()).isBetween(0.01, 0.9);
    }

    @Test
    void companyEstimatesConvergeToSensibleProbabilities() {
        ParameterEstimator.Estimate estimate = new ParameterEstimator(500, 100_000, 500_000, 200, 100, 1e-5)
                .estimate(IdentityKind.COMPANY, GeneratedPopulations.companies(population),
                        ModelParameters.priors(IdentityKind.COMPANY), 1);

        assertThat(estimate.estimated()).isTrue();
        assertThat(estimate.converged()).isTrue();
        ModelParameters parameters = estimate.parameters();
        assertThat(parameters.of(MatchField.COMPANY_NAME).m(ComparisonLevel.EXACT)).isGreaterThan(0.7);
        assertThat(parameters.of(MatchField.DOMAIN).m(ComparisonLevel.EXACT)).isGreaterThan(0.7);
        for (MatchField field : MatchField.fieldsOf(IdentityKind.COMPANY)) {
            assertThat(parameters.of(field).weight(ComparisonLevel.EXACT)).as(field.name()).isPositive();
        }
    }

    @Test
    void theSameRecordsAndSeedGiveTheSameEstimate() {
        List<NormalizedIdentity> records = GeneratedPopulations.persons(
                GeneratedPopulations.generate(200, 1_000, SEED));
        ParameterEstimator estimator = new ParameterEstimator(500, 20_000, 100_000, 200, 100, 1e-5);

        ParameterEstimator.Estimate first = estimator.estimate(IdentityKind.PERSON, records,
                ModelParameters.priors(IdentityKind.PERSON), 7);
        ParameterEstimator.Estimate again = estimator.estimate(IdentityKind.PERSON, records,
                ModelParameters.priors(IdentityKind.PERSON), 7);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void tooFewRecordsKeepThePriors() {
        List<NormalizedIdentity> records = GeneratedPopulations.persons(GeneratedPopulations.generate(20, 100, SEED));
        ModelParameters priors = ModelParameters.priors(IdentityKind.PERSON);

        ParameterEstimator.Estimate estimate = ParameterEstimator.withDefaults().estimate(IdentityKind.PERSON,
                records, priors, 1);

        assertThat(estimate.estimated()).isFalse();
        assertThat(estimate.parameters()).isEqualTo(priors);
    }
}
