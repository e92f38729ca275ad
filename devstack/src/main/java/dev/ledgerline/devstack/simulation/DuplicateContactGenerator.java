package dev.ledgerline.devstack.simulation;

import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Address;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Op;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a tenant's CRM accounts and contacts with realistic duplicates and their ground truth, deterministic
 * for a seed. A person or company appears in one or more records, in one CRM or both, and each record is written
 * as a different person or system would write it: typos and transposed letters, swapped first and last names,
 * nicknames (Bob for Robert), missing fields, phones formatted or raw (+49 30 1234567 vs 030/1234567), moved
 * addresses, company legal forms written differently or left out (Inc, Ltd, GmbH, S.r.l. …), diacritics dropped
 * or transcribed (Müller, Muller, Mueller). Traps that are not duplicates: colleagues at one company (same email
 * domain, switchboard and address), and different people with the same common name.
 */
public final class DuplicateContactGenerator {

    /** Short forms people go by; the engine under test has its own list, this one is how people write. */
    private static final Map<String, List<String>> NICKNAMES = Map.ofEntries(
            Map.entry("Robert", List.of("Bob", "Rob", "Bobby")), Map.entry("William", List.of("Bill", "Will")),
            Map.entry("Elizabeth", List.of("Liz", "Beth", "Betty")), Map.entry("Margaret", List.of("Maggie", "Peggy")),
            Map.entry("Thomas", List.of("Tom")), Map.entry("Michael", List.of("Mike")), Map.entry("James", List.of("Jim", "Jimmy")),
            Map.entry("Richard", List.of("Rick", "Dick")), Map.entry("Christopher", List.of("Chris")),
            Map.entry("Alexander", List.of("Alex")), Map.entry("Daniel", List.of("Dan", "Danny")),
            Map.entry("Matthew", List.of("Matt")), Map.entry("Joseph", List.of("Joe")), Map.entry("Anthony", List.of("Tony")),
            Map.entry("Samuel", List.of("Sam")), Map.entry("Nicholas", List.of("Nick")), Map.entry("Rebecca", List.of("Becky")),
            Map.entry("Victoria", List.of("Vicky")), Map.entry("Jennifer", List.of("Jen", "Jenny")),
            Map.entry("Patricia", List.of("Pat", "Trish")), Map.entry("Steven", List.of("Steve")),
            Map.entry("Susan", List.of("Sue")), Map.entry("Catherine", List.of("Kate", "Cathy")),
            Map.entry("Johannes", List.of("Hans")), Map.entry("Wojciech", List.of("Wojtek")),
            Map.entry("Katarzyna", List.of("Kasia")), Map.entry("Małgorzata", List.of("Gosia")),
            Map.entry("Aleksander", List.of("Olek")), Map.entry("Edward", List.of("Ed", "Ted")),
            Map.entry("Peter", List.of("Pete")), Map.entry("Philip", List.of("Phil")), Map.entry("Eleanor", List.of("Ellie")),
            Map.entry("Kimberly", List.of("Kim")), Map.entry("Isabella", List.of("Bella")), Map.entry("José", List.of("Pepe")),
            Map.entry("Jessica", List.of("Jess")), Map.entry("Katharina", List.of("Kathi")));
    private static final String[] TITLES = {"Sales Manager", "CFO", "Head of Purchasing", "Account Executive",
        "Office Manager", "Geschäftsführer", "Buyer", "Operations Lead", "CEO", "Controller"};
    private static final List<String> RARE_NAME_MIDDLES = List.of("en", "er", "an", "ol", "ing", "ar", "el", "is", "om",
            "ur", "at", "ik", "os", "un", "ev", "ad");
    private static final Instant BASE_TIME = Instant.parse("2025-01-01T00:00:00Z");

    private final GeneratorSettings settings;

    public DuplicateContactGenerator(GeneratorSettings settings) {
        this.settings = settings;
    }

