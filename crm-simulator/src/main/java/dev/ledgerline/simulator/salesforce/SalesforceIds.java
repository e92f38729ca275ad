package dev.ledgerline.simulator.salesforce;

import java.util.OptionalLong;

/**
 * Salesforce record ids for the company's records: the object's three-character key prefix ({@code 006} for
 * opportunities …), the org's pod characters, the record number in base 62, and the three-character suffix that makes
 * the 18-character form case-insensitive, computed as Salesforce does. The number is the company's own id, so the
 * same record has the same id after a restart and an id can be read back.
 */
final class SalesforceIds {
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String POD = "Sm";
    private static final int NUMBER_LENGTH = 10;

    private SalesforceIds() {
    }

    /** The 18-character id of record {@code number} of the object with this key prefix. */
    static String of(String prefix, long number) {
        StringBuilder digits = new StringBuilder();
        long rest = number;
        do {
            digits.append(DIGITS.charAt((int) (rest % 62)));
            rest /= 62;
        } while (rest > 0);
        while (digits.length() < NUMBER_LENGTH) {
            digits.append('0');
        }
        String id15 = prefix + POD + digits.reverse();
        return id15 + suffix(id15);
    }

    /** The record number of an id of the prefix (15 or 18 characters), or empty when it is not one. */
    static OptionalLong number(String prefix, String id) {
        if (id == null || !(id.length() == 15 || id.length() == 18) || !id.startsWith(prefix + POD)) {
            return OptionalLong.empty();
        }
        long number = 0;
        for (char c : id.substring(prefix.length() + POD.length(), 15).toCharArray()) {
            int digit = DIGITS.indexOf(c);
            if (digit < 0) {
                return OptionalLong.empty();
            }
            number = number * 62 + digit;
        }
        return of(prefix, number).startsWith(id) ? OptionalLong.of(number) : OptionalLong.empty();
    }

    /** For each five characters, a character whose bits say which of them are upper-case letters. */
    private static String suffix(String id15) {
        StringBuilder suffix = new StringBuilder();
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(SUFFIX.charAt(bits));
        }
        return suffix.toString();
    }
}
