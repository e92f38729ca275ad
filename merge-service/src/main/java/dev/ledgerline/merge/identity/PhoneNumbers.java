package dev.ledgerline.merge.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Phone numbers to E.164 with libphonenumber: "+49 30 1234567" and "030/1234567" (region DE) are both +49301234567. */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The E.164 form, or empty when the text is no possible phone number. A national number needs its region
     * (ISO 3166-1 alpha-2); without one only numbers written with their country code parse. Extensions are dropped:
     * a company's switchboard with an extension is still the switchboard.
     */
    static Optional<String> e164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.toUpperCase();
        try {
            PhoneNumber number = UTIL.parse(raw, region);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            number.clearExtension();
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
