package dev.ledgerline.merge.identity;

import static dev.ledgerline.merge.identity.Identities.address;
import static dev.ledgerline.merge.identity.Identities.normalized;
import static dev.ledgerline.merge.identity.Identities.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityNormalizerTest {

    @Test
    void namesLoseDiacriticsTitlesAndCaseAndTransliterateWhatDoesNotDecompose() {
        assertThat(IdentityNormalizer.personName("José")).isEqualTo("jose");
        assertThat(IdentityNormalizer.personName("MÜLLER")).isEqualTo("muller");
        assertThat(IdentityNormalizer.personName("Łukasz")).isEqualTo("lukasz");
        assertThat(IdentityNormalizer.personName("Groß")).isEqualTo("gross");
        assertThat(IdentityNormalizer.personName("Søren")).isEqualTo("soren");
        assertThat(IdentityNormalizer.personName("Dr. Anne-Marie")).isEqualTo("anne marie");
        assertThat(IdentityNormalizer.personName("O'Brien Jr.")).isEqualTo("o brien");
        assertThat(IdentityNormalizer.personName(null)).isEmpty();
    }

    @Test
    void aFullNameIsSplitWhenFirstAndLastNameAreMissing() {
        NormalizedIdentity plain = normalized(new IdentityRecord(Identities.personRef("HUBSPOT"), null, null,
                "Anna Maria Wójcik", List.of(), List.of(), null, null, null));
        NormalizedIdentity lastFirst = normalized(new IdentityRecord(Identities.personRef("HUBSPOT"), null, null,
                "Wójcik, Anna", List.of(), List.of(), null, null, null));

        assertThat(plain.firstName()).isEqualTo("anna maria");
        assertThat(plain.lastName()).isEqualTo("wojcik");
        assertThat(lastFirst.firstName()).isEqualTo("anna");
        assertThat(lastFirst.lastName()).isEqualTo("wojcik");
    }

    @Test
    void emailsAreTrimmedAndLowerCasedAndSharedMailboxesKeptApart() {
        NormalizedIdentity identity = normalized(new IdentityRecord(Identities.personRef("HUBSPOT"), "A", "B", null,
                List.of(" J.Doe@Acme.COM ", "mailto:info@acme.com", "not an email", "jdoe@gmail.com"), List.of(),
                null, "https://www.Acme.com/about", null));

        assertThat(identity.emails()).containsExactly("j.doe@acme.com", "jdoe@gmail.com");
        assertThat(identity.roleEmails()).containsExactly("info@acme.com");
        assertThat(identity.emailDomains()).as("free-mail domains say nothing of an employer")
                .containsExactly("acme.com");
        assertThat(identity.domain()).isEqualTo("acme.com");
    }

    @Test
    void phonesBecomeE164WithTheRegionOfTheAddressOrTheTenant() {
        NormalizedIdentity berlin = normalized(person("Anna", "Schmidt", null, "030/1234567",
                address("Hauptstraße 1", "10115", "Berlin", "DE")));
        NormalizedIdentity formatted = normalized(person("Anna", "Schmidt", null, "+49 30 1234567", null));
        NormalizedIdentity us = normalized(person("Ann", "Smith", null, "(415) 555-0123",
                address("1 Market Street", "94103", "San Francisco", "US")));
        NormalizedIdentity noRegion = new IdentityNormalizer(null).normalize(person("Ann", "Smith", null,
                "(415) 555-0123", null));

        assertThat(berlin.phones()).containsExactly("+49301234567");
        assertThat(formatted.phones()).containsExactly("+49301234567");
        assertThat(us.phones()).containsExactly("+14155550123");
        assertThat(noRegion.phones()).as("a national number without any region cannot be placed").isEmpty();
        assertThat(PhoneNumbers.e164("+49 30 1234567 ext. 12", null)).contains("+49301234567");
        assertThat(PhoneNumbers.e164("n/a", "DE")).isEmpty();
    }

    @Test
    void companyNamesLoseTheirLegalForm() {
        assertThat(IdentityNormalizer.companyName("Acme, Inc.")).isEqualTo("acme");
        assertThat(IdentityNormalizer.companyName("ACME Incorporated")).isEqualTo("acme");
        assertThat(IdentityNormalizer.companyName("Müller Bau GmbH & Co. KG")).isEqualTo("muller bau");
        assertThat(IdentityNormalizer.companyName("Rossi Trading S.r.l.")).isEqualTo("rossi trading");
        assertThat(IdentityNormalizer.companyName("Nowak Sp. z o.o.")).isEqualTo("nowak");
        assertThat(IdentityNormalizer.companyName("The Ltd Company Ltd")).isEqualTo("ltd");
        assertThat(IdentityNormalizer.companyName("Kessler Systems AG")).isEqualTo("kessler systems");
    }

    @Test
    void addressesAgreeWhateverTheStreetWordAndPostalCodeSpacing() {
        NormalizedIdentity.NormalizedAddress strasse = IdentityNormalizer.address(
                new PostalAddress("Hauptstraße 5", "10115", "Berlin", null, "de"));
        NormalizedIdentity.NormalizedAddress abbreviated = IdentityNormalizer.address(
                new PostalAddress("Hauptstr. 5", "10115", "BERLIN", null, "DE"));
        NormalizedIdentity.NormalizedAddress london = IdentityNormalizer.address(
                new PostalAddress("10 High Street", "ec1a 1bb", "London", null, null));

        assertThat(strasse).isEqualTo(abbreviated);
        assertThat(strasse.street()).isEqualTo("haupt5");
        assertThat(london.postalCode()).isEqualTo("EC1A1BB");
        assertThat(london.street()).isEqualTo("10high");
    }

    @Test
    void aRecordWithoutEmailPhoneOrNameIsNotIdentifiable() {
        assertThat(normalized(person(null, null, null, null, address("Hauptstraße 1", "10115", "Berlin", "DE")))
                .identifiable()).isFalse();
        assertThat(normalized(person(null, null, null, "garbage", null)).identifiable()).isFalse();
        assertThat(normalized(person(null, "Schmidt", null, null, null)).identifiable()).isTrue();
        assertThat(normalized(Identities.company(null, null, null, null)).identifiable()).isFalse();
        assertThat(normalized(Identities.company(null, "acme.com", null, null)).identifiable()).isTrue();
    }
}
