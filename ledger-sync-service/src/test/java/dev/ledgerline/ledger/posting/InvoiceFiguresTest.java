package dev.ledgerline.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ledgerline.ledger.posting.JournalDraft.JournalLineDraft;
import dev.ledgerline.ledger.posting.JournalDraft.Side;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceFiguresTest {

    @Test
    void linesWithDiscountsAndDifferentTaxRatesPostTheirTotalsAndBalance() {
        // 2 × 100.00 with 10 % off and 19 % tax; 3 × 50.00 with a 15.00 discount and 7 % tax; 1 × 20.00 untaxed.
        InvoiceVersion version = Versions.invoice()
                .line("2", "100.00", null, "0.10", "0.19", null, "180.00")
                .line("3", "50.00", "15.00", null, "0.07", null, "135.00")
                .line("1", "20.00", "20.00")
                .total("378.65")
                .build();

        InvoiceFigures figures = InvoiceFigures.of(version);

        assertThat(figures.discountTotal()).isEqualByComparingTo("35.00");
        assertThat(figures.taxTotal()).isEqualByComparingTo("43.65"); // 34.20 + 9.45
        assertThat(figures.total()).isEqualByComparingTo("378.65");
        assertThat(figures.revenue()).isEqualByComparingTo("370.00"); // list prices: 200 + 150 + 20
        assertThat(figures.lines()).extracting(InvoiceFigures.LineFigures::tax)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("34.20"), new BigDecimal("9.45"), BigDecimal.ZERO);
        assertThat(lines(figures.entry())).containsExactly(
                line(Account.ACCOUNTS_RECEIVABLE, Side.DEBIT, "378.65"),
                line(Account.SALES_TAX_PAYABLE, Side.CREDIT, "43.65"),
                line(Account.SALES_REVENUE, Side.CREDIT, "370.00"),
                line(Account.DISCOUNTS, Side.DEBIT, "35.00"));
        assertThat(figures.entry().imbalance()).isZero();
    }

    @Test
    void aDiscountTotalBeyondTheLineDiscountsIsAnInvoiceLevelDiscount() {
        InvoiceVersion version = Versions.invoice()
                .line("1", "1000.00", "1000.00")
                .discountTotal("50.00")
                .taxTotal("180.50")
                .total("1130.50")
                .build();

        InvoiceFigures figures = InvoiceFigures.of(version);

        assertThat(figures.discountTotal()).isEqualByComparingTo("50.00");
        assertThat(figures.revenue()).isEqualByComparingTo("1000.00");
        assertThat(figures.total()).isEqualByComparingTo("1130.50");
    }

    @Test
    void totalsAreRoundedToTheCentAndRevenueAbsorbsTheRounding() {
        // 3 × 33.3333 at 19 %: tax 18.99998, total 118.99997 as the CRM sends it with 4 decimals.
        InvoiceVersion version = Versions.invoice()
                .line("3", "33.3333", null, null, "0.19", null, "99.9999")
                .total("118.9999")
                .build();

        InvoiceFigures figures = InvoiceFigures.of(version);

        assertThat(figures.total()).isEqualByComparingTo("119.00");
        assertThat(figures.taxTotal()).isEqualByComparingTo("19.00");
        assertThat(figures.revenue()).isEqualByComparingTo("100.00");
        assertThat(figures.total().scale()).isEqualTo(4);
        assertThat(figures.entry().imbalance()).isZero();
    }

    @Test
    void yenHaveNoDecimalsAndDinarThree() {
        InvoiceFigures yen = InvoiceFigures.of(Versions.invoice().currency("JPY")
                .line("3", "333.3333", null, null, "0.10", null, "999.9999").total("1099.9999").build());
        InvoiceFigures dinar = InvoiceFigures.of(Versions.invoice().currency("BHD")
                .line("1", "10.1235", null, null, "0.10", null, "10.1235").total("11.1359").build());

        assertThat(yen.total()).isEqualByComparingTo("1100");
        assertThat(yen.taxTotal()).isEqualByComparingTo("100");
        assertThat(yen.revenue()).isEqualByComparingTo("1000");
        assertThat(dinar.total()).isEqualByComparingTo("11.136");
        assertThat(dinar.taxTotal()).isEqualByComparingTo("1.012");
        assertThat(dinar.revenue()).isEqualByComparingTo("10.124");
    }

    @Test
    void linesThatDoNotAddUpToTheTotalAreRejectedWithTheDifference() {
        InvoiceVersion version = Versions.invoice()
                .line("1", "100.00", null, null, "0.19", null, "100.00")
                .line("2", "10.00", "20.00")
                .total("150.00")
                .build();

        RejectedRecord rejected = catchThrowableOfType(RejectedRecord.class, () -> InvoiceFigures.of(version));

        assertThat(rejected.reasonCode()).isEqualTo(RejectedRecord.LINES_DO_NOT_ADD_UP);
        assertThat(rejected).hasMessageContaining("lines add up to 139.00").hasMessageContaining("total is 150.00")
                .hasMessageContaining("difference 11.00");
    }

    @Test
    void aCentOfRoundingBetweenLinesAndTotalIsAccepted() {
        InvoiceVersion version = Versions.invoice().line("1", "100.00", null, null, "0.19", null, "100.00")
                .total("119.01").build();

        assertThat(InvoiceFigures.of(version).total()).isEqualByComparingTo("119.01");
    }

    @Test
    void aLineWhoseDiscountContradictsItsAmountIsRejected() {
        InvoiceVersion version = Versions.invoice().line("2", "50.00", "10.00", null, null, null, "95.00").build();

        RejectedRecord rejected = catchThrowableOfType(RejectedRecord.class, () -> InvoiceFigures.of(version));

        assertThat(rejected.reasonCode()).isEqualTo(RejectedRecord.LINES_DO_NOT_ADD_UP);
        assertThat(rejected).hasMessageContaining("line 1").hasMessageContaining("difference -5.00");
    }

    @Test
    void anUnknownCurrencyIsRejected() {
        RejectedRecord rejected = catchThrowableOfType(RejectedRecord.class,
                () -> InvoiceFigures.of(Versions.invoice().currency("XYZ").line("1", "1.00", "1.00").build()));

        assertThat(rejected.reasonCode()).isEqualTo(RejectedRecord.UNKNOWN_CURRENCY);
        assertThat(rejected).hasMessageContaining("'XYZ'");
    }

    @Test
    void anInvoiceWithOnlyTotalsPostsThem() {
        InvoiceFigures figures = InvoiceFigures.of(Versions.invoice().taxTotal("19.00").total("119.00").build());

        assertThat(figures.revenue()).isEqualByComparingTo("100.00");
        assertThat(figures.lines()).isEmpty();
    }

    @Test
    void aNegativeTotalIsRejected() {
        RejectedRecord rejected = catchThrowableOfType(RejectedRecord.class,
                () -> InvoiceFigures.of(Versions.invoice().line("1", "-10.00", "-10.00").build()));

        assertThat(rejected.reasonCode()).isEqualTo(RejectedRecord.INVALID_RECORD);
        assertThat(rejected).hasMessageContaining("negative total");
    }

    static List<JournalLineDraft> lines(JournalDraft draft) {
        return draft.lines().stream().map(l -> new JournalLineDraft(l.account(), l.side(),
                l.amount().stripTrailingZeros(), null)).toList();
    }

    static JournalLineDraft line(Account account, Side side, String amount) {
        return new JournalLineDraft(account, side, new BigDecimal(amount).stripTrailingZeros(), null);
    }
}
