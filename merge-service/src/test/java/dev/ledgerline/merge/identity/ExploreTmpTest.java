package dev.ledgerline.merge.identity;

import dev.ledgerline.devstack.simulation.DuplicateContactGenerator;
import dev.ledgerline.devstack.simulation.DuplicatePopulation;
import dev.ledgerline.devstack.simulation.GeneratorSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExploreTmpTest {
    @Test
    void explore() {
        DuplicatePopulation population = new DuplicateContactGenerator(GeneratorSettings.twoCrms("t", 1000, 5000)).generate(42);
        MatchSettings settings = MatchSettings.defaults("DE");
        IdentityNormalizer normalizer = new IdentityNormalizer("DE");
        List<NormalizedIdentity> persons = population.contacts().stream().map(c -> normalizer.normalize(CrmIdentities.person(c.contact(), population.accountOf(c.contact()).orElse(null)))).toList();
        List<NormalizedIdentity> companies = population.accounts().stream().map(a -> normalizer.normalize(CrmIdentities.company(a.account()))).toList();
        ParameterEstimator.Estimate pe = ParameterEstimator.withDefaults().estimate(IdentityKind.PERSON, persons, ModelParameters.priors(IdentityKind.PERSON), 1);
        ParameterEstimator.Estimate ce = ParameterEstimator.withDefaults().estimate(IdentityKind.COMPANY, companies, ModelParameters.priors(IdentityKind.COMPANY), 1);
        System.out.println("EM " + pe);
        System.out.println("EM " + ce);
        LinkageEvaluation.Result r = LinkageEvaluation.persons(population, pe.parameters(), settings);

        for (ModelParameters[] models : new ModelParameters[][] {{pe.parameters(), ce.parameters()}, }) {
            for (double[] t : new double[][] {{16, 6}, {18, 8}, {20, 8}, {20, 10}, {22, 10}, {22, 12}}) {
                MatchSettings s = settings.withThresholds(IdentityKind.PERSON, new MatchSettings.Thresholds(t[0], t[1])).withThresholds(IdentityKind.COMPANY, new MatchSettings.Thresholds(t[0], t[1]));
                System.out.println(t[0] + "/" + t[1] + " " + LinkageEvaluation.persons(population, models[0], s).describe());
                System.out.println(t[0] + "/" + t[1] + " " + LinkageEvaluation.companies(population, models[1], s).describe());
            }
        }
    }
}