    public DuplicatePopulation generate(long seed) {
        Run run = new Run(new SplittableRandom(seed));
        List<CompanyTruth> companies = new ArrayList<>();
        for (int i = 0; i < settings.companies(); i++) {
            companies.add(run.company("company-" + i));
        }
        List<GeneratedAccount> accounts = new ArrayList<>();
        for (CompanyTruth company : companies) {
            accounts.addAll(run.accounts(company));
        }
        List<PersonTruth> persons = new ArrayList<>();
        for (int i = 0; i < settings.persons(); i++) {
            persons.add(run.person("person-" + i, companies, persons));
        }
        List<GeneratedContact> contacts = new ArrayList<>();
        for (PersonTruth person : persons) {
            contacts.addAll(run.contacts(person));
        }
        run.shuffle(accounts);
        run.shuffle(contacts);
        return new DuplicatePopulation(seed, accounts, contacts);
    }

    private record Place(Country country, String postalCode, String city, int areaIndex, String street) {
    }

    private record CompanyTruth(String id, Country country, String name, String legalForm, String domain,
            String phone, Place place, Map<String, String> accountIdByConnection) {
    }

    private record PersonTruth(String id, Country country, String first, String last, CompanyTruth company,
            String workEmail, String privateEmail, String mobile, boolean usesSwitchboard, Place home) {
    }

    /** One generation: all randomness from one seeded source, so a seed replays exactly. */
    private final class Run {
        private final SplittableRandom random;
        private final Set<String> companyNames = new HashSet<>();
        private final Set<String> domains = new HashSet<>();
        private final Set<String> emails = new HashSet<>();
        private final Set<String> ids = new HashSet<>();

        Run(SplittableRandom random) {
            this.random = random;
        }

        CompanyTruth company(String id) {
            Country country = country();
            String name;
            do {
                name = switch (random.nextInt(3)) {
                    case 0 -> pick(Countries.COMPANY_WORDS) + " " + pick(Countries.COMPANY_TRADES);
                    case 1 -> lastName(country) + " " + pick(Countries.COMPANY_TRADES);
                    default -> pick(Countries.COMPANY_WORDS) + " " + lastName(country);
                };
            } while (!companyNames.add(Spelling.slug(name) + country.countryCode()));
            String domain = Spelling.slug(name) + "." + country.topLevelDomain();
            for (int n = 2; !domains.add(domain); n++) {
                domain = Spelling.slug(name) + n + "." + country.topLevelDomain();
            }
            Place place = place(country);
            return new CompanyTruth(id, country, name, country.legalForms().get(zipf(country.legalForms().size(), 1.0)),
                    domain, phoneNumber(country, place.areaIndex()), place, new java.util.HashMap<>());
        }

        /** One account in one CRM; a duplicated company also in the other CRMs, now and then twice in one. */
        List<GeneratedAccount> accounts(CompanyTruth company) {
            List<GeneratedAccount> accounts = new ArrayList<>();
            CrmConnection home = pick(settings.connections());
            accounts.add(account(company, home));
            if (random.nextDouble() < settings.duplicateShare()) {
                for (CrmConnection connection : settings.connections()) {
                    if (!connection.equals(home) && random.nextDouble() < 0.85) {
                        accounts.add(account(company, connection));
                    }
                }
                if (accounts.size() == 1 || random.nextDouble() < 0.15) {
                    accounts.add(account(company, home));
                }
            }
            return accounts;
        }

