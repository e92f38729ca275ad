package dev.ledgerline.merge.identity;

import dev.ledgerline.devstack.simulation.DuplicateContactGenerator;
import dev.ledgerline.devstack.simulation.DuplicatePopulation;
import dev.ledgerline.devstack.simulation.GeneratorSettings;
import java.util.List;

/** Generated tenants (HubSpot beside Salesforce) and their records as the engine normalises them. */
final class GeneratedPopulations {

    /** The tenant's country: national phone numbers without an address country are read as German. */
    static final String TENANT_REGION = "DE";

    private GeneratedPopulations() {
    }

    static DuplicatePopulation generate(int companies, int persons, long seed) {
        return new DuplicateContactGenerator(GeneratorSettings.twoCrms(LinkageEvaluation.TENANT, companies, persons))
                .generate(seed);
    }

    static List<NormalizedIdentity> persons(DuplicatePopulation population) {
        IdentityNormalizer normalizer = new IdentityNormalizer(TENANT_REGION);
        return population.contacts().stream().map(c -> normalizer.normalize(
                CrmIdentities.person(c.contact(), population.accountOf(c.contact()).orElse(null)))).toList();
    }

    static List<NormalizedIdentity> companies(DuplicatePopulation population) {
        IdentityNormalizer normalizer = new IdentityNormalizer(TENANT_REGION);
        return population.accounts().stream().map(a -> normalizer.normalize(CrmIdentities.company(a.account())))
                .toList();
    }
}
