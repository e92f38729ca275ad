package dev.ledgerline.merge.identity;

import dev.ledgerline.merge.identity.NormalizedIdentity.NormalizedAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns an {@link IdentityRecord} as the CRM holds it into the {@link NormalizedIdentity} the engine compares. */
public final class IdentityNormalizer {

    private static final Set<String> FREE_MAIL_DOMAINS = WordLists.set("free-mail-domains.txt");
    private static final Set<String> ROLE_MAILBOXES = WordLists.set("role-mailboxes.txt");
    private static final Set<String> COMPANY_SUFFIXES = WordLists.set("company-suffixes.txt");
    private static final Set<String> NAME_TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "herr", "frau",
            "jr", "sr", "ii", "iii", "iv", "phd", "md", "mba");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern GERMAN_STREET_SUFFIX = Pattern.compile("(?<=[a-z])(strasse|str)\\b");
    private static final Pattern STREET_WORDS = Pattern.compile(
            "\\b(strasse|str|street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|platz|pl|weg|via|rue|calle|ulica|ul)\\b");

    private final String defaultRegion;

    /**
     * @param defaultRegion the tenant's ISO 3166-1 country for phone numbers written without a country code when the
     *                      record's address names none; null when the tenant has none (such numbers are then dropped)
     */
    public IdentityNormalizer(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public NormalizedIdentity normalize(IdentityRecord record) {
        String first = personName(record.firstName());
        String last = personName(record.lastName());
        if (record.kind() == IdentityKind.PERSON && first.isEmpty() && last.isEmpty()) {
            String[] split = splitFullName(record.fullName());
            first = personName(split[0]);
            last = personName(split[1]);
        }
        List<String> emails = new ArrayList<>();
        List<String> roleEmails = new ArrayList<>();
        Set<String> domains = new LinkedHashSet<>();
        for (String raw : record.emails()) {
            String email = email(raw);
            if (email.isEmpty()) {
                continue;
            }
            String local = email.substring(0, email.indexOf('@'));
            String emailDomain = email.substring(email.indexOf('@') + 1);
            List<String> target = ROLE_MAILBOXES.contains(local) ? roleEmails : emails;
            if (!target.contains(email)) {
                target.add(email);
            }
            if (!FREE_MAIL_DOMAINS.contains(emailDomain)) {
                domains.add(emailDomain);
            }
        }
        String domain = domain(record.domain());
        if (!domain.isEmpty()) {
            domains.add(domain);
        }
        PostalAddress address = record.address();
        String region = address != null && address.countryCode() != null && !address.countryCode().isBlank()
                ? address.countryCode() : defaultRegion;
        List<String> phones = new ArrayList<>();
        for (String raw : record.phones()) {
            PhoneNumbers.e164(raw, region).filter(p -> !phones.contains(p)).ifPresent(phones::add);
        }
        String companyName = companyName(record.companyName());
        if (record.kind() == IdentityKind.COMPANY && companyName.isEmpty()) {
            companyName = companyName(record.fullName());
        }
        return new NormalizedIdentity(record.ref(), first, last, emails, roleEmails, domains, phones, companyName,
                domain, address(address));
    }

    /** A person's name folded, without titles (Dr, Mr) and generational suffixes (Jr, III). */
    static String personName(String raw) {
        String folded = TextFolding.fold(raw);
        if (folded.isEmpty()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (String word : folded.split(" ")) {
            if (!NAME_TITLES.contains(word)) {
                words.add(word);
            }
        }
        return String.join(" ", words);
    }

    /** "Last, First" or "First Middle Last" into {first, last}; a single word is taken as the last name. */
    static String[] splitFullName(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return new String[] {"", ""};
        }
        int comma = fullName.indexOf(',');
        if (comma >= 0) {
            return new String[] {fullName.substring(comma + 1).strip(), fullName.substring(0, comma).strip()};
        }
        String trimmed = fullName.strip();
        int space = trimmed.lastIndexOf(' ');
        return space < 0 ? new String[] {"", trimmed}
                : new String[] {trimmed.substring(0, space).strip(), trimmed.substring(space + 1)};
    }

    /** Trimmed, lower case, "mailto:" dropped; empty when it is no email address. */
    static String email(String raw) {
        if (raw == null) {
            return "";
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.startsWith("mailto:")) {
            email = email.substring("mailto:".length());
        }
        return EMAIL.matcher(email).matches() ? email : "";
    }

    /** "https://www.Example.com/about" → "example.com". */
    static String domain(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String domain = raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        domain = domain.replaceFirst("[/?#:].*$", "").replaceFirst("^www\\d?\\.", "");
        return domain.contains(".") ? domain : "";
    }

    /** Folded, dots dropped first (S.r.l. → srl), then legal-form words removed from the end: "Acme, Inc." → "acme". */
    static String companyName(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String folded = TextFolding.fold(raw.replace(".", ""));
        List<String> words = new ArrayList<>(List.of(folded.split(" ")));
        if (words.size() > 1 && words.get(0).equals("the")) {
            words.remove(0);
        }
        while (words.size() > 1 && COMPANY_SUFFIXES.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        return String.join(" ", words);
    }

    static NormalizedAddress address(PostalAddress address) {
        if (address == null) {
            return NormalizedAddress.NONE;
        }
        String street = TextFolding.fold(address.street());
        street = GERMAN_STREET_SUFFIX.matcher(street).replaceAll("");
        street = STREET_WORDS.matcher(street).replaceAll("").replaceAll("\\s+", "");
        String postalCode = address.postalCode() == null ? ""
                : address.postalCode().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String countryCode = address.countryCode() == null ? "" : address.countryCode().strip().toUpperCase(Locale.ROOT);
        return new NormalizedAddress(street, postalCode, TextFolding.compact(TextFolding.fold(address.city())),
                countryCode);
    }
}
