package dev.ledgerline.ledger.posting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Invoice versions for the posting unit tests: lines with optional discounts and taxes, totals optional. */
final class Versions {
    private final List<InvoiceVersion.Line> lines = new ArrayList<>();
    private String currency = "EUR";
    private BigDecimal discountTotal;
    private BigDecimal taxTotal;
    private BigDecimal total;

    static Versions invoice() {
        return new Versions();
    }

    Versions currency(String code) {
        currency = code;
        return this;
    }

    /** A line without stated discount or tax. */
    Versions line(String quantity, String unitPrice, String amount) {
        return line(quantity, unitPrice, null, null, null, null, amount);
    }

    Versions line(String quantity, String unitPrice, String discountAmount, String discountRate, String taxRate,
            String taxAmount, String amount) {
        lines.add(new InvoiceVersion.Line("prod-" + lines.size(), "Line " + (lines.size() + 1), null,
                decimal(quantity), decimal(unitPrice), decimal(discountAmount), decimal(discountRate),
                decimal(taxRate), decimal(taxAmount), decimal(amount)));
        return this;
    }

    Versions discountTotal(String amount) {
        discountTotal = decimal(amount);
        return this;
    }

    Versions taxTotal(String amount) {
        taxTotal = decimal(amount);
        return this;
    }

    Versions total(String amount) {
        total = decimal(amount);
        return this;
    }

    InvoiceVersion build() {
        return new InvoiceVersion(new InvoiceKey("acme", "conn-1", "HUBSPOT", InvoiceKey.Origin.CRM_INVOICE, "inv-1"),
                Instant.parse("2025-03-01T10:00:00Z"), false, InvoiceVersion.Status.SENT, "1001", null, "Ada",
                "ada@example.com", null, null, null, LocalDate.parse("2025-03-01"), null,
                Instant.parse("2025-03-01T09:00:00Z"), currency, List.copyOf(lines), discountTotal, taxTotal, total,
                null, null, null);
    }

    static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
