package dev.ledgerline.ledger.posting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures the ledger posts for an invoice, checked and rounded. Lines keep the invoice's 4 decimals; the totals
 * are rounded half-up to the currency's minor unit, and the revenue is what balances them, so that the entry
 * balances to the cent whatever the rounding: {@code total = revenue − discountTotal + taxTotal}.
 *
 * <p>How an invoice's figures are read: a line's list total is quantity × unit price; its discount is the discount
 * amount, else the discount rate × list total, else what the net amount lacks of the list total; its tax is the tax
 * amount, else the tax rate × net amount, else none. The invoice's discount and tax totals are the CRM's when given,
 * else the sums over the lines; a discount total beyond the line discounts is an invoice-level discount. The lines
 * must add up to the total: net amounts − invoice-level discount + tax = total, within 0.01.
 */
public record InvoiceFigures(String currency, List<LineFigures> lines, BigDecimal discountTotal,
        BigDecimal taxTotal, BigDecimal total, BigDecimal revenue) {

    /** Most a figure may be off, in the invoice currency: the CRM's own rounding of 4-decimal amounts. */
    public static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    /** One line as posted: list price, discount, tax and net amount at 4 decimals. */
    public record LineFigures(String productId, String description, String sku, BigDecimal quantity,
            BigDecimal unitPrice, BigDecimal discount, BigDecimal tax, BigDecimal amount) {
    }

    /** Checks the version's figures and rounds them; a version whose figures contradict each other is rejected. */
    public static InvoiceFigures of(InvoiceVersion version) {
        String currency = Currencies.require(version.currency(), "Invoice " + version.key().externalId());
        List<LineFigures> lines = new ArrayList<>();
        BigDecimal lineDiscounts = BigDecimal.ZERO;
        BigDecimal lineTaxes = BigDecimal.ZERO;
        BigDecimal net = BigDecimal.ZERO;
        int number = 0;
        for (InvoiceVersion.Line line : version.lines()) {
            number++;
            LineFigures figures = line(version, number, line);
            lines.add(figures);
            lineDiscounts = lineDiscounts.add(figures.discount());
            lineTaxes = lineTaxes.add(figures.tax());
            net = net.add(figures.amount());
        }
        BigDecimal discountTotal = nonNegative(version, "discount total",
                version.discountTotal() != null ? version.discountTotal() : lineDiscounts);
        BigDecimal taxTotal = version.taxTotal() != null ? version.taxTotal() : lineTaxes;
        BigDecimal total;
        if (lines.isEmpty()) {
            if (version.total() == null) {
                throw new RejectedRecord(RejectedRecord.INVALID_RECORD,
                        "Invoice " + version.key().externalId() + " has neither lines nor a total");
            }
            total = version.total();
        } else {
            BigDecimal invoiceDiscount = discountTotal.subtract(lineDiscounts);
            if (invoiceDiscount.compareTo(TOLERANCE.negate()) < 0) {
                throw new RejectedRecord(RejectedRecord.LINES_DO_NOT_ADD_UP, "Invoice " + version.key().externalId()
                        + ": discount total " + plain(discountTotal) + " is less than the line discounts "
                        + plain(lineDiscounts) + " (difference " + plain(invoiceDiscount) + ")");
            }
            BigDecimal expected = net.subtract(invoiceDiscount.max(BigDecimal.ZERO)).add(taxTotal);
            total = version.total() != null ? version.total() : expected;
            BigDecimal difference = total.subtract(expected);
            if (difference.abs().compareTo(TOLERANCE) > 0) {
                throw new RejectedRecord(RejectedRecord.LINES_DO_NOT_ADD_UP, "Invoice " + version.key().externalId()
                        + ": lines add up to " + plain(expected) + " (net " + plain(net) + " − invoice discount "
                        + plain(invoiceDiscount.max(BigDecimal.ZERO)) + " + tax " + plain(taxTotal) + "), total is "
                        + plain(total) + " (difference " + plain(difference) + ")");
            }
        }
        nonNegative(version, "total", total);
        BigDecimal roundedTotal = Currencies.round(total, currency);
        BigDecimal roundedDiscount = Currencies.round(discountTotal, currency);
        BigDecimal roundedTax = Currencies.round(taxTotal, currency);
        return new InvoiceFigures(currency, List.copyOf(lines), roundedDiscount, roundedTax, roundedTotal,
                roundedTotal.add(roundedDiscount).subtract(roundedTax));
    }

    /** The figures of nothing: what a voided invoice amounts to. */
    public static InvoiceFigures none(String currency) {
        return new InvoiceFigures(currency, List.of(), Currencies.zero(), Currencies.zero(), Currencies.zero(),
                Currencies.zero());
    }

    /** The entry of the invoice itself: Dr receivable and discounts, Cr revenue and sales tax. */
    public JournalDraft entry() {
        return new JournalDraft()
                .debit(Account.ACCOUNTS_RECEIVABLE, total, "Invoice total")
                .debit(Account.DISCOUNTS, discountTotal, "Discounts")
                .credit(Account.SALES_REVENUE, revenue, "Sales at list price")
                .credit(Account.SALES_TAX_PAYABLE, taxTotal, "Sales tax");
    }

    /** The entry that turns what these figures posted into what the next ones post (an adjustment or a void). */
    public JournalDraft changeTo(InvoiceFigures next, String memo) {
        JournalDraft draft = new JournalDraft();
        next.entry().lines().forEach(line -> draft.add(line.account(),
                line.side() == JournalDraft.Side.DEBIT ? line.amount() : line.amount().negate(), memo));
        return draft.addReversed(entry(), memo);
    }

    /** Whether the posted amounts differ (the lines alone may change without any amount changing). */
    public boolean amountsDiffer(InvoiceFigures other) {
        return total.compareTo(other.total) != 0 || discountTotal.compareTo(other.discountTotal) != 0
                || taxTotal.compareTo(other.taxTotal) != 0 || revenue.compareTo(other.revenue) != 0;
    }

    private static LineFigures line(InvoiceVersion version, int number, InvoiceVersion.Line line) {
        String where = "Invoice " + version.key().externalId() + " line " + number + " '" + line.description() + "'";
        if (line.quantity() == null || line.unitPrice() == null || line.amount() == null) {
            throw new RejectedRecord(RejectedRecord.INVALID_RECORD, where + " lacks quantity, unit price or amount");
        }
        BigDecimal list = Currencies.exact(line.quantity().multiply(line.unitPrice()));
        BigDecimal discount;
        if (line.discountAmount() != null || line.discountRate() != null) {
            discount = line.discountAmount() != null
                    ? line.discountAmount()
                    : Currencies.exact(list.multiply(line.discountRate()));
            BigDecimal difference = list.subtract(discount).subtract(line.amount());
            if (difference.abs().compareTo(TOLERANCE) > 0) {
                throw new RejectedRecord(RejectedRecord.LINES_DO_NOT_ADD_UP, where + ": " + plain(line.quantity())
                        + " × " + plain(line.unitPrice()) + " − discount " + plain(discount) + " = "
                        + plain(list.subtract(discount)) + ", amount is " + plain(line.amount()) + " (difference "
                        + plain(difference) + ")");
            }
        } else {
            // A price below list without a stated discount is a discount; above list it is simply the price.
            discount = list.subtract(line.amount()).max(BigDecimal.ZERO);
        }
        BigDecimal tax = line.taxAmount() != null
                ? line.taxAmount()
                : line.taxRate() != null ? Currencies.exact(line.amount().multiply(line.taxRate())) : BigDecimal.ZERO;
        return new LineFigures(line.productId(), line.description(), line.sku(), Currencies.exact(line.quantity()),
                Currencies.exact(line.unitPrice()), Currencies.exact(discount), Currencies.exact(tax),
                Currencies.exact(line.amount()));
    }

    private static BigDecimal nonNegative(InvoiceVersion version, String what, BigDecimal amount) {
        if (amount.signum() < 0) {
            throw new RejectedRecord(RejectedRecord.INVALID_RECORD,
                    "Invoice " + version.key().externalId() + " has a negative " + what + " " + plain(amount));
        }
        return amount;
    }

    private static String plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? amount.setScale(2, RoundingMode.HALF_UP) : stripped).toPlainString();
    }
}
