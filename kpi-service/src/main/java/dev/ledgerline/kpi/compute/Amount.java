package dev.ledgerline.kpi.compute;

import java.math.BigDecimal;
import java.util.Objects;

/** An exact amount of money in one currency. */
public record Amount(BigDecimal value, String currency) {
    public Amount {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(currency, "currency");
    }

    boolean isIn(String otherCurrency) {
        return currency.equals(otherCurrency);
    }
}
