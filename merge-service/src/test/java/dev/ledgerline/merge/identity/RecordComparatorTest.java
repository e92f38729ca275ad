package dev.ledgerline.merge.identity;

import static dev.ledgerline.merge.identity.Identities.address;
import static dev.ledgerline.merge.identity.Identities.normalized;
import static dev.ledgerline.merge.identity.Identities.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordComparatorTest {

    private final RecordComparator comparator = new RecordComparator();

    private FieldComparison compare(IdentityRecord a, IdentityRecord b, MatchField field) {
        List<FieldComparison> comparisons = comparator.compare(normalized(a), normalized(b));
        return comparisons.stream().filter(c -> c.field() == field).findFirst().orElseThrow();
    }

    @Test
    void firstNamesAreExactCloseThroughNicknamesTyposAndInitialsOrDifferent() {
        assertThat(RecordComparator.firstName("robert", "robert").level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(RecordComparator.firstName("bob", "robert").level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.firstName("bob", "robert").note()).contains("nickname");
        assertThat(RecordComparator.firstName("bill", "william").level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.firstName("liz", "elizabeth").level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.firstName("j", "john").level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.firstName("anna maria", "anna").level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.firstName("jonathan", "jonahtan").level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.firstName("anna", "petra").level()).isEqualTo(ComparisonLevel.DIFFERENT);
        assertThat(RecordComparator.firstName("", "petra").level()).isEqualTo(ComparisonLevel.MISSING);
    }

    @Test
    void lastNamesForgiveTranscribedUmlautsTyposAndMissingNameParts() {
        assertThat(RecordComparator.lastName("muller", "mueller").level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.lastName("muller", "mueller").note()).contains("umlaut");
        assertThat(RecordComparator.lastName("wojciechowski", "wojciehcowski").level())
                .isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.lastName("garcia lopez", "garcia").level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(RecordComparator.lastName("de la cruz", "delacruz").level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(RecordComparator.lastName("smith", "jones").level()).isEqualTo(ComparisonLevel.DIFFERENT);
    }

    @Test
    void swappedFirstAndLastNamesAreRecognisedAsCloseNotExact() {
        IdentityRecord straight = person("Anna", "Kowalska", null, null, null);
        IdentityRecord swapped = person("Kowalska", "Anna", null, null, null);

        FieldComparison first = compare(straight, swapped, MatchField.FIRST_NAME);
        FieldComparison last = compare(straight, swapped, MatchField.LAST_NAME);

        assertThat(first.level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(last.level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(first.note()).contains("swapped");
    }

    @Test
    void emailsArePickedAtTheirBestPairAndOnlyTheSameMailboxIsClose() {
        IdentityRecord a = new IdentityRecord(Identities.personRef("HUBSPOT"), "A", "B", null,
                List.of("a.b@acme.com", "ab@gmail.com"), List.of(), null, null, null);
        IdentityRecord b = person("A", "B", "A.B@ACME.COM", null, null);
        IdentityRecord gmailDots = person("A", "B", "a.b+crm@gmail.com", null, null);
        IdentityRecord digit = person("A", "B", "a.b2@acme.com", null, null);

        assertThat(compare(a, b, MatchField.EMAIL).level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(compare(a, gmailDots, MatchField.EMAIL).level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(compare(a, digit, MatchField.EMAIL).level()).as("a.b2@ is another person as often as not")
                .isEqualTo(ComparisonLevel.DIFFERENT);
    }

    @Test
    void phonesCompareInE164WhateverTheirFormat() {
        IdentityRecord raw = person("A", "B", null, "030/1234567", address(null, "10115", "Berlin", "DE"));
        IdentityRecord formatted = person("A", "B", null, "+49 30 1234567", null);
        IdentityRecord other = person("A", "B", null, "+49 30 7654321", null);

        FieldComparison same = compare(raw, formatted, MatchField.PHONE);
        assertThat(same.level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(same.termValue()).isEqualTo("+49301234567");
        assertThat(compare(raw, other, MatchField.PHONE).level()).isEqualTo(ComparisonLevel.DIFFERENT);
    }

    @Test
    void theEmployerAgreesOnAWorkEmailDomainOrTheCompanyNameButNotOnFreeMail() {
        IdentityRecord work = person("HUBSPOT", "A", "B", "a@acme.de", null, null, null, null);
        IdentityRecord account = person("SALESFORCE", "A", "B", null, null, "ACME GmbH", "www.acme.de", null);
        IdentityRecord byName = person("SALESFORCE", "A", "B", null, null, "Acme AG", null, null);
        IdentityRecord freeMail = person("HUBSPOT", "A", "B", "a@gmail.com", null, null, null, null);
        IdentityRecord otherFreeMail = person("HUBSPOT", "A", "B", "b@gmail.com", null, null, null, null);

        assertThat(compare(work, account, MatchField.EMPLOYER).level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(compare(account, byName, MatchField.EMPLOYER).level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(compare(freeMail, otherFreeMail, MatchField.EMPLOYER).level()).isEqualTo(ComparisonLevel.MISSING);
        assertThat(compare(work, person("HUBSPOT", "A", "B", "a@other.de", null, null, null, null),
                MatchField.EMPLOYER).level()).isEqualTo(ComparisonLevel.DIFFERENT);
    }

    @Test
    void anAddressSharedWithTheEmployerCountsOnceAsClose() {
        PostalAddress office = address("Hauptstraße 5", "10115", "Berlin", "DE");
        IdentityRecord colleagueA = person("HUBSPOT", "Anna", "Schmidt", "anna@acme.de", null, null, null, office);
        IdentityRecord colleagueB = person("HUBSPOT", "Petra", "Weber", "petra@acme.de", null, null, null, office);
        IdentityRecord home = person("HUBSPOT", "Anna", "Schmidt", "anna@gmail.com", null, null, null, office);

        FieldComparison workplace = compare(colleagueA, colleagueB, MatchField.ADDRESS);
        assertThat(workplace.level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(workplace.note()).contains("employer");
        assertThat(compare(home, person("Anna", "Schmidt", null, null, office), MatchField.ADDRESS).level())
                .isEqualTo(ComparisonLevel.EXACT);
        assertThat(compare(home, person("Anna", "Schmidt", null, null, address("Hauptstr. 7", "10115", "Berlin", "DE")),
                MatchField.ADDRESS).level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(compare(home, person("Anna", "Schmidt", null, null, address("Hauptstr. 5", "80331", "München", "DE")),
                MatchField.ADDRESS).level()).isEqualTo(ComparisonLevel.DIFFERENT);
    }

    @Test
    void companiesCompareOnNameWithoutLegalFormDomainPhoneAndAddress() {
        IdentityRecord inc = Identities.company("Acme, Inc.", "https://www.acme.com", "+1 415 555 0100", null);
        IdentityRecord plain = Identities.company("ACME", "acme.com", "(415) 555-0100",
                address("1 Market St", "94103", "San Francisco", "US"));
        IdentityRecord german = Identities.company("Acme GmbH", "acme.de", null, null);

        assertThat(compare(inc, plain, MatchField.COMPANY_NAME).level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(compare(inc, plain, MatchField.DOMAIN).level()).isEqualTo(ComparisonLevel.EXACT);
        assertThat(compare(inc, plain, MatchField.PHONE).level()).as("the national number read with the address country")
                .isEqualTo(ComparisonLevel.EXACT);
        assertThat(compare(inc, german, MatchField.DOMAIN).level()).isEqualTo(ComparisonLevel.CLOSE);
        assertThat(compare(inc, Identities.company("Acme Systems Ltd", null, null, null), MatchField.COMPANY_NAME)
                .level()).isEqualTo(ComparisonLevel.DIFFERENT);
    }
}
