package dev.ledgerline.connector.salesforce;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;

/**
 * An org's currencies: the one its amounts are in when they name none (a multi-currency org's corporate currency,
 * else its only currency), and, in a multi-currency org, each active currency's {@code CurrencyType.ConversionRate}
 * (units of that currency per unit of the corporate currency). The rates are the org's current ones: with advanced
 * currency management Salesforce converts opportunities at the dated rate of their close date, which is not read.
 */
public record OrgCurrencies(String corporate, Map<String, BigDecimal> rates) {

    /** A single-currency org, or one whose rates are not read: only its own currency converts (to itself). */
    public static OrgCurrencies single(String currency) {
        return new OrgCurrencies(currency, Map.of());
    }

    /**
     * The amount in the corporate currency: itself when it is in that currency, divided by its currency's rate
     * otherwise (rounded to the wire's scale when published); null for a currency without an active rate.
     */
    public BigDecimal inCorporate(BigDecimal amount, String currency) {
        if (currency.equalsIgnoreCase(corporate)) {
            return amount;
        }
        BigDecimal rate = rates.get(currency.toUpperCase(Locale.ROOT));
        if (rate == null || rate.signum() <= 0) {
            return null;
        }
        return amount.divide(rate, MathContext.DECIMAL64);
    }
}
