package dev.ledgerline.simulator.company;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Contact records of which about 6 % are a second record of a person already entered, made the ways people end up
 * twice in a CRM: a nickname and a differently written e-mail, a private e-mail instead of the work one, a typo in
 * the last name, or a bare record with only name and e-mail. Distinct people may share a name: that is not a
 * duplicate, and the ground truth says so.
 */
public final class SimpleDuplicates implements PeopleSource {
    static final double DUPLICATE_SHARE = 0.06;
    private static final double EMPLOYED_SHARE = 0.85;
    private static final List<String> PRIVATE_DOMAINS = List.of("mail.example", "inbox.example", "post.example");

    @Override
    public List<PersonRecord> people(Random random, int count, List<Employer> employers) {
        List<PersonRecord> records = new ArrayList<>(count);
        List<Integer> originals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!originals.isEmpty() && random.nextDouble() < DUPLICATE_SHARE) {
                int original = Vocabulary.pick(random, originals);
                PersonRecord copy = duplicate(random, records.get(original));
                records.add(new PersonRecord(copy.firstName(), copy.lastName(), copy.email(), copy.additionalEmails(),
                        copy.phone(), copy.mobilePhone(), copy.jobTitle(), copy.address(),
                        records.get(original).employer(), original));
            } else {
                Integer employer = employers.isEmpty() || random.nextDouble() >= EMPLOYED_SHARE ? null
                        : random.nextInt(employers.size());
                records.add(person(random, employer == null ? null : employers.get(employer), employer));
                originals.add(i);
            }
        }
        return records;
    }

    private static PersonRecord person(Random random, Employer employer, Integer employerIndex) {
        String first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
        String last = Vocabulary.pick(random, Vocabulary.LAST_NAMES);
        Vocabulary.Place place = employer == null ? Vocabulary.pick(random, Vocabulary.PLACES)
                : Vocabulary.placeIn(random, employer.country());
        String local = switch (random.nextInt(3)) {
            case 0 -> Vocabulary.slug(first) + "." + Vocabulary.slug(last);
            case 1 -> Vocabulary.slug(first).charAt(0) + "." + Vocabulary.slug(last);
            default -> Vocabulary.slug(first) + Vocabulary.slug(last).charAt(0);
        };
        String email = employer == null ? privateEmail(random, first, last) : local + "@" + employer.domain();
        return new PersonRecord(first, last, email, List.of(), Vocabulary.phone(random, place),
                random.nextInt(10) < 4 ? Vocabulary.phone(random, place) : null,
                random.nextInt(10) < 8 ? Vocabulary.pick(random, Vocabulary.JOB_TITLES) : null,
                new Address(null, place.city(), place.region(), null, place.country()), employerIndex);
    }

    @Override
    public PersonRecord duplicate(Random random, PersonRecord original) {
        return switch (random.nextInt(4)) {
            // Entered again by someone who knows them by their short name, e-mail typed with capitals.
            case 0 -> new PersonRecord(nickname(original.firstName()), original.lastName(),
                    capitalised(original.email()), List.of(), reformatted(original.phone()), null,
                    original.jobTitle(), original.address(), original.employer());
            // Signed up again with a private address; the work address is kept as a secondary one.
            case 1 -> new PersonRecord(original.firstName(), original.lastName(),
                    privateEmail(random, original.firstName(), original.lastName()), List.of(original.email()),
                    original.phone(), original.mobilePhone(), null, original.address(), original.employer());
            // A typo in the last name, same e-mail.
            case 2 -> new PersonRecord(original.firstName(), typo(random, original.lastName()), original.email(),
                    List.of(), original.phone(), null, original.jobTitle(), original.address(), original.employer());
            // A bare record from a form: name and e-mail only.
            default -> new PersonRecord(original.firstName(), original.lastName(), original.email(), List.of(), null,
                    null, null, null, original.employer());
        };
    }

    private static String privateEmail(Random random, String first, String last) {
        return Vocabulary.slug(first) + "." + Vocabulary.slug(last) + (random.nextInt(90) + 10) + "@"
                + Vocabulary.pick(random, PRIVATE_DOMAINS);
    }

    private static String nickname(String first) {
        for (List<String> pair : Vocabulary.NICKNAMES) {
            if (pair.get(0).equals(first)) {
                return pair.get(1);
            }
        }
        return first.toUpperCase(Locale.ROOT);
    }

    private static String capitalised(String email) {
        int at = email.indexOf('@');
        return email.substring(0, 1).toUpperCase(Locale.ROOT) + email.substring(1, at) + email.substring(at);
    }

    /** "+49 30 5551234" written as "+49-30-5551234", as another person would type it. */
    private static String reformatted(String phone) {
        return phone == null ? null : phone.replace(' ', '-');
    }

    /** Two neighbouring letters swapped. */
    private static String typo(Random random, String name) {
        if (name.length() < 3) {
            return name + name.charAt(name.length() - 1);
        }
        int at = 1 + random.nextInt(name.length() - 2);
        char[] letters = name.toCharArray();
        char swapped = letters[at];
        letters[at] = letters[at + 1];
        letters[at + 1] = swapped;
        return new String(letters);
    }
}
