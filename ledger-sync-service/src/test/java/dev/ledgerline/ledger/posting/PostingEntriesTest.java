package dev.ledgerline.ledger.posting;

import static dev.ledgerline.ledger.posting.InvoiceFiguresTest.line;
import static dev.ledgerline.ledger.posting.InvoiceFiguresTest.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.ledger.posting.JournalDraft.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The journal entry of every document kind, as the README's worked example shows them. */
class PostingEntriesTest {
    private final InvoiceFigures invoice = InvoiceFigures.of(Versions.invoice()
            .line("10", "100.00", null, "0.10", "0.19", null, "900.00").total("1071.00").build());

    @Test
    void anInvoiceDebitsReceivableAndDiscountsAndCreditsRevenueAndTax() {
        assertThat(lines(invoice.entry())).containsExactly(
                line(Account.ACCOUNTS_RECEIVABLE, Side.DEBIT, "1071.00"),
                line(Account.SALES_TAX_PAYABLE, Side.CREDIT, "171.00"),
                line(Account.SALES_REVENUE, Side.CREDIT, "1000.00"),
                line(Account.DISCOUNTS, Side.DEBIT, "100.00"));
    }

    @Test
    void aPaymentMovesMoneyFromTheReceivableToUndepositedFunds() {
        MoneyAllocation paid = MoneyAllocation.of(invoice.total(), new BigDecimal("500.00"));

        assertThat(lines(MoneyAllocation.none().changeTo(paid, "Payment"))).containsExactly(
                line(Account.ACCOUNTS_RECEIVABLE, Side.CREDIT, "500.00"),
                line(Account.UNDEPOSITED_FUNDS, Side.DEBIT, "500.00"));
        assertThat(paid.applied()).isEqualByComparingTo("500.00");
        assertThat(paid.credit()).isZero();
    }

    @Test
    void moneyBeyondTheOpenBalanceIsCustomerCredit() {
        MoneyAllocation partly = MoneyAllocation.of(invoice.total(), new BigDecimal("1000.00"));
        MoneyAllocation over = MoneyAllocation.of(invoice.total(), new BigDecimal("1100.00"));

        assertThat(lines(partly.changeTo(over, "Payment"))).containsExactly(
                line(Account.ACCOUNTS_RECEIVABLE, Side.CREDIT, "71.00"),
                line(Account.UNDEPOSITED_FUNDS, Side.DEBIT, "100.00"),
                line(Account.CUSTOMER_CREDIT, Side.CREDIT, "29.00"));
        assertThat(over.applied()).isEqualByComparingTo("1071.00");
        assertThat(over.credit()).isEqualByComparingTo("29.00");
    }

    @Test
    void aRefundReturnsMoneyToTheReceivableAndTakesCreditFirst() {
        MoneyAllocation over = MoneyAllocation.of(invoice.total(), new BigDecimal("1100.00"));
        MoneyAllocation refunded = MoneyAllocation.of(invoice.total(), new BigDecimal("1000.00"));

        assertThat(lines(over.changeTo(refunded, "Refund"))).containsExactly(
                line(Account.ACCOUNTS_RECEIVABLE, Side.DEBIT, "71.00"),
                line(Account.UNDEPOSITED_FUNDS, Side.CREDIT, "100.00"),
                line(Account.CUSTOMER_CREDIT, Side.DEBIT, "29.00"));
    }

    @Test
    void aVoidReversesTheInvoiceAndTurnsWhatWasPaidIntoCredit() {
        MoneyAllocation paid = MoneyAllocation.of(invoice.total(), new BigDecimal("300.00"));
        MoneyAllocation voided = MoneyAllocation.of(BigDecimal.ZERO, paid.received());

        JournalDraft entry = invoice.changeTo(InvoiceFigures.none("EUR"), "Void").plus(paid.changeTo(voided, "Void"));

        // Receivable: −1071 for the invoice, +300 for the payment that no longer settles it: −771 = the open balance.
        assertThat(lines(entry)).containsExactly(
                line(Account.ACCOUNTS_RECEIVABLE, Side.CREDIT, "771.00"),
                line(Account.SALES_TAX_PAYABLE, Side.DEBIT, "171.00"),
                line(Account.CUSTOMER_CREDIT, Side.CREDIT, "300.00"),
                line(Account.SALES_REVENUE, Side.DEBIT, "1000.00"),
                line(Account.DISCOUNTS, Side.CREDIT, "100.00"));
        assertThat(voided.credit()).isEqualByComparingTo("300.00");
    }

    @Test
    void anAddedDiscountIsAnAdjustmentOfTheDifference() {
        InvoiceFigures discounted = InvoiceFigures.of(Versions.invoice()
                .line("10", "100.00", null, "0.20", "0.19", null, "800.00").total("952.00").build());

        assertThat(lines(invoice.changeTo(discounted, "Adjustment"))).containsExactly(
                line(Account.ACCOUNTS_RECEIVABLE, Side.CREDIT, "119.00"),
                line(Account.SALES_TAX_PAYABLE, Side.DEBIT, "19.00"),
                line(Account.DISCOUNTS, Side.DEBIT, "100.00"));
    }

    @Test
    void aSalesReceiptIsRevenueInFullAndItsRefundReversesIt() {
        assertThat(lines(OwnPosting.SALES_RECEIPT.entry(new BigDecimal("49.90")))).containsExactly(
                line(Account.UNDEPOSITED_FUNDS, Side.DEBIT, "49.90"),
                line(Account.SALES_REVENUE, Side.CREDIT, "49.90"));
        assertThat(lines(OwnPosting.SALES_RECEIPT.entry(new BigDecimal("-10.00")))).containsExactly(
                line(Account.UNDEPOSITED_FUNDS, Side.CREDIT, "10.00"),
                line(Account.SALES_REVENUE, Side.DEBIT, "10.00"));
        assertThat(lines(OwnPosting.UNAPPLIED.entry(new BigDecimal("25.00")))).containsExactly(
                line(Account.UNDEPOSITED_FUNDS, Side.DEBIT, "25.00"),
                line(Account.CUSTOMER_CREDIT, Side.CREDIT, "25.00"));
    }

    @Test
    void anUnbalancedDraftIsRefused() {
        JournalDraft draft = new JournalDraft().debit(Account.UNDEPOSITED_FUNDS, new BigDecimal("10.00"), "x")
                .credit(Account.SALES_REVENUE, new BigDecimal("9.99"), "x");

        assertThat(draft.imbalance()).isEqualByComparingTo("0.01");
        assertThatThrownBy(draft::requireBalanced).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.01");
    }

    @Test
    void amountsOnTheSameAccountAreNettedAndZeroLinesDropped() {
        JournalDraft draft = new JournalDraft()
                .debit(Account.ACCOUNTS_RECEIVABLE, new BigDecimal("50.00"), "a")
                .credit(Account.ACCOUNTS_RECEIVABLE, new BigDecimal("50.00"), "b")
                .debit(Account.UNDEPOSITED_FUNDS, new BigDecimal("5.00"), "c")
                .credit(Account.CUSTOMER_CREDIT, new BigDecimal("5.00"), "d");

        assertThat(lines(draft)).containsExactly(
                line(Account.UNDEPOSITED_FUNDS, Side.DEBIT, "5.00"),
                line(Account.CUSTOMER_CREDIT, Side.CREDIT, "5.00"));
    }
}
