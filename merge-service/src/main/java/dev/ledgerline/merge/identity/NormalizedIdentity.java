package dev.ledgerline.merge.identity;

import java.util.List;
import java.util.Set;

/**
 * A record in the form the engine compares: every text folded (see {@link TextFolding}), emails lower case,
 * phones E.164, company names without their legal form. Empty strings and empty lists mean "not known".
 * This is what a candidate index stores for each record, next to the customer it belongs to.
 *
 * @param firstName          folded given name(s), e.g. "jose maria"
 * @param lastName           folded family name(s), e.g. "de la cruz"
 * @param emails             personal emails, trimmed and lower case, primary first
 * @param roleEmails         shared mailboxes (info@, sales@ …): they say which company, not which person
 * @param emailDomains       the domains of the emails and the company's web domain, free-mail providers left out
 * @param phones             E.164 numbers
 * @param companyName        folded company name without legal form ("Müller Bau GmbH" → "muller bau")
 * @param domain             the company's web domain, lower case, without scheme, www. or path
 * @param address            the folded address
 */
public record NormalizedIdentity(
        RecordRef ref,
        String firstName,
        String lastName,
        List<String> emails,
        List<String> roleEmails,
        Set<String> emailDomains,
        List<String> phones,
        String companyName,
        String domain,
        NormalizedAddress address) {

    public NormalizedIdentity {
        emails = List.copyOf(emails);
        roleEmails = List.copyOf(roleEmails);
        emailDomains = Set.copyOf(emailDomains);
        phones = List.copyOf(phones);
    }

    public IdentityKind kind() {
        return ref.kind();
    }

    /** Given name without spaces and read through its nickname family: "Bob" and "Robert" both give "robert". */
    public String canonicalFirstName() {
        return Nicknames.canonical(TextFolding.compact(firstName));
    }

    /**
     * Whether anything identifies the record: for a person an email, a phone or a name; for a company a name,
     * a domain or a phone. A record without is "insufficient identity", never compared.
     */
    public boolean identifiable() {
        if (kind() == IdentityKind.PERSON) {
            return !emails.isEmpty() || !roleEmails.isEmpty() || !phones.isEmpty()
                    || !firstName.isEmpty() || !lastName.isEmpty();
        }
        return !companyName.isEmpty() || !domain.isEmpty() || !phones.isEmpty();
    }

    /** A folded address; parts are empty when unknown. */
    public record NormalizedAddress(String street, String postalCode, String city, String countryCode) {

        static final NormalizedAddress NONE = new NormalizedAddress("", "", "", "");

        public boolean isEmpty() {
            return street.isEmpty() && postalCode.isEmpty() && city.isEmpty();
        }
    }
}
