package dev.ledgerline.merge.identity;

import dev.ledgerline.merge.identity.NormalizedIdentity.NormalizedAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Compares two normalised records field by field and says, for each field of their kind, the comparison level and
 * the values that decided it. Similarity is Jaro–Winkler (Commons Text), which forgives typos and transposed letters
 * and weighs the start of a word most.
 */
public final class RecordComparator {

    /** Names at least this similar are CLOSE (Splink's usual upper Jaro–Winkler level). */
    static final double CLOSE_NAME_SIMILARITY = 0.9;
    static final double CLOSE_COMPANY_SIMILARITY = 0.92;
    static final double SAME_STREET_SIMILARITY = 0.93;

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    public List<FieldComparison> compare(NormalizedIdentity left, NormalizedIdentity right) {
        if (left.kind() != right.kind()) {
            throw new IllegalArgumentException("a " + left.kind() + " is never compared with a " + right.kind());
        }
        List<FieldComparison> comparisons = new ArrayList<>();
        if (left.kind() == IdentityKind.PERSON) {
            comparisons.addAll(names(left, right));
            comparisons.add(emails(left, right));
            comparisons.add(phones(left, right));
            FieldComparison employer = employers(left, right);
            comparisons.add(employer);
            comparisons.add(workplaceAware(addresses(left.address(), right.address()), employer));
        } else {
            comparisons.add(companyNames(left.companyName(), right.companyName()));
            comparisons.add(domains(left.domain(), right.domain()));
            comparisons.add(phones(left, right));
            comparisons.add(addresses(left.address(), right.address()));
        }
        return comparisons;
    }

    /**
     * Colleagues share their employer and, with it, the office address: when the employer agrees, the same address
     * is mostly the same office and counts as CLOSE only, or the workplace would be counted twice.
     */
    static FieldComparison workplaceAware(FieldComparison address, FieldComparison employer) {
        if (address.level() == ComparisonLevel.EXACT && agrees(employer)) {
            return new FieldComparison(MatchField.ADDRESS, ComparisonLevel.CLOSE, address.left(), address.right(),
                    null, "same address as the employer's: counted once");
        }
        return address;
    }

    /** First and last name, in the order that fits better when one record has them swapped. */
    static List<FieldComparison> names(NormalizedIdentity left, NormalizedIdentity right) {
        FieldComparison first = firstName(left.firstName(), right.firstName());
        FieldComparison last = lastName(left.lastName(), right.lastName());
        if (first.level() == ComparisonLevel.DIFFERENT && last.level() == ComparisonLevel.DIFFERENT) {
            FieldComparison swappedFirst = firstName(left.firstName(), right.lastName());
            FieldComparison swappedLast = lastName(left.lastName(), right.firstName());
            if (agrees(swappedFirst) && agrees(swappedLast)) {
                // Swapped names are weaker evidence than names in place (a Jones George is not always a George Jones).
                return List.of(swapped(swappedFirst), swapped(swappedLast));
            }
        }
        return List.of(first, last);
    }

    private static boolean agrees(FieldComparison comparison) {
        return comparison.level() == ComparisonLevel.EXACT || comparison.level() == ComparisonLevel.CLOSE;
    }

    private static FieldComparison swapped(FieldComparison c) {
        String note = "first and last name swapped" + (c.note() == null ? "" : "; " + c.note());
        return new FieldComparison(c.field(), ComparisonLevel.CLOSE, c.left(), c.right(), null, note);
    }

