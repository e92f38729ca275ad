package dev.ledgerline.ledger.posting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The journal entry of one posting while it is being built: signed amounts per account (debit positive, credit
 * negative), netted per account, so that an entry never debits and credits the same account. {@link #lines()} turns
 * them into positive amounts with a side, in the chart's order, dropping accounts that net to zero.
 */
public final class JournalDraft {
    private final Map<Account, BigDecimal> signed = new EnumMap<>(Account.class);
    private final Map<Account, String> memos = new EnumMap<>(Account.class);

    /** Debits the account with a positive amount, credits it with a negative one. */
    public JournalDraft add(Account account, BigDecimal signedAmount, String memo) {
        signed.merge(account, signedAmount, BigDecimal::add);
        memos.putIfAbsent(account, memo);
        return this;
    }

    public JournalDraft debit(Account account, BigDecimal amount, String memo) {
        return add(account, amount, memo);
    }

    public JournalDraft credit(Account account, BigDecimal amount, String memo) {
        return add(account, amount.negate(), memo);
    }

    /** Adds every amount of the other draft: the two postings as one entry. */
    public JournalDraft plus(JournalDraft other) {
        other.signed.forEach((account, amount) -> add(account, amount, other.memos.get(account)));
        return this;
    }

    /** Adds every amount of the other draft with its sign turned: the reversal of what it posts. */
    public JournalDraft addReversed(JournalDraft other, String memo) {
        other.signed.forEach((account, amount) -> add(account, amount.negate(), memo));
        return this;
    }

    public List<JournalLineDraft> lines() {
        List<JournalLineDraft> lines = new ArrayList<>();
        signed.forEach((account, amount) -> {
            if (amount.signum() != 0) {
                lines.add(new JournalLineDraft(account, amount.signum() > 0 ? Side.DEBIT : Side.CREDIT,
                        Currencies.exact(amount.abs()), memos.get(account)));
            }
        });
        return lines;
    }

    /** Debits minus credits; zero for a balanced entry. */
    public BigDecimal imbalance() {
        return signed.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public boolean isEmpty() {
        return lines().isEmpty();
    }

    /** Fails unless debits equal credits exactly: an unbalanced entry is a bug, never posted. */
    public JournalDraft requireBalanced() {
        if (imbalance().signum() != 0) {
            throw new IllegalStateException("Journal entry does not balance by " + imbalance() + ": " + lines());
        }
        return this;
    }

    public enum Side {
        DEBIT, CREDIT
    }

    /** One line of an entry: a positive amount on one side of one account. */
    public record JournalLineDraft(Account account, Side side, BigDecimal amount, String memo) {
        public BigDecimal debit() {
            return side == Side.DEBIT ? amount : Currencies.zero();
        }

        public BigDecimal credit() {
            return side == Side.CREDIT ? amount : Currencies.zero();
        }
    }
}
