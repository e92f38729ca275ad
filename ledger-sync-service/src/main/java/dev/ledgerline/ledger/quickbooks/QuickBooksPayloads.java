package dev.ledgerline.ledger.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Request bodies of the Accounting API v3 (Customer, Item, Invoice, SalesReceipt, Payment, RefundReceipt and their
 * sparse updates)
 * from what the ledger posted. Amounts are sent as posted: a line's Amount is its net amount, its UnitPrice that
 * divided by the quantity; an invoice-level discount is a DiscountLineDetail line; the tax is the transaction's
 * TxnTaxDetail.TotalTax, and each line's TaxCodeRef says whether the ledger taxed it (the company's taxable or exempt
 * code). Receipts and refunds carry no tax figures: their lines are exempt.
 */
final class QuickBooksPayloads {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** QuickBooks' limits on names (Customer.DisplayName 500, Item.Name 100) and line descriptions (4000). */
    private static final int DISPLAY_NAME_MAX = 500;
    private static final int ITEM_NAME_MAX = 100;
    private static final int DESCRIPTION_MAX = 4000;

    private QuickBooksPayloads() {
    }

    static ObjectNode customer(PushData.Customer customer) {
        ObjectNode body = JSON.objectNode().put("DisplayName", cut(customer.displayName(), DISPLAY_NAME_MAX));
        if (customer.email() != null) {
            body.putObject("PrimaryEmailAddr").put("Address", customer.email());
        }
        return body;
    }

    static ObjectNode item(PushData.Item item, String incomeAccountId) {
        ObjectNode body = JSON.objectNode().put("Name", cut(item.name(), ITEM_NAME_MAX)).put("Type", "Service");
        body.putObject("IncomeAccountRef").put("value", incomeAccountId);
        if (item.sku() != null) {
            body.put("Sku", item.sku());
        }
        if (item.unitPrice() != null) {
            body.put("UnitPrice", item.unitPrice());
        }
        return body;
    }

    /** An Invoice; for its update, {@link #sparse} adds Id and SyncToken. */
    static ObjectNode invoice(PushData.Document document, String customerId, Map<String, String> itemIds,
            Company.TaxCodes taxCodes) {
        ObjectNode body = transaction(document, customerId);
        if (document.dueDate() != null) {
            body.put("DueDate", document.dueDate().toString());
        }
        ArrayNode lines = body.putArray("Line");
        for (PushData.Line line : document.lines()) {
            lines.add(salesLine(line, itemIds.get(line.itemId()), taxCodes));
        }
        if (document.invoiceDiscount().signum() > 0) {
            ObjectNode discount = lines.addObject().put("DetailType", "DiscountLineDetail")
                    .put("Amount", money(document.invoiceDiscount()));
            discount.putObject("DiscountLineDetail").put("PercentBased", false);
        }
        ObjectNode tax = body.putObject("TxnTaxDetail");
        if (taxCodes.transaction() != null) {
            tax.putObject("TxnTaxCodeRef").put("value", taxCodes.transaction());
        }
        tax.put("TotalTax", money(document.tax()));
        return body;
    }

    /** A SalesReceipt of a payment without invoice: one line of its amount (payments carry no items or tax). */
    static ObjectNode salesReceipt(PushData.Document document, String customerId, Company.TaxCodes taxCodes) {
        ObjectNode body = transaction(document, customerId);
        body.putArray("Line").add(amountLine(document.total(), "Payment " + document.paymentExternalId(), taxCodes));
        return body;
    }

    /**
     * A RefundReceipt of money paid back on an invoice: one line of the amount refunded, paid from the company's
     * refund account. QuickBooks links a refund receipt to no invoice; the note names it.
     */
    static ObjectNode refundReceipt(PushData.Document document, String customerId, String invoiceNumber,
            String refundAccountId, Company.TaxCodes taxCodes) {
        ObjectNode body = transaction(document, customerId);
        body.putObject("DepositToAccountRef").put("value", refundAccountId);
        String refunded = invoiceNumber == null ? "an invoice" : "invoice " + invoiceNumber;
        body.put("PrivateNote", "Refund on " + refunded);
        body.putArray("Line").add(amountLine(document.total().negate(),
                cut("Refund of a payment on " + refunded, DESCRIPTION_MAX), taxCodes));
        return body;
    }

