package dev.ledgerline.merge.identity;

import java.util.List;
import java.util.Objects;

/**
 * What the engine knows of one CRM record before normalisation: a contact (PERSON) with the company of its account,
 * or an account (COMPANY). Values are as entered in the CRM; any of them may be null or empty.
 *
 * @param fullName    the CRM's display name, used when first and last name are missing
 * @param companyName for a person the name of its account, for a company its own name
 * @param domain      the company's web domain (a person's: its account's)
 */
public record IdentityRecord(
        RecordRef ref,
        String firstName,
        String lastName,
        String fullName,
        List<String> emails,
        List<String> phones,
        String companyName,
        String domain,
        PostalAddress address) {

    public IdentityRecord {
        Objects.requireNonNull(ref, "ref");
        emails = emails == null ? List.of() : List.copyOf(emails.stream().filter(Objects::nonNull).toList());
        phones = phones == null ? List.of() : List.copyOf(phones.stream().filter(Objects::nonNull).toList());
    }

    public IdentityKind kind() {
        return ref.kind();
    }
}
