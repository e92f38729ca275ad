package dev.ledgerline.devstack.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DuplicateContactGeneratorTest {

    private static final GeneratorSettings SETTINGS = GeneratorSettings.twoCrms("tenant-sim", 300, 1_500);

    static Stream<Long> seeds() {
        return Stream.of(1L, 42L, new Random().nextLong());
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        DuplicateContactGenerator generator = new DuplicateContactGenerator(SETTINGS);

        DuplicatePopulation first = generator.generate(7);
        DuplicatePopulation again = generator.generate(7);
        DuplicatePopulation other = generator.generate(8);

        assertThat(again.contacts()).isEqualTo(first.contacts());
        assertThat(again.accounts()).isEqualTo(first.accounts());
        assertThat(other.contacts()).isNotEqualTo(first.contacts());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void recordsAreValidWireRecordsSpreadOverBothCrms(long seed) {
        System.out.println("DuplicateContactGeneratorTest seed " + seed);
        DuplicatePopulation population = new DuplicateContactGenerator(SETTINGS).generate(seed);
        AvroSerde<Contact> contacts = AvroSerde.of(Contact.class);
        AvroSerde<Account> accounts = AvroSerde.of(Account.class);

        for (GeneratedContact generated : population.contacts()) {
            byte[] bytes = contacts.serializer().serialize("crm.contacts.v1", generated.contact());
            assertThat(contacts.deserializer().deserialize("crm.contacts.v1", bytes)).isEqualTo(generated.contact());
            assertThat(generated.contact().getTenantId()).isEqualTo("tenant-sim");
        }
        for (GeneratedAccount generated : population.accounts()) {
            accounts.serializer().serialize("crm.accounts.v1", generated.account());
        }
        assertThat(population.contacts().stream().map(c -> c.contact().getSource()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(CrmSource.HUBSPOT, CrmSource.SALESFORCE);
        assertThat(population.contacts().stream().map(c -> c.contact().getConnectionId() + c.contact().getExternalId())
                .distinct().count()).as("ids are unique per connection").isEqualTo(population.contacts().size());
        long linkedToAccount = population.contacts().stream()
                .filter(c -> population.accountOf(c.contact()).isPresent()).count();
        assertThat(linkedToAccount).isGreaterThan(population.contacts().size() / 3);
        population.contacts().stream().filter(c -> population.accountOf(c.contact()).isPresent()).forEach(c ->
                assertThat(population.accounts().stream().filter(a -> a.account() == population.accountOf(c.contact())
                        .orElseThrow()).findFirst().orElseThrow().companyId()).isEqualTo(c.companyId()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void duplicatesAppearWithinAndAcrossCrmsWrittenDifferently(long seed) {
        DuplicatePopulation population = new DuplicateContactGenerator(SETTINGS).generate(seed);
        Map<String, List<Contact>> byPerson = population.contacts().stream().collect(Collectors.groupingBy(
                GeneratedContact::personId, Collectors.mapping(GeneratedContact::contact, Collectors.toList())));

        assertThat(population.duplicateContactPairs()).isGreaterThan(300);
        assertThat(population.duplicateAccountPairs()).isGreaterThan(50);
        assertThat(byPerson.values().stream().anyMatch(records -> records.stream().map(Contact::getSource)
                .distinct().count() == 2)).as("the same person in HubSpot and Salesforce").isTrue();
        List<String> phones = population.contacts().stream().flatMap(c -> c.contact().getPhones().stream()).toList();
        assertThat(phones).anyMatch(p -> p.startsWith("+49 ")).anyMatch(p -> p.matches("0\\d+/\\d+"))
                .anyMatch(p -> p.startsWith("("));
        Set<String> firstNames = population.contacts().stream().map(c -> c.contact().getFirstName())
                .filter(n -> n != null).collect(Collectors.toSet());
        assertThat(firstNames).as("nicknames").containsAnyOf("Bob", "Bill", "Liz", "Mike", "Tom", "Jim");
        Set<String> lastNames = population.contacts().stream().map(c -> c.contact().getLastName())
                .filter(n -> n != null).collect(Collectors.toSet());
        assertThat(lastNames).as("the same name with and without its diacritics")
                .anyMatch(n -> n.equals("Müller")).anyMatch(n -> n.equals("Muller") || n.equals("Mueller"));
        assertThat(population.accounts().stream().map(a -> a.account().getName()))
                .anyMatch(n -> n.endsWith("GmbH")).anyMatch(n -> n.endsWith("Inc.") || n.endsWith("LLC"))
                .anyMatch(n -> n.endsWith("S.r.l.") || n.endsWith("Srl") || n.endsWith("S.p.A."));
        assertThat(population.contacts()).as("some fields are missing")
                .anyMatch(c -> c.contact().getEmails().isEmpty()).anyMatch(c -> c.contact().getPhones().isEmpty())
                .anyMatch(c -> c.contact().getAddress() == null);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void colleaguesAndNamesakesAreDifferentPeople(long seed) {
        DuplicatePopulation population = new DuplicateContactGenerator(SETTINGS).generate(seed);

        Map<String, Set<String>> peoplePerCompany = population.contacts().stream().filter(c -> c.companyId() != null)
                .collect(Collectors.groupingBy(GeneratedContact::companyId,
                        Collectors.mapping(GeneratedContact::personId, Collectors.toSet())));
        assertThat(peoplePerCompany.values()).as("several people at one company").anyMatch(p -> p.size() >= 5);

        Map<String, Set<String>> peoplePerName = population.contacts().stream()
                .filter(c -> c.contact().getFirstName() != null && c.contact().getLastName() != null)
                .collect(Collectors.groupingBy(c -> c.contact().getFirstName() + " " + c.contact().getLastName(),
                        Collectors.mapping(GeneratedContact::personId, Collectors.toSet())));
        assertThat(peoplePerName.values()).as("two different people with the same name").anyMatch(p -> p.size() >= 2);
    }
}