    /** The lines of a sales receipt whose amount changed, as a sparse update. */
    static ObjectNode salesReceiptLines(PushData.Document document, Company.TaxCodes taxCodes) {
        ObjectNode body = JSON.objectNode();
        body.putArray("Line").add(amountLine(document.total(), "Payment " + document.paymentExternalId(), taxCodes));
        return body;
    }

    /**
     * A Payment: TotalAmt the money received; the part applied to the invoice is a line linked to it, the rest stays
     * unapplied (QuickBooks' customer credit, as the ledger's account 2200).
     */
    static ObjectNode payment(PushData.Document document, String customerId, String invoiceId) {
        ObjectNode body = JSON.objectNode();
        body.putObject("CustomerRef").put("value", customerId);
        body.put("TotalAmt", money(document.total())).put("TxnDate", document.date().toString());
        body.putObject("CurrencyRef").put("value", document.currency());
        if (document.number() != null) {
            body.put("PaymentRefNum", cut(document.number(), 21));
        }
        ArrayNode lines = body.putArray("Line");
        if (invoiceId != null && document.applied().signum() > 0) {
            ObjectNode line = lines.addObject().put("Amount", money(document.applied()));
            line.putArray("LinkedTxn").addObject().put("TxnId", invoiceId).put("TxnType", "Invoice");
        }
        return body;
    }

    /** Id and SyncToken of the object an update or void changes, as a sparse update. */
    static ObjectNode sparse(ObjectNode changes, String id, String syncToken) {
        ObjectNode body = JSON.objectNode().put("Id", id).put("SyncToken", syncToken).put("sparse", true);
        changes.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("CustomerRef") && !field.getKey().equals("CurrencyRef")) {
                body.set(field.getKey(), field.getValue());
            }
        });
        return body;
    }

    private static ObjectNode transaction(PushData.Document document, String customerId) {
        ObjectNode body = JSON.objectNode();
        body.putObject("CustomerRef").put("value", customerId);
        if (document.number() != null) {
            body.put("DocNumber", cut(document.number(), 21));
        }
        body.put("TxnDate", document.date().toString());
        body.putObject("CurrencyRef").put("value", document.currency());
        return body;
    }

    /** One untaxed line of an amount, without item (QuickBooks books it on its default item). */
    private static ObjectNode amountLine(BigDecimal amount, String description, Company.TaxCodes taxCodes) {
        ObjectNode line = JSON.objectNode().put("DetailType", "SalesItemLineDetail").put("Amount", money(amount))
                .put("Description", description);
        line.putObject("SalesItemLineDetail").putObject("TaxCodeRef").put("value", taxCodes.of(false));
        return line;
    }

    private static ObjectNode salesLine(PushData.Line line, String itemId, Company.TaxCodes taxCodes) {
        ObjectNode result = JSON.objectNode().put("DetailType", "SalesItemLineDetail")
                .put("Amount", money(line.amount()))
                .put("Description", cut(line.description(), DESCRIPTION_MAX));
        ObjectNode detail = result.putObject("SalesItemLineDetail");
        if (itemId != null) {
            detail.putObject("ItemRef").put("value", itemId);
        }
        detail.putObject("TaxCodeRef").put("value", taxCodes.of(line.taxed()));
        if (line.quantity().signum() != 0) {
            detail.put("Qty", line.quantity().stripTrailingZeros())
                    .put("UnitPrice", line.amount().divide(line.quantity(), 7, RoundingMode.HALF_UP).stripTrailingZeros());
        }
        return result;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
