package dev.ledgerline.merge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchScorerTest {

    private final ModelParameters model = ModelParameters.priors(IdentityKind.PERSON);
    private final MatchScorer scorer = new MatchScorer(100, 1e-5);

    /** A tenant of 10,000 records with a last name: 150 Smiths, 1 Wojciechowski. */
    private final TermFrequencies frequencies = new TermFrequencies() {
        @Override
        public long records(MatchField field) {
            return 10_000;
        }

        @Override
        public long count(MatchField field, String value) {
            return Map.of("smith", 150L, "wojciechowski", 1L).getOrDefault(value, 0L);
        }
    };

    @Test
    void eachLevelWeighsLog2OfMOverUAndMissingWeighsNothing() {
        FieldComparison different = new FieldComparison(MatchField.FIRST_NAME, ComparisonLevel.DIFFERENT, "anna",
                "petra", null, null);
        FieldComparison missing = FieldComparison.missing(MatchField.PHONE, "+49301234567", "");

        MatchExplanation explanation = scorer.score(List.of(different, missing), model, frequencies);

        LevelProbabilities firstName = model.of(MatchField.FIRST_NAME);
        double expected = Math.log(firstName.m(ComparisonLevel.DIFFERENT) / firstName.u(ComparisonLevel.DIFFERENT))
                / Math.log(2);
        assertThat(explanation.of(MatchField.FIRST_NAME).weight()).isCloseTo(expected, within(1e-9));
        assertThat(explanation.of(MatchField.FIRST_NAME).weight()).isNegative();
        assertThat(explanation.of(MatchField.PHONE).weight()).isZero();
        assertThat(explanation.totalWeight()).isCloseTo(model.priorWeight() + expected, within(1e-9));
        assertThat(explanation.probability()).isBetween(0.0, 1.0);
    }

    @Test
    void theSameNameUnderAnotherCountrysDomainNeverCountsForAMatch() {
        ModelParameters companies = ModelParameters.priors(IdentityKind.COMPANY);
        FieldComparison sibling = RecordComparator.domains("acme.de", "acme.es");
        FieldComparison same = RecordComparator.domains("acme.de", "acme.de");

        double siblingWeight = scorer.score(List.of(sibling), companies, frequencies).of(MatchField.DOMAIN).weight();
        double sameWeight = scorer.score(List.of(same), companies, frequencies).of(MatchField.DOMAIN).weight();

        assertThat(sibling.level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(siblingWeight).isLessThanOrEqualTo(0.0);
        assertThat(sameWeight).isPositive();
    }

    @Test
    void aRareSharedNameWeighsMoreThanACommonOne() {
        MatchExplanation smith = scorer.score(List.of(exactLastName("smith")), model, frequencies);
        MatchExplanation wojciechowski = scorer.score(List.of(exactLastName("wojciechowski")), model, frequencies);

        WeightedComparison common = smith.of(MatchField.LAST_NAME);
        WeightedComparison rare = wojciechowski.of(MatchField.LAST_NAME);
        assertThat(common.termFrequencyAdjusted()).isTrue();
        assertThat(common.u()).isCloseTo(0.015, within(1e-12));
        assertThat(rare.u()).isCloseTo(0.0001, within(1e-12));
        assertThat(rare.weight() - common.weight()).as("log2(150 / 1)").isCloseTo(Math.log(150) / Math.log(2),
                within(1e-9));
        assertThat(common.describe()).contains("LAST_NAME", "EXACT", "frequency of 'smith'");
    }

    @Test
    void aTenantWithFewRecordsUsesTheLevelsAverageU() {
        MatchScorer strict = new MatchScorer(20_000, 1e-5);

        WeightedComparison rare = strict.score(List.of(exactLastName("wojciechowski")), model, frequencies)
                .of(MatchField.LAST_NAME);

        assertThat(rare.termFrequencyAdjusted()).isFalse();
        assertThat(rare.u()).isEqualTo(model.of(MatchField.LAST_NAME).u(ComparisonLevel.EXACT));
    }

    @Test
    void theExplanationListsEveryComparedFieldForAReviewer() {
        NormalizedIdentity a = Identities.normalized(Identities.person("Robert", "Wojciechowski",
                "r.wojciechowski@acme.pl", "+48 22 123 45 67", null));
        NormalizedIdentity b = Identities.normalized(Identities.person("Bob", "Wojciechowski", "bob@gmail.com",
                "+48221234567", null));

        MatchExplanation explanation = scorer.score(new RecordComparator().compare(a, b), model, frequencies);

        assertThat(explanation.comparisons()).extracting(c -> c.comparison().field())
                .containsExactlyElementsOf(MatchField.fieldsOf(IdentityKind.PERSON));
        assertThat(explanation.describe()).contains("match weight", "prior", "nickname of robert",
                "'+48221234567' vs '+48221234567'", "frequency of 'wojciechowski'");
        assertThat(explanation.of(MatchField.FIRST_NAME).comparison().level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(explanation.totalWeight()).isGreaterThan(MatchSettings.DEFAULT_PERSON_THRESHOLDS.review());
    }

    private static FieldComparison exactLastName(String name) {
        return new FieldComparison(MatchField.LAST_NAME, ComparisonLevel.EXACT, name, name, name, null);
    }
}
