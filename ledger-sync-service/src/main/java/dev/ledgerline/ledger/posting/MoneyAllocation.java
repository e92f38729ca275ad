package dev.ledgerline.ledger.posting;

import java.math.BigDecimal;

/**
 * Where the money received for an invoice stands: applied to its receivable up to what the invoice asks, the excess
 * held as the customer's credit (a liability), never lost. A voided invoice asks nothing, so everything received for
 * it is credit.
 *
 * @param received money received for the invoice, in Undeposited Funds
 * @param applied the part that settles the receivable
 * @param credit the part beyond the receivable, owed to the customer
 */
public record MoneyAllocation(BigDecimal received, BigDecimal applied, BigDecimal credit) {

    public static MoneyAllocation none() {
        return new MoneyAllocation(Currencies.zero(), Currencies.zero(), Currencies.zero());
    }

    /** The allocation of the money received against a receivable of the given amount. */
    public static MoneyAllocation of(BigDecimal receivable, BigDecimal received) {
        BigDecimal applied = received.min(receivable).max(BigDecimal.ZERO);
        return new MoneyAllocation(Currencies.exact(received), Currencies.exact(applied),
                Currencies.exact(received.subtract(applied)));
    }

    /**
     * The entry that moves from this allocation to the next: Dr Undeposited Funds for money received (Cr for money
     * refunded), Cr Accounts Receivable for what newly settles the invoice, Cr Customer Credit for the excess.
     */
    public JournalDraft changeTo(MoneyAllocation next, String memo) {
        return new JournalDraft()
                .debit(Account.UNDEPOSITED_FUNDS, next.received.subtract(received), memo)
                .credit(Account.ACCOUNTS_RECEIVABLE, next.applied.subtract(applied), memo)
                .credit(Account.CUSTOMER_CREDIT, next.credit.subtract(credit), memo)
                .requireBalanced();
    }
}