    static FieldComparison firstName(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return FieldComparison.missing(MatchField.FIRST_NAME, left, right);
        }
        String a = TextFolding.compact(left);
        String b = TextFolding.compact(right);
        if (a.equals(b)) {
            return exact(MatchField.FIRST_NAME, left, right, a);
        }
        if (!Nicknames.canonical(a).equals(a) || !Nicknames.canonical(b).equals(b)) {
            if (Nicknames.canonical(a).equals(Nicknames.canonical(b))) {
                return close(MatchField.FIRST_NAME, left, right, "nickname of " + Nicknames.canonical(a));
            }
        }
        if ((a.length() == 1 || b.length() == 1) && a.charAt(0) == b.charAt(0)) {
            return close(MatchField.FIRST_NAME, left, right, "initial");
        }
        // "Anna Maria" and "Anna": one record kept only the first given name.
        if (left.split(" ")[0].equals(right.split(" ")[0])) {
            return close(MatchField.FIRST_NAME, left, right, "same first given name");
        }
        return similarName(MatchField.FIRST_NAME, left, right, a, b);
    }

    static FieldComparison lastName(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return FieldComparison.missing(MatchField.LAST_NAME, left, right);
        }
        String a = TextFolding.compact(left);
        String b = TextFolding.compact(right);
        if (a.equals(b)) {
            return exact(MatchField.LAST_NAME, left, right, a);
        }
        // Double-barrelled names: "Garcia Lopez" and "Garcia".
        List<String> leftWords = Arrays.asList(left.split(" "));
        List<String> rightWords = Arrays.asList(right.split(" "));
        if (leftWords.size() != rightWords.size()
                && (leftWords.containsAll(rightWords) || rightWords.containsAll(leftWords))) {
            return close(MatchField.LAST_NAME, left, right, "one name part missing");
        }
        return similarName(MatchField.LAST_NAME, left, right, a, b);
    }

    private static FieldComparison similarName(MatchField field, String left, String right, String a, String b) {
        if (TextFolding.undoUmlautSpelling(a).equals(TextFolding.undoUmlautSpelling(b))) {
            return close(field, left, right, "umlaut transcription (ue = ü)");
        }
        double similarity = JARO_WINKLER.apply(a, b);
        if (similarity >= CLOSE_NAME_SIMILARITY) {
            return close(field, left, right, similarityNote(similarity));
        }
        return different(field, left, right);
    }

    static FieldComparison emails(NormalizedIdentity left, NormalizedIdentity right) {
        if (left.emails().isEmpty() || right.emails().isEmpty()) {
            return FieldComparison.missing(MatchField.EMAIL, first(left.emails()), first(right.emails()));
        }
        FieldComparison best = null;
        for (String a : left.emails()) {
            for (String b : right.emails()) {
                FieldComparison c = email(a, b);
                if (best == null || c.level().ordinal() < best.level().ordinal()) {
                    best = c;
                }
            }
        }
        return best;
    }

    private static FieldComparison email(String a, String b) {
        if (a.equals(b)) {
            return new FieldComparison(MatchField.EMAIL, ComparisonLevel.EXACT, a, b, null, null);
        }
        // Only the same mailbox is close: john.smith2@ is a different John Smith as often as a typo.
        if (canonicalEmail(a).equals(canonicalEmail(b))) {
            return close(MatchField.EMAIL, a, b, "same mailbox (dots or +tag)");
        }
        return different(MatchField.EMAIL, a, b);
    }

    /** Mailbox identity: "+tags" dropped, and Gmail's dots, which Gmail itself ignores. */
    static String canonicalEmail(String email) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            return local.replace(".", "") + "@gmail.com";
        }
        return local + "@" + domain;
    }

    static FieldComparison phones(NormalizedIdentity left, NormalizedIdentity right) {
        if (left.phones().isEmpty() || right.phones().isEmpty()) {
            return FieldComparison.missing(MatchField.PHONE, first(left.phones()), first(right.phones()));
        }
        for (String a : left.phones()) {
            if (right.phones().contains(a)) {
                return exact(MatchField.PHONE, a, a, a);
            }
        }
        return different(MatchField.PHONE, left.phones().get(0), right.phones().get(0));
    }

    static FieldComparison companyNames(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return FieldComparison.missing(MatchField.COMPANY_NAME, left, right);
        }
        String a = TextFolding.compact(left);
        String b = TextFolding.compact(right);
        if (a.equals(b)) {
            return exact(MatchField.COMPANY_NAME, left, right, a);
        }
        String[] leftWords = left.split(" ");
        String[] rightWords = right.split(" ");
        Arrays.sort(leftWords);
        Arrays.sort(rightWords);
        if (Arrays.equals(leftWords, rightWords)) {
            return close(MatchField.COMPANY_NAME, left, right, "same words in another order");
        }
        if (TextFolding.undoUmlautSpelling(a).equals(TextFolding.undoUmlautSpelling(b))) {
            return close(MatchField.COMPANY_NAME, left, right, "umlaut transcription (ue = ü)");
        }
        double similarity = JARO_WINKLER.apply(a, b);
        if (similarity >= CLOSE_COMPANY_SIMILARITY) {
            return close(MatchField.COMPANY_NAME, left, right, similarityNote(similarity));
        }
        return different(MatchField.COMPANY_NAME, left, right);
    }

    /**
     * A person's employer: EXACT on a shared non-free-mail domain (email or company web domain) or the same company
     * name, CLOSE on similar company names, DIFFERENT when both name an employer and neither agrees. One field, not
     * two: domain and company name say the same thing, and adding both would count it twice.
     */
    static FieldComparison employers(NormalizedIdentity left, NormalizedIdentity right) {
        boolean leftKnown = !left.emailDomains().isEmpty() || !left.companyName().isEmpty();
        boolean rightKnown = !right.emailDomains().isEmpty() || !right.companyName().isEmpty();
        String leftLabel = employerLabel(left);
        String rightLabel = employerLabel(right);
        if (!leftKnown || !rightKnown) {
            return FieldComparison.missing(MatchField.EMPLOYER, leftLabel, rightLabel);
        }
        for (String domain : left.emailDomains().stream().sorted().toList()) {
            if (right.emailDomains().contains(domain)) {
                return exact(MatchField.EMPLOYER, domain, domain, TermValues.employerDomain(domain));
            }
        }
        FieldComparison names = companyNames(left.companyName(), right.companyName());
        return switch (names.level()) {
            case EXACT -> exact(MatchField.EMPLOYER, left.companyName(), right.companyName(),
                    TermValues.employerName(left.companyName()));
            case CLOSE -> close(MatchField.EMPLOYER, left.companyName(), right.companyName(), names.note());
            default -> different(MatchField.EMPLOYER, leftLabel, rightLabel);
        };
    }

    private static String employerLabel(NormalizedIdentity identity) {
        String domains = String.join(" ", identity.emailDomains().stream().sorted().toList());
        if (identity.companyName().isEmpty()) {
            return domains;
        }
        return domains.isEmpty() ? identity.companyName() : identity.companyName() + " (" + domains + ")";
    }

    static FieldComparison domains(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return FieldComparison.missing(MatchField.DOMAIN, left, right);
        }
        if (left.equals(right)) {
            return new FieldComparison(MatchField.DOMAIN, ComparisonLevel.EXACT, left, right, null, null);
        }
        if (registrableLabel(left).equals(registrableLabel(right))) {
            return close(MatchField.DOMAIN, left, right, "same name under another top-level domain");
        }
        return different(MatchField.DOMAIN, left, right);
    }

    /** "shop.acme.co.uk" → "acme": the label before the public suffix, roughly (two-letter second levels skipped). */
    private static String registrableLabel(String domain) {
        String[] labels = domain.split("\\.");
        int index = labels.length - 2;
        if (index > 0 && labels[index].length() <= 3 && labels[labels.length - 1].length() == 2) {
            index--;
        }
        return labels[Math.max(index, 0)];
    }

    static FieldComparison addresses(NormalizedAddress left, NormalizedAddress right) {
        String a = describe(left);
        String b = describe(right);
        if (left.isEmpty() || right.isEmpty()) {
            return FieldComparison.missing(MatchField.ADDRESS, a, b);
        }
        if (!left.countryCode().isEmpty() && !right.countryCode().isEmpty()
                && !left.countryCode().equals(right.countryCode())) {
            return different(MatchField.ADDRESS, a, b);
        }
        boolean samePlace = left.postalCode().isEmpty() || right.postalCode().isEmpty()
                ? !left.city().isEmpty() && left.city().equals(right.city())
                : left.postalCode().equals(right.postalCode());
        if (!samePlace) {
            return different(MatchField.ADDRESS, a, b);
        }
        if (!left.street().isEmpty() && !right.street().isEmpty()
                && houseNumbers(left.street()).equals(houseNumbers(right.street()))
                && JARO_WINKLER.apply(left.street(), right.street()) >= SAME_STREET_SIMILARITY) {
            // An office address is shared by everyone working there: its frequency weakens the evidence.
            return new FieldComparison(MatchField.ADDRESS, ComparisonLevel.EXACT, a, b, TermValues.address(left), null);
        }
        return close(MatchField.ADDRESS, a, b, "same postal code or city, not the same street");
    }

    /** The digits of a street line: Hauptstraße 5 and Hauptstraße 7 are similar text but different houses. */
    private static String houseNumbers(String street) {
        return street.replaceAll("[^0-9]", "");
    }

    private static String describe(NormalizedAddress address) {
        List<String> parts = new ArrayList<>();
        for (String part : List.of(address.street(), address.postalCode(), address.city(), address.countryCode())) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return String.join(", ", parts);
    }

    private static FieldComparison exact(MatchField field, String left, String right, String termValue) {
        return new FieldComparison(field, ComparisonLevel.EXACT, left, right, termValue, null);
    }

    private static FieldComparison close(MatchField field, String left, String right, String note) {
        return new FieldComparison(field, ComparisonLevel.CLOSE, left, right, null, note);
    }

    private static FieldComparison different(MatchField field, String left, String right) {
        return new FieldComparison(field, ComparisonLevel.DIFFERENT, left, right, null, null);
    }

    private static String similarityNote(double similarity) {
        return String.format(Locale.ROOT, "Jaro-Winkler %.2f", similarity);
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.get(0);
    }
}
