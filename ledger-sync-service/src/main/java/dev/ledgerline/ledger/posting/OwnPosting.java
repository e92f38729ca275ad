package dev.ledgerline.ledger.posting;

import java.math.BigDecimal;

/**
 * A payment posted on its own, not against an invoice: a sales receipt (a payment without invoice, such as an
 * order form or a subscription charge), or an unapplied payment (money for an invoice that was voided or deleted
 * before it was ever posted), held as customer credit. Payments carry no tax figures, so a receipt is revenue in
 * full.
 */
public enum OwnPosting {
    SALES_RECEIPT(Account.SALES_REVENUE, "Sales receipt"),
    UNAPPLIED(Account.CUSTOMER_CREDIT, "Payment for an invoice not in the ledger");

    private final Account counterAccount;
    private final String memo;

    OwnPosting(Account counterAccount, String memo) {
        this.counterAccount = counterAccount;
        this.memo = memo;
    }

    /** Dr Undeposited Funds / Cr revenue or customer credit by the change in money (negative for a refund). */
    public JournalDraft entry(BigDecimal change) {
        return new JournalDraft()
                .debit(Account.UNDEPOSITED_FUNDS, change, memo)
                .credit(counterAccount, change, memo)
                .requireBalanced();
    }
}
