package dev.ledgerline.merge.identity;

import static dev.ledgerline.merge.identity.Identities.address;
import static dev.ledgerline.merge.identity.Identities.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.merge.identity.Resolution.LinkReason;
import dev.ledgerline.merge.identity.Resolution.Outcome;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Address;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Op;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {

    private static final String TENANT = "tenant-a";
    private final InMemoryCandidateIndex index = new InMemoryCandidateIndex();
    private final IdentityResolver resolver = new IdentityResolver(index);
    private final MatchSettings settings = MatchSettings.defaults("DE");
    private final ModelParameters persons = ModelParameters.priors(IdentityKind.PERSON);
    private final ModelParameters companies = ModelParameters.priors(IdentityKind.COMPANY);

    private Resolution resolveAndLink(IdentityRecord record, String newCustomerId) {
        Resolution resolution = resolver.resolve(TENANT, record, record.kind() == IdentityKind.PERSON ? persons : companies,
                settings);
        String customer = resolution.outcome() == Outcome.LINK ? resolution.customerId() : newCustomerId;
        index.put(TENANT, new IndexedIdentity(customer, resolution.identity()));
        return resolution;
    }

    @Test
    void theSameNormalisedEmailLinksWithoutReview() {
        resolveAndLink(person("Anna", "Schmidt", "anna.schmidt@acme.de", null, null), "customer-1");

        Resolution resolution = resolver.resolve(TENANT, person(null, null, " Anna.Schmidt@ACME.de", null, null),
                persons, settings);

        assertThat(resolution.outcome()).isEqualTo(Outcome.LINK);
        assertThat(resolution.linkReason()).isEqualTo(LinkReason.SAME_EMAIL);
        assertThat(resolution.customerId()).isEqualTo("customer-1");
        assertThat(resolution.best().orElseThrow().reason()).startsWith("same email anna.schmidt@acme.de");
    }

    @Test
    void theSameSourceRecordSyncedAgainLinksToItsCustomer() {
        IdentityRecord first = person("Anna", "Schmidt", "anna@acme.de", null, null);
        resolveAndLink(first, "customer-1");
        IdentityRecord changed = new IdentityRecord(first.ref(), "Anna", "Weber", null, List.of("anna.weber@other.de"),
                List.of(), null, null, null);

        Resolution resolution = resolver.resolve(TENANT, changed, persons, settings);

        assertThat(resolution.outcome()).isEqualTo(Outcome.LINK);
        assertThat(resolution.linkReason()).isEqualTo(LinkReason.SAME_SOURCE_RECORD);
        assertThat(resolution.customerId()).isEqualTo("customer-1");
    }

    @Test
    void anEmailSharedByTwoCustomersGoesToReviewWithBoth() {
        index.put(TENANT, new IndexedIdentity("customer-1",
                Identities.normalized(person("Anna", "Schmidt", "shared@acme.de", null, null))));
        index.put(TENANT, new IndexedIdentity("customer-2",
                Identities.normalized(person("Petra", "Weber", "shared@acme.de", null, null))));

        Resolution resolution = resolver.resolve(TENANT, person("Anna", "Schmidt", "shared@acme.de", null, null),
                persons, settings);

        assertThat(resolution.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(resolution.candidates()).extracting(Candidate::customerId)
                .containsExactly("customer-1", "customer-2");
        assertThat(resolution.candidates().get(0).reason()).contains("same email as 2 customers");
    }

    @Test
    void aRecordWithNothingIdentifyingIsInsufficientIdentityNotAnException() {
        Resolution resolution = resolver.resolve(TENANT,
                person(null, null, "not-an-email", "n/a", address("Hauptstraße 1", "10115", "Berlin", "DE")),
                persons, settings);

        assertThat(resolution.outcome()).isEqualTo(Outcome.INSUFFICIENT_IDENTITY);
        assertThat(resolution.candidates()).isEmpty();
    }

    @Test
    void aProbableMatchGoesToReviewWithItsReasonsAndAStrangerIsNoMatch() {
        resolveAndLink(person("HUBSPOT", "Katarzyna", "Wiśniewska", "k.wisniewska@gmail.com", null, null, null,
                address("ulica Długa 5", "00-950", "Warszawa", "PL")), "customer-1");

        Resolution probable = resolver.resolve(TENANT, person("SALESFORCE", "Kasia", "Wisniewska", null, null, null,
                null, address("ul. Złota 12", "00-950", "Warszawa", "PL")), persons, settings);
        Resolution stranger = resolver.resolve(TENANT, person("Jan", "Kowalski", "jan@kowalski.pl", null, null),
                persons, settings);

        assertThat(probable.outcome()).isEqualTo(Outcome.REVIEW);
        Candidate candidate = probable.candidates().get(0);
        assertThat(candidate.customerId()).isEqualTo("customer-1");
        assertThat(candidate.reason()).contains("FIRST_NAME close", "nickname of katarzyna", "LAST_NAME exact",
                "ADDRESS close");
        assertThat(candidate.weight()).isBetween(settings.person().review(), settings.person().autoLink());
        assertThat(stranger.outcome()).isEqualTo(Outcome.NO_MATCH);
    }

    @Test
    void theSamePersonInHubSpotAndSalesforceLinksAutomatically() {
        Contact hubspot = contact("hubspot-main", CrmSource.HUBSPOT, "501", "Jürgen", "Groß",
                List.of("juergen.gross@kessler-bau.de"), List.of("+49 30 1234567"), "1001");
        Account hubspotAccount = account("hubspot-main", CrmSource.HUBSPOT, "1001", "Kessler Bau GmbH",
                "kessler-bau.de");
        Contact salesforce = contact("salesforce-main", CrmSource.SALESFORCE, "0035g00000abc", "Jurgen", "Gross",
                List.of("j.gross@gmail.com"), List.of("030/1234567"), "0015g00000xyz");
        Account salesforceAccount = account("salesforce-main", CrmSource.SALESFORCE, "0015g00000xyz",
                "KESSLER BAU", "https://www.kessler-bau.de");
        resolveAndLink(CrmIdentities.person(hubspot, hubspotAccount), "customer-1");

        Resolution resolution = resolver.resolve(TENANT, CrmIdentities.person(salesforce, salesforceAccount), persons,
                settings);

        assertThat(resolution.outcome()).isEqualTo(Outcome.LINK);
        assertThat(resolution.linkReason()).isEqualTo(LinkReason.SCORE_ABOVE_AUTO_LINK_THRESHOLD);
        assertThat(resolution.customerId()).isEqualTo("customer-1");
        MatchExplanation explanation = resolution.best().orElseThrow().explanation();
        assertThat(explanation.of(MatchField.PHONE).comparison().level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(explanation.of(MatchField.EMPLOYER).comparison().level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(explanation.of(MatchField.FIRST_NAME).comparison().level()).as("Jürgen and Jurgen fold alike")
                .isEqualTo(ComparisonLevel.EXACT);
        assertThat(explanation.of(MatchField.LAST_NAME).comparison().level()).as("Groß and Gross too")
                .isEqualTo(ComparisonLevel.EXACT);
    }

    @Test
    void companiesMatchAcrossLegalFormsAndDomainSpellings() {
        resolveAndLink(CrmIdentities.company(account("hubspot-main", CrmSource.HUBSPOT, "1", "Rossi Trading S.r.l.",
                "rossitrading.it")), "customer-9");

        Resolution resolution = resolver.resolve(TENANT, CrmIdentities.company(account("salesforce-main",
                CrmSource.SALESFORCE, "0015g1", "Rossi Trading SRL", "www.rossitrading.it")), companies, settings);

        assertThat(resolution.outcome()).isEqualTo(Outcome.LINK);
        assertThat(resolution.customerId()).isEqualTo("customer-9");
    }

    @Test
    void aCommonBlockingKeyIsSkippedAndSaidSoSoTheComparedRecordsStayBounded() {
        for (int i = 0; i < 1_000; i++) {
            index.put(TENANT, new IndexedIdentity("customer-" + i, Identities.normalized(
                    person("HUBSPOT", "John", "Smith", "john.smith" + i + "@example.com", null, null, null, null))));
        }

        Resolution resolution = resolver.resolve(TENANT, person("John", "Smith", "jsmith@example.com", null, null),
                persons, settings);

        assertThat(resolution.comparedRecords()).isLessThanOrEqualTo(settings.maxPerBlockingKey());
        assertThat(resolution.skippedKeys()).containsKey("name:SM0:JN");
        assertThat(resolution.skippedKeys().get("name:SM0:JN")).isEqualTo(1_000L);
    }

    @Test
    void tenantsNeverSeeEachOthersRecords() {
        index.put("tenant-b", new IndexedIdentity("other", Identities.normalized(
                person("Anna", "Schmidt", "anna.schmidt@acme.de", null, null))));

        Resolution resolution = resolver.resolve(TENANT, person("Anna", "Schmidt", "anna.schmidt@acme.de", null, null),
                persons, settings);

        assertThat(resolution.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(resolution.comparedRecords()).isZero();
    }

    private static Contact contact(String connection, CrmSource source, String id, String first, String last,
            List<String> emails, List<String> phones, String accountId) {
        return Contact.newBuilder().setTenantId(TENANT).setConnectionId(connection).setSource(source).setExternalId(id)
                .setOp(Op.UPSERT).setSourceUpdatedAt(Instant.EPOCH).setSyncedAt(Instant.EPOCH).setFirstName(first)
                .setLastName(last).setName(first + " " + last).setEmails(emails).setPhones(phones).setTitle(null)
                .setAccountId(accountId).setAddress(null).setLifecycleStage(null).setLeadSource(null).setOwnerId(null)
                .setCreatedAt(Instant.EPOCH).setDealIds(List.of()).build();
    }

    private static Account account(String connection, CrmSource source, String id, String name, String domain) {
        Address berlin = Address.newBuilder().setStreet("Hauptstraße 5").setCity("Berlin").setRegion(null)
                .setPostalCode("10115").setCountry("Deutschland").setCountryCode("DE").build();
        return Account.newBuilder().setTenantId(TENANT).setConnectionId(connection).setSource(source).setExternalId(id)
                .setOp(Op.UPSERT).setSourceUpdatedAt(Instant.EPOCH).setSyncedAt(Instant.EPOCH).setName(name)
                .setDomain(domain).setPhone(null).setAddress(berlin).setIndustry(null).setRegion(null)
                .setEmployeeCount(null).setAnnualRevenue(null).setParentAccountId(null).setOwnerId(null)
                .setCreatedAt(Instant.EPOCH).build();
    }
}
