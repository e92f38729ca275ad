package dev.ledgerline.connector.sync;

import dev.ledgerline.wire.Address;
import dev.ledgerline.wire.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The wire model's rules for values every CRM's normaliser produces: money and quantities as exact decimals at the
 * wire's scale (19, 4), rates at (9, 6), ISO 4217 currency codes, and the small text helpers (names, lists). A value
 * the wire cannot hold throws {@link InvalidObject} naming where it came from ({@code where}, e.g.
 * {@code property 'amount'}), so that the object is dead-lettered with that reason.
 */
public final class WireValues {

    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final int MONEY_SCALE = 4;
    private static final int MONEY_PRECISION = 19;
    private static final int RATE_SCALE = 6;
    private static final int RATE_PRECISION = 9;

    private WireValues() {
    }

    public static Money money(BigDecimal amount, String currency, String where) {
        return new Money(quantity(amount, where), currency);
    }

    /** A quantity or amount at the wire's scale of 4. */
    public static BigDecimal quantity(BigDecimal value, String where) {
        return scaled(value, MONEY_SCALE, MONEY_PRECISION, where);
    }

    /** A fraction (0.19 for 19 %) at the wire's scale of 6. */
    public static BigDecimal rate(BigDecimal fraction, String where) {
        return scaled(fraction, RATE_SCALE, RATE_PRECISION, where);
    }

    /** An ISO 4217 code in upper case. */
    public static String currencyCode(String code, String where) {
        if (!CURRENCY.matcher(code.trim()).matches()) {
            throw new InvalidObject(where + " is not an ISO 4217 currency code: \"" + code + "\"");
        }
        return code.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * The value at the wire's scale. Extra decimals are rounded half-even (currency conversions carry many); a value
     * too large for the wire's precision is rejected rather than cut.
     */
    private static BigDecimal scaled(BigDecimal value, int scale, int precision, String where) {
        BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_EVEN);
        if (scaled.precision() > precision) {
            throw new InvalidObject(where + " is too large: \"" + value.toPlainString() + "\"");
        }
        return scaled;
    }

    /** An address, or null when it has no part at all. */
    public static Address address(String street, String city, String region, String postalCode, String country) {
        if (Stream.of(street, city, region, postalCode, country).allMatch(Objects::isNull)) {
            return null;
        }
        return Address.newBuilder().setStreet(street).setCity(city).setRegion(region).setPostalCode(postalCode)
                .setCountry(country).build();
    }

    public static String fullName(String firstName, String lastName) {
        return joined(" ", firstName, lastName);
    }

    /** The present parts joined, or null when none is present. */
    public static String joined(String separator, String... parts) {
        String joined = Stream.of(parts).filter(Objects::nonNull).collect(Collectors.joining(separator));
        return joined.isEmpty() ? null : joined;
    }

    /** The values that are present, in order, in a list the caller may extend. */
    public static List<String> present(String... values) {
        return Stream.of(values).filter(Objects::nonNull).collect(Collectors.toCollection(ArrayList::new));
    }

    public static String first(List<String> ids) {
        return ids.isEmpty() ? null : ids.get(0);
    }
}
