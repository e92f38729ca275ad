package dev.ledgerline.ledger.posting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Currencies the ledger posts in: ISO 4217 codes with a minor unit (EUR 2 decimals, JPY 0, BHD 3). Amounts arrive
 * with 4 decimals and are posted rounded half-up to the currency's minor unit, kept at scale 4 like the wire.
 */
public final class Currencies {
    public static final int SCALE = 4;
    private static final Set<String> KNOWN = Currency.getAvailableCurrencies().stream()
            .filter(currency -> currency.getDefaultFractionDigits() >= 0)
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private Currencies() {
    }

    /** The code itself when the ledger can post in it, else the record is rejected. */
    public static String require(String code, String what) {
        if (code == null || !KNOWN.contains(code)) {
            throw new RejectedRecord(RejectedRecord.UNKNOWN_CURRENCY, what + " has "
                    + (code == null ? "no currency" : "the unknown currency '" + code + "'")
                    + "; the ledger posts only in ISO 4217 currencies with a minor unit");
        }
        return code;
    }

    /** Decimals of the currency's minor unit. */
    public static int minorDigits(String code) {
        return Currency.getInstance(require(code, "The amount")).getDefaultFractionDigits();
    }

    /** The amount rounded half-up to the currency's minor unit, at scale 4. */
    public static BigDecimal round(BigDecimal amount, String code) {
        return amount.setScale(minorDigits(code), RoundingMode.HALF_UP).setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** The amount at scale 4 (the wire's and the database's), rounded half-up when it has more decimals. */
    public static BigDecimal exact(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }
}