        private GeneratedAccount account(CompanyTruth company, CrmConnection connection) {
            String externalId = externalId(connection, true);
            company.accountIdByConnection().putIfAbsent(connection.connectionId(), externalId);
            String name = switch (random.nextInt(10)) {
                case 0, 1, 2 -> company.name();
                case 3 -> company.name().toUpperCase(java.util.Locale.ROOT);
                case 4 -> otherLegalForm(company) == null ? company.name() : company.name() + " " + otherLegalForm(company);
                case 5 -> random.nextBoolean() ? Spelling.withoutDiacritics(company.name() + " " + company.legalForm())
                        : company.name() + ", " + company.legalForm();
                default -> company.name() + " " + company.legalForm();
            };
            if (random.nextDouble() < 0.03) {
                name = Spelling.typo(name, random);
            }
            String domain = random.nextDouble() < 0.25 ? null : switch (random.nextInt(4)) {
                case 0 -> "https://www." + company.domain();
                case 1 -> "www." + company.domain();
                default -> company.domain();
            };
            String phone = random.nextDouble() < 0.3 ? null
                    : formatPhone(company.country(), company.phone(), random.nextDouble() < 0.7);
            Place place = random.nextDouble() < 0.1 ? place(company.country()) : company.place();
            Address address = random.nextDouble() < 0.25 ? null : address(place, random.nextDouble() < 0.85);
            long created = createdAt();
            Account account = Account.newBuilder()
                    .setTenantId(settings.tenantId()).setConnectionId(connection.connectionId())
                    .setSource(connection.source()).setExternalId(externalId).setOp(Op.UPSERT)
                    .setSourceUpdatedAt(Instant.ofEpochMilli(created + 3_600_000L))
                    .setSyncedAt(Instant.ofEpochMilli(created + 3_660_000L))
                    .setName(name).setDomain(domain).setPhone(phone).setAddress(address)
                    .setIndustry(null).setRegion(null).setEmployeeCount(null).setAnnualRevenue(null)
                    .setParentAccountId(null).setOwnerId(null).setCreatedAt(Instant.ofEpochMilli(created))
                    .build();
            return new GeneratedAccount(account, company.id());
        }

        private String otherLegalForm(CompanyTruth company) {
            List<String> forms = company.country().legalForms().stream()
                    .filter(f -> !f.equals(company.legalForm())).toList();
            return forms.isEmpty() ? null : pick(forms);
        }

        PersonTruth person(String id, List<CompanyTruth> companies, List<PersonTruth> earlier) {
            CompanyTruth company = random.nextDouble() < settings.employedShare()
                    ? companies.get(random.nextInt(companies.size())) : null;
            Country country = company != null && random.nextDouble() < 0.8 ? company.country() : country();
            String first = country.firstNames().get(zipf(country.firstNames().size(), 0.5));
            String last = lastName(country);
            if (!earlier.isEmpty() && random.nextDouble() < settings.sameNameShare()) {
                // A namesake: same common name, otherwise a different person.
                PersonTruth other = earlier.get(random.nextInt(earlier.size()));
                first = other.first();
                last = other.last();
                country = other.country();
            }
            String local = Spelling.slug(first) + "." + Spelling.slug(last);
            String workEmail = company == null ? null : unique(local, company.domain());
            String privateEmail = random.nextDouble() < (company == null ? 0.95 : 0.3)
                    ? unique(privateLocal(first, last), pick(Countries.FREE_MAIL)) : null;
            Place home = place(country);
            return new PersonTruth(id, country, first, last, company, workEmail, privateEmail,
                    phoneNumber(country, home.areaIndex()), company != null && random.nextDouble() < 0.3, home);
        }

        List<GeneratedContact> contacts(PersonTruth person) {
            int records = 1;
            if (random.nextDouble() < settings.duplicateShare()) {
                records = 2 + (random.nextDouble() < 0.25 ? 1 : 0) + (random.nextDouble() < 0.2 ? 1 : 0);
            }
            List<GeneratedContact> contacts = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                contacts.add(contact(person, pick(settings.connections())));
            }
            return contacts;
        }

