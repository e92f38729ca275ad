package dev.ledgerline.ledger.invoice;

import dev.ledgerline.ledger.posting.Currencies;
import dev.ledgerline.ledger.posting.InvoiceKey;
import dev.ledgerline.ledger.posting.InvoiceVersion;
import dev.ledgerline.ledger.posting.RejectedRecord;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.InvoiceLine;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.ResolvedDeal;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reads crm.invoices.v1 invoices and won deals of deals.resolved.v1 as invoice versions. */
public final class InvoiceVersions {
    private InvoiceVersions() {
    }

    public static InvoiceVersion fromInvoice(Invoice invoice) {
        InvoiceKey key = new InvoiceKey(invoice.getTenantId(), invoice.getConnectionId(), invoice.getSource().name(),
                InvoiceKey.Origin.CRM_INVOICE, invoice.getExternalId());
        boolean deleted = invoice.getOp() == Op.DELETE;
        InvoiceVersion.Status status = deleted ? null : status(invoice);
        String currency = invoice.getCurrency();
        String where = "Invoice " + invoice.getExternalId();
        List<InvoiceVersion.Line> lines = new ArrayList<>();
        int number = 0;
        for (InvoiceLine line : invoice.getLines()) {
            String at = "line " + ++number;
            lines.add(new InvoiceVersion.Line(line.getProductId(), line.getName(), line.getSku(), line.getQuantity(),
                    amount(line.getUnitPrice(), currency, where, at + " unit price"),
                    amount(line.getDiscountAmount(), currency, where, at + " discount"),
                    line.getDiscountRate(), line.getTaxRate(),
                    amount(line.getTaxAmount(), currency, where, at + " tax"),
                    amount(line.getAmount(), currency, where, at + " amount")));
        }
        return new InvoiceVersion(key, invoice.getSourceUpdatedAt(), deleted, status, invoice.getNumber(), null,
                invoice.getCustomerName(), invoice.getCustomerEmail(), invoice.getContactId(), invoice.getAccountId(),
                invoice.getDealId(), invoice.getIssueDate(), invoice.getDueDate(), invoice.getCreatedAt(), currency,
                List.copyOf(lines),
                amount(invoice.getDiscountTotal(), currency, where, "discount total"),
                amount(invoice.getTaxTotal(), currency, where, "tax total"),
                amount(invoice.getTotal(), currency, where, "total"),
                amount(invoice.getAmountPaid(), currency, where, "amount paid"),
                invoice.getPaidAt(), invoice.getVoidedAt());
    }

    /** Whether the resolved deal is WON now (and not deleted): what the ledger invoices. */
    public static boolean isWon(ResolvedDeal resolved) {
        Deal deal = resolved.getDeal();
        return deal.getOp() == Op.UPSERT && deal.getStageCategory() == StageCategory.WON;
    }

    /** Whether the deal has anything to invoice: line items, or at least an amount. */
    public static boolean hasSomethingToInvoice(ResolvedDeal resolved) {
        Deal deal = resolved.getDeal();
        return !deal.getLineItems().isEmpty() || deal.getAmount() != null;
    }

    /**
     * The invoice of a won deal: its line items at their prices, discounts and tax rates (one line of the deal's
     * amount when it has none), created and dated when the deal was won. A deal that is no longer WON (reopened,
     * lost, deleted) is a closed version: its invoice is voided.
     */
    public static InvoiceVersion fromWonDeal(ResolvedDeal resolved, ZoneId zone) {
        Deal deal = resolved.getDeal();
        InvoiceKey key = new InvoiceKey(resolved.getTenantId(), deal.getConnectionId(), deal.getSource().name(),
                InvoiceKey.Origin.WON_DEAL, deal.getExternalId());
        boolean won = isWon(resolved);
        String currency = deal.getAmount() != null ? deal.getAmount().getCurrency()
                : deal.getLineItems().isEmpty() ? null : deal.getLineItems().get(0).getUnitPrice().getCurrency();
        String where = "Deal " + deal.getExternalId();
        List<InvoiceVersion.Line> lines = new ArrayList<>();
        int number = 0;
        for (LineItem item : deal.getLineItems()) {
            String at = "line item " + ++number;
            BigDecimal unitPrice = amount(item.getUnitPrice(), currency, where, at + " unit price");
            BigDecimal discount = amount(item.getDiscountAmount(), currency, where, at + " discount");
            BigDecimal net = amount(item.getAmount(), currency, where, at + " amount");
            if (net == null) {
                BigDecimal list = item.getQuantity().multiply(unitPrice);
                net = list.subtract(discount != null ? discount
                        : item.getDiscountRate() != null ? list.multiply(item.getDiscountRate()) : BigDecimal.ZERO);
            }
            lines.add(new InvoiceVersion.Line(item.getProductId(), item.getName(), item.getSku(), item.getQuantity(),
                    unitPrice, discount, item.getDiscountRate(), item.getTaxRate(), null, net));
        }
        if (lines.isEmpty() && deal.getAmount() != null) {
            BigDecimal amount = deal.getAmount().getAmount();
            lines.add(new InvoiceVersion.Line(null, deal.getName() == null ? "Deal " + deal.getExternalId() : deal.getName(),
                    null, BigDecimal.ONE, amount, null, null, null, null, amount));
        }
        Instant wonAt = deal.getClosedAt() != null ? deal.getClosedAt() : deal.getSourceUpdatedAt();
        LocalDate issued = LocalDate.ofInstant(wonAt, zone);
        return new InvoiceVersion(key, deal.getSourceUpdatedAt(), deal.getOp() == Op.DELETE,
                won ? InvoiceVersion.Status.SENT : InvoiceVersion.Status.VOID, null, resolved.getCustomerId(), null,
                null, deal.getPrimaryContactId(), deal.getAccountId(), deal.getExternalId(), issued, null, wonAt,
                currency, List.copyOf(lines), null, null, null, null, null, won ? null : deal.getSourceUpdatedAt());
    }

    private static InvoiceVersion.Status status(Invoice invoice) {
        if (invoice.getStatus() == null) {
            throw new RejectedRecord(RejectedRecord.INVALID_RECORD, "Invoice " + invoice.getExternalId() + " has no status");
        }
        return switch (invoice.getStatus()) {
            case DRAFT -> InvoiceVersion.Status.DRAFT;
            case SENT -> InvoiceVersion.Status.SENT;
            case PARTIALLY_PAID -> InvoiceVersion.Status.PARTIALLY_PAID;
            case PAID -> InvoiceVersion.Status.PAID;
            case VOID -> InvoiceVersion.Status.VOID;
            default -> throw new RejectedRecord(RejectedRecord.INVALID_RECORD, "Invoice " + invoice.getExternalId()
                    + " has a status this ledger does not know (" + invoice.getStatusLabel() + ")");
        };
    }

    /** The amount of a Money that must be in the document currency; a journal entry never mixes currencies. */
    private static BigDecimal amount(Money money, String currency, String document, String what) {
        if (money == null) {
            return null;
        }
        Currencies.require(currency, document);
        if (!money.getCurrency().equals(currency)) {
            throw new RejectedRecord(RejectedRecord.CURRENCY_MISMATCH, document + " " + what + " is in " + money.getCurrency()
                    + ", the document in " + currency + "; one document is posted in one currency");
        }
        return money.getAmount();
    }
}
