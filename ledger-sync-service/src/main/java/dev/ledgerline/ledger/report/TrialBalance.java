package dev.ledgerline.ledger.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The trial balance of a tenant as of a date (all dates when none): per currency, the debits and credits of every
 * account; {@code balance} is debits − credits. A currency's balances sum to zero ({@code difference}).
 */
public record TrialBalance(LocalDate asOf, List<CurrencyBalance> currencies) {

    public record CurrencyBalance(String currency, List<AccountBalance> accounts, BigDecimal totalDebit,
            BigDecimal totalCredit, BigDecimal difference) {
    }

    public record AccountBalance(String code, String account, String name, String type, BigDecimal debit,
            BigDecimal credit, BigDecimal balance) {
    }
}
