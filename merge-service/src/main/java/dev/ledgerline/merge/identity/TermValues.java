package dev.ledgerline.merge.identity;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The values of a record that term frequencies count, in the form {@link RecordComparator} puts in
 * {@link FieldComparison#termValue()}: compact names, E.164 phones, employers, addresses.
 */
public final class TermValues {

    private TermValues() {
    }

    public static Map<MatchField, Set<String>> of(NormalizedIdentity identity) {
        Map<MatchField, Set<String>> values = new EnumMap<>(MatchField.class);
        if (identity.kind() == IdentityKind.PERSON) {
            // A swapped pair compares a first name with a last name: both count under both fields' records.
            put(values, MatchField.FIRST_NAME, TextFolding.compact(identity.firstName()));
            put(values, MatchField.LAST_NAME, TextFolding.compact(identity.lastName()));
            for (String domain : identity.emailDomains()) {
                put(values, MatchField.EMPLOYER, employerDomain(domain));
            }
            if (!identity.companyName().isEmpty()) {
                put(values, MatchField.EMPLOYER, employerName(identity.companyName()));
            }
        } else {
            put(values, MatchField.COMPANY_NAME, TextFolding.compact(identity.companyName()));
        }
        if (!identity.address().street().isEmpty()) {
            put(values, MatchField.ADDRESS, address(identity.address()));
        }
        for (String phone : identity.phones()) {
            put(values, MatchField.PHONE, phone);
        }
        return values;
    }

    static String employerDomain(String domain) {
        return "domain:" + domain;
    }

    static String employerName(String companyName) {
        return "name:" + TextFolding.compact(companyName);
    }

    /** Street and postal code (city without one): what an EXACT address level agrees on. */
    static String address(NormalizedIdentity.NormalizedAddress address) {
        return address.street() + "|" + (address.postalCode().isEmpty() ? address.city() : address.postalCode());
    }

    private static void put(Map<MatchField, Set<String>> values, MatchField field, String value) {
        if (!value.isEmpty()) {
            values.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(value);
        }
    }
}