        private GeneratedContact contact(PersonTruth person, CrmConnection connection) {
            String first = person.first();
            String last = person.last();
            if (NICKNAMES.containsKey(first) && random.nextDouble() < 0.2) {
                first = pick(NICKNAMES.get(first));
            }
            first = diacriticVariant(first);
            last = diacriticVariant(last);
            if (random.nextDouble() < 0.04) {
                last = Spelling.typo(last, random);
            } else if (random.nextDouble() < 0.03) {
                last = Spelling.transposed(last, random);
            }
            if (random.nextDouble() < 0.04) {
                first = Spelling.typo(first, random);
            }
            if (random.nextDouble() < 0.04) {
                last = last.toUpperCase(java.util.Locale.ROOT);
            }
            if (random.nextDouble() < 0.02) {
                String swap = first;
                first = last;
                last = swap;
            }
            String firstName = random.nextDouble() < 0.03 ? null : first;
            String lastName = random.nextDouble() < 0.02 ? null : last;
            String name = (firstName == null ? "" : firstName + " ") + (lastName == null ? "" : lastName);
            double nameStyle = random.nextDouble();
            if (nameStyle < 0.08) {
                firstName = null;
                lastName = null;
            } else if (nameStyle < 0.11) {
                name = last + ", " + first;
                firstName = null;
                lastName = null;
            }
            List<String> emails = new ArrayList<>();
            CompanyTruth company = person.company();
            if (person.workEmail() != null && random.nextDouble() < 0.85) {
                emails.add(random.nextDouble() < 0.03 ? "info@" + company.domain() : caseVariant(person.workEmail()));
            }
            if (person.privateEmail() != null && random.nextDouble() < (emails.isEmpty() ? 0.7 : 0.2)) {
                emails.add(caseVariant(person.privateEmail()));
            }
            Place place = company != null && random.nextDouble() < 0.7 ? company.place() : person.home();
            if (random.nextDouble() < 0.1) {
                place = place(place.country());
            }
            Address address = random.nextDouble() < 0.4 ? null : address(place, random.nextDouble() < 0.85);
            boolean national = address != null && address.getCountryCode() != null
                    && address.getCountryCode().equals(person.country().countryCode()) && random.nextDouble() < 0.6;
            List<String> phones = new ArrayList<>();
            if (random.nextDouble() < 0.6) {
                String number = person.usesSwitchboard() ? company.phone() : person.mobile();
                Country numberCountry = person.usesSwitchboard() ? company.country() : person.country();
                phones.add(formatPhone(numberCountry, number, national && numberCountry == person.country()));
            }
            String accountId = company == null ? null : company.accountIdByConnection().get(connection.connectionId());
            long created = createdAt();
            Contact contact = Contact.newBuilder()
                    .setTenantId(settings.tenantId()).setConnectionId(connection.connectionId())
                    .setSource(connection.source()).setExternalId(externalId(connection, false)).setOp(Op.UPSERT)
                    .setSourceUpdatedAt(Instant.ofEpochMilli(created + 7_200_000L))
                    .setSyncedAt(Instant.ofEpochMilli(created + 7_260_000L))
                    .setFirstName(firstName).setLastName(lastName).setName(name.isBlank() ? null : name.strip())
                    .setEmails(emails).setPhones(phones)
                    .setTitle(company == null ? null : TITLES[random.nextInt(TITLES.length)])
                    .setAccountId(accountId).setAddress(address).setLifecycleStage(null).setLeadSource(null)
                    .setOwnerId(null).setCreatedAt(Instant.ofEpochMilli(created)).setDealIds(List.of())
                    .build();
            return new GeneratedContact(contact, person.id(), company == null ? null : company.id());
        }

        private String diacriticVariant(String name) {
            if (!Spelling.hasDiacritics(name)) {
                return name;
            }
            double style = random.nextDouble();
            return style < 0.35 ? Spelling.withoutDiacritics(name) : style < 0.55 ? Spelling.transcribed(name) : name;
        }

        private String caseVariant(String email) {
            double style = random.nextDouble();
            if (style < 0.05) {
                return email.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + email.substring(1);
            }
            return style < 0.08 ? " " + email + " " : email;
        }

        private String privateLocal(String first, String last) {
            return switch (random.nextInt(4)) {
                case 0 -> Spelling.slug(first) + "." + Spelling.slug(last);
                case 1 -> Spelling.slug(first) + Spelling.slug(last) + (random.nextInt(90) + 10);
                case 2 -> Spelling.slug(first).charAt(0) + Spelling.slug(last);
                default -> Spelling.slug(last) + "." + Spelling.slug(first) + random.nextInt(10);
            };
        }

        private String unique(String local, String domain) {
            String email = local + "@" + domain;
            for (int n = 2; !emails.add(email); n++) {
                email = local + n + "@" + domain;
            }
            return email;
        }

