package dev.ledgerline.ledger.posting;

import dev.ledgerline.wire.LedgerAccount;

/**
 * The chart of accounts every tenant gets with its first posting. Codes follow the usual numbering: 1xxx assets,
 * 2xxx liabilities, 4xxx income; Discounts is a contra-income account (debit balance, reduces revenue).
 */
public enum Account {
    ACCOUNTS_RECEIVABLE("1100", "Accounts Receivable", Type.ASSET, LedgerAccount.ACCOUNTS_RECEIVABLE),
    UNDEPOSITED_FUNDS("1200", "Undeposited Funds", Type.ASSET, LedgerAccount.UNDEPOSITED_FUNDS),
    SALES_TAX_PAYABLE("2100", "Sales Tax Payable", Type.LIABILITY, LedgerAccount.SALES_TAX_PAYABLE),
    CUSTOMER_CREDIT("2200", "Customer Credit", Type.LIABILITY, LedgerAccount.CUSTOMER_CREDIT),
    SALES_REVENUE("4000", "Sales Revenue", Type.INCOME, LedgerAccount.SALES_REVENUE),
    DISCOUNTS("4900", "Discounts", Type.CONTRA_INCOME, LedgerAccount.DISCOUNTS);

    /** Kind of account, which decides on which side its balance normally stands. */
    public enum Type {
        ASSET, LIABILITY, INCOME, CONTRA_INCOME
    }

    private final String code;
    private final String displayName;
    private final Type type;
    private final LedgerAccount wire;

    Account(String code, String displayName, Type type, LedgerAccount wire) {
        this.code = code;
        this.displayName = displayName;
        this.type = type;
        this.wire = wire;
    }

    public String code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    public Type type() {
        return type;
    }

    public LedgerAccount wire() {
        return wire;
    }

    public static Account ofCode(String code) {
        for (Account account : values()) {
            if (account.code.equals(code)) {
                return account;
            }
        }
        throw new IllegalArgumentException("No account with code " + code);
    }
}
