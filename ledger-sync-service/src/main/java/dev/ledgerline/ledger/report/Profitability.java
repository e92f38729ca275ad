package dev.ledgerline.ledger.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Revenue, cost and gross profit per deal, customer or product over the invoices (and sales receipts) dated in a
 * range, per currency (amounts are never converted). Revenue is net of discounts and before tax; cost is the item's
 * unit cost × quantity; {@code marginPercent} = gross profit ÷ revenue × 100 (null without revenue);
 * {@code costComplete} is false when some sold line had no known unit cost in the document's currency (its cost then
 * counts as zero).
 */
public record Profitability(LocalDate from, LocalDate to, String by, List<Row> rows) {

    public enum By {
        DEAL, CUSTOMER, PRODUCT
    }

    public record Row(String key, String name, String currency, BigDecimal revenue, BigDecimal cost,
            BigDecimal grossProfit, BigDecimal marginPercent, boolean costComplete) {
    }
}