        private String lastName(Country country) {
            if (random.nextDouble() < 0.8) {
                // The long tail: a country's most common names are a few percent of its people, most names are rare.
                String start = pick(country.rareNameStarts());
                if (random.nextDouble() < 0.7) {
                    start += pick(RARE_NAME_MIDDLES);
                }
                if (random.nextDouble() < 0.3) {
                    start += pick(country.rareNameStarts()).toLowerCase(java.util.Locale.ROOT);
                }
                return start + pick(country.rareNameEnds());
            }
            return country.lastNames().get(zipf(country.lastNames().size(), 1.0));
        }

        private Place place(Country country) {
            String[] city = pick(country.cities()).split("\\|");
            return new Place(country, city[0], city[1], Integer.parseInt(city[2]),
                    country.streetNumberPattern().replace("Street", pick(country.streets()))
                            .replace("N", String.valueOf(1 + random.nextInt(180))));
        }

        private Address address(Place place, boolean withCountryCode) {
            return Address.newBuilder().setStreet(place.street()).setCity(place.city()).setRegion(null)
                    .setPostalCode(place.postalCode()).setCountry(place.country().countryName())
                    .setCountryCode(withCountryCode ? place.country().countryCode() : null).build();
        }

        /** Area code index and subscriber number, e.g. "0|1234567". */
        private String phoneNumber(Country country, int areaIndex) {
            StringBuilder subscriber = new StringBuilder().append(2 + random.nextInt(8));
            for (int i = 1; i < country.subscriberDigits(); i++) {
                subscriber.append(random.nextInt(10));
            }
            return Math.min(areaIndex, country.areaCodes().size() - 1) + "|" + subscriber;
        }

        /** The same number as people write it: +49 30 1234567, +49301234567, 030/1234567, (030) 123 45 67 … */
        private String formatPhone(Country country, String number, boolean national) {
            String[] parts = number.split("\\|");
            String area = country.areaCodes().get(Integer.parseInt(parts[0]));
            String subscriber = parts[1];
            String grouped = subscriber.substring(0, 3) + " " + subscriber.substring(3);
            if (!national) {
                return switch (random.nextInt(3)) {
                    case 0 -> "+" + country.phoneCountryCode() + " " + area + " " + subscriber;
                    case 1 -> "+" + country.phoneCountryCode() + area + subscriber;
                    default -> "+" + country.phoneCountryCode() + " " + area + " " + grouped;
                };
            }
            String trunk = country.trunkPrefix() + area;
            return switch (random.nextInt(4)) {
                case 0 -> trunk + "/" + subscriber;
                case 1 -> "(" + trunk + ") " + grouped;
                case 2 -> trunk + "-" + subscriber;
                default -> trunk + " " + grouped;
            };
        }

        private String externalId(CrmConnection connection, boolean account) {
            String id;
            do {
                id = connection.source() == CrmSource.SALESFORCE
                        ? (account ? "001" : "003") + "5g00000" + Long.toString(random.nextLong(1L << 40, 1L << 45), 36)
                        : Long.toString(random.nextLong(10_000_000L, 99_999_999_999L));
            } while (!ids.add(connection.connectionId() + id));
            return id;
        }

        private long createdAt() {
            return BASE_TIME.toEpochMilli() + random.nextLong(365L * 24 * 3_600_000L);
        }

        private Country country() {
            double r = random.nextDouble();
            for (int i = 0; i < Countries.ALL.size(); i++) {
                r -= Countries.WEIGHTS[i];
                if (r < 0) {
                    return Countries.ALL.get(i);
                }
            }
            return Countries.ALL.get(0);
        }

        /** An index in [0, n) with Zipf weights 1/(i+1)^s: the first entries of a list are the common ones. */
        private int zipf(int n, double exponent) {
            double harmonic = 0;
            for (int i = 1; i <= n; i++) {
                harmonic += Math.pow(i, -exponent);
            }
            double r = random.nextDouble() * harmonic;
            for (int i = 0; i < n; i++) {
                r -= Math.pow(i + 1, -exponent);
                if (r < 0) {
                    return i;
                }
            }
            return n - 1;
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        <T> void shuffle(List<T> values) {
            for (int i = values.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                T swap = values.get(i);
                values.set(i, values.get(j));
                values.set(j, swap);
            }
        }
    }
}
