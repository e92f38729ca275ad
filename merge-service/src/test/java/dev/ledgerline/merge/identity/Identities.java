package dev.ledgerline.merge.identity;

import java.util.List;

/** Small builders of identity records for the engine's tests. */
final class Identities {

    static final IdentityNormalizer NORMALIZER = new IdentityNormalizer("DE");
    private static int nextId;

    private Identities() {
    }

    static RecordRef personRef(String source) {
        return new RecordRef(source.toLowerCase() + "-main", source, IdentityKind.PERSON, "c" + nextId++);
    }

    static IdentityRecord person(String first, String last, String email, String phone, PostalAddress address) {
        return person("HUBSPOT", first, last, email, phone, null, null, address);
    }

    static IdentityRecord person(String source, String first, String last, String email, String phone,
            String companyName, String domain, PostalAddress address) {
        return new IdentityRecord(personRef(source), first, last, null, email == null ? List.of() : List.of(email),
                phone == null ? List.of() : List.of(phone), companyName, domain, address);
    }

    static IdentityRecord company(String name, String domain, String phone, PostalAddress address) {
        return new IdentityRecord(new RecordRef("hubspot-main", "HUBSPOT", IdentityKind.COMPANY, "a" + nextId++),
                null, null, null, List.of(), phone == null ? List.of() : List.of(phone), name, domain, address);
    }

    static PostalAddress address(String street, String postalCode, String city, String countryCode) {
        return new PostalAddress(street, postalCode, city, null, countryCode);
    }

    static NormalizedIdentity normalized(IdentityRecord record) {
        return NORMALIZER.normalize(record);
    }
}
