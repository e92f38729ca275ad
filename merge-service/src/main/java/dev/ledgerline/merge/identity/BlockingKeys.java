package dev.ledgerline.merge.identity;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * The keys under which a record is indexed and looked up: only records sharing a key are compared, so resolving a
 * record costs the size of its blocks, not the size of the tenant. Keys are prefixed by their rule.
 *
 * <p>Person: {@code email:} each personal email (its mailbox form, so +tags and Gmail dots agree);
 * {@code phone:} each E.164 number; {@code name:} Double Metaphone of the last name + Double Metaphone of the
 * canonical first name (Bob → robert), in both orders, for swapped names; {@code given:} Double Metaphone of the canonical first
 * name + postal code, for a last name changed or mistyped beyond its sound; {@code domain-name:} each non-free-mail
 * email domain + Double Metaphone of the last name.
 * Company: {@code domain:} the web domain; {@code phone:}; {@code company:} the compact normalised name;
 * {@code company-sound:} Double Metaphone of the name's first word + its second word's initial.
 */
public final class BlockingKeys {

    private static final DoubleMetaphone DOUBLE_METAPHONE = new DoubleMetaphone();

    private BlockingKeys() {
    }

    public static Set<String> of(NormalizedIdentity identity) {
        Set<String> keys = new LinkedHashSet<>();
        for (String phone : identity.phones()) {
            keys.add("phone:" + phone);
        }
        if (identity.kind() == IdentityKind.PERSON) {
            for (String email : identity.emails()) {
                keys.add("email:" + RecordComparator.canonicalEmail(email));
            }
            String last = TextFolding.compact(identity.lastName());
            String first = identity.canonicalFirstName();
            if (!last.isEmpty() && !first.isEmpty()) {
                // Both sounds, not an initial: a block then holds the people of one name, not of one surname.
                keys.add("name:" + sound(last) + ":" + sound(first));
                keys.add("name:" + sound(first) + ":" + sound(last));
            }
            if (!first.isEmpty() && !identity.address().postalCode().isEmpty()) {
                keys.add("given:" + sound(first) + ":" + identity.address().postalCode());
            }
            if (!last.isEmpty()) {
                for (String domain : identity.emailDomains()) {
                    keys.add("domain-name:" + domain + ":" + sound(last));
                }
            }
        } else {
            if (!identity.domain().isEmpty()) {
                keys.add("domain:" + identity.domain());
            }
            String name = identity.companyName();
            if (!name.isEmpty()) {
                keys.add("company:" + TextFolding.compact(name));
                String[] words = name.split(" ");
                keys.add("company-sound:" + sound(words[0]) + (words.length > 1 ? ":" + words[1].charAt(0) : ""));
            }
        }
        return keys;
    }

    /** Double Metaphone's primary code, or the text itself when it has no code (digits only). */
    static String sound(String compact) {
        String code = DOUBLE_METAPHONE.doubleMetaphone(compact);
        return code == null || code.isEmpty() ? compact : code;
    }
}
