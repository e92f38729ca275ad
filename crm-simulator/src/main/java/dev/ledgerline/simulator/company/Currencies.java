package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The currencies the company sells in, with the fixed rates its CRM converts them to the home currency at. European
 * customers mostly buy in euros, British ones in pounds, everyone else in dollars.
 */
final class Currencies {
    private static final Map<String, BigDecimal> TO_HOME = Map.of(Company.HOME_CURRENCY, BigDecimal.ONE,
            "EUR", new BigDecimal("1.084112"), "GBP", new BigDecimal("1.266544"));
    private static final Set<String> EURO_COUNTRIES = Set.of("Germany", "France", "Netherlands", "Austria", "Spain");
    private static final double LOCAL_CURRENCY_SHARE = 0.7;

    private Currencies() {
    }

    static String forCountry(String country, Random random) {
        boolean local = random.nextDouble() < LOCAL_CURRENCY_SHARE && country != null;
        if (local && EURO_COUNTRIES.contains(country)) {
            return "EUR";
        }
        if (local && "United Kingdom".equals(country)) {
            return "GBP";
        }
        return Company.HOME_CURRENCY;
    }

    /** The amount in the home currency, unrounded, as a CRM's converted amount carries every decimal. */
    static BigDecimal toHome(BigDecimal amount, String currency) {
        BigDecimal rate = TO_HOME.get(currency);
        return rate.compareTo(BigDecimal.ONE) == 0 ? amount : amount.multiply(rate);
    }

    /** A home-currency price in another currency, to the cent. */
    static BigDecimal fromHome(BigDecimal amount, String currency) {
        return amount.divide(TO_HOME.get(currency), 2, RoundingMode.HALF_UP);
    }
}
