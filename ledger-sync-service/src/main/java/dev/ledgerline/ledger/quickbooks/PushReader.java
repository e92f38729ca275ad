package dev.ledgerline.ledger.quickbooks;

import dev.ledgerline.ledger.catalog.ItemEntity;
import dev.ledgerline.ledger.customer.LedgerCustomerEntity;
import dev.ledgerline.ledger.invoice.LedgerInvoiceEntity;
import dev.ledgerline.ledger.invoice.LedgerInvoiceLineEntity;
import dev.ledgerline.ledger.journal.DocumentEntity;
import dev.ledgerline.ledger.journal.DocumentKind;
import dev.ledgerline.ledger.journal.DocumentLineEntity;
import dev.ledgerline.ledger.journal.JournalEntryEntity;
import dev.ledgerline.ledger.journal.JournalLineEntity;
import dev.ledgerline.ledger.payment.PaymentEntity;
import dev.ledgerline.ledger.posting.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Reads what a push sends from the ledger's committed state. */
@ApplicationScoped
class PushReader {

    @Transactional
    PushData.Document document(UUID documentId) {
        DocumentEntity document = DocumentEntity.findById(documentId);
        List<JournalLineEntity> journal = journal(documentId);
        LedgerInvoiceEntity invoice = document.ledgerInvoiceId == null ? null
                : LedgerInvoiceEntity.findById(document.ledgerInvoiceId);
        PaymentEntity payment = document.paymentId == null ? null : PaymentEntity.findById(document.paymentId);
        List<PushData.Line> lines;
        BigDecimal lineDiscounts;
        BigDecimal invoiceDiscount;
        BigDecimal tax;
        if (document.kind == DocumentKind.ADJUSTMENT && invoice != null) {
            // QuickBooks keeps one invoice: an adjustment sends the invoice as it now stands.
            List<LedgerInvoiceLineEntity> current = LedgerInvoiceLineEntity.list("invoiceId = ?1 order by lineNo", invoice.id);
            lines = current.stream().map(line -> new PushData.Line(line.itemId, line.description, line.quantity, line.amount,
                    line.taxAmount)).toList();
            lineDiscounts = current.stream().map(line -> line.discountAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
            invoiceDiscount = invoice.discountTotal.subtract(lineDiscounts);
            tax = invoice.taxTotal;
        } else {
            List<DocumentLineEntity> posted = DocumentLineEntity.list("documentId = ?1 order by lineNo", documentId);
            lines = posted.stream().map(line -> new PushData.Line(line.itemId, line.description, line.quantity, line.amount,
                    line.taxAmount)).toList();
            lineDiscounts = posted.stream().map(line -> line.discountAmount == null ? BigDecimal.ZERO : line.discountAmount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            invoiceDiscount = sum(journal, Account.DISCOUNTS, JournalLineEntity.DEBIT).subtract(lineDiscounts);
            tax = sum(journal, Account.SALES_TAX_PAYABLE, JournalLineEntity.CREDIT);
        }
        BigDecimal total = document.total;
        if (document.kind == DocumentKind.ADJUSTMENT && payment != null) {
            total = payment.posted; // a sales receipt as it now stands
        }
        UUID target = switch (document.kind) {
            case ADJUSTMENT -> invoice != null ? invoice.invoiceDocumentId : payment.ownDocumentId;
            case VOID -> document.relatedDocumentId != null ? document.relatedDocumentId
                    : invoice != null ? invoice.invoiceDocumentId : payment.ownDocumentId;
            case PAYMENT -> invoice != null ? invoice.invoiceDocumentId : null;
            default -> null;
        };
        return new PushData.Document(document.id, document.kind, document.number, document.documentDate,
                document.dueDate, document.currency, total, document.customer, document.ledgerInvoiceId,
                document.paymentId, target, lines, invoiceDiscount.max(BigDecimal.ZERO), tax,
                sum(journal, Account.ACCOUNTS_RECEIVABLE, JournalLineEntity.CREDIT),
                journal.stream().anyMatch(line -> Account.UNDEPOSITED_FUNDS.code().equals(line.accountCode)),
                invoice != null && invoice.voided, payment == null ? null : payment.externalId, invoiceNumber(invoice));
    }

    /** The customer a posting names, or the one it was merged into. */
    @Transactional
    PushData.Customer customer(UUID ledgerCustomerId) {
        LedgerCustomerEntity customer = LedgerCustomerEntity.findById(ledgerCustomerId);
        while (customer.mergedIntoId != null) {
            customer = LedgerCustomerEntity.findById(customer.mergedIntoId);
        }
        return new PushData.Customer(customer.id, customer.displayName, customer.email);
    }

    @Transactional
    PushData.Item item(String tenantId, String itemId) {
        ItemEntity item = ItemEntity.findById(new ItemEntity.Key(tenantId, itemId));
        return item == null ? null : new PushData.Item(item.itemId, item.name, item.sku, item.unitPrice);
    }

    private static String invoiceNumber(LedgerInvoiceEntity invoice) {
        DocumentEntity posted = invoice == null || invoice.invoiceDocumentId == null ? null
                : DocumentEntity.findById(invoice.invoiceDocumentId);
        return posted == null ? null : posted.number;
    }

    private static List<JournalLineEntity> journal(UUID documentId) {
        JournalEntryEntity entry = JournalEntryEntity.find("documentId", documentId).firstResult();
        return entry == null ? List.of() : JournalLineEntity.list("entryId", entry.id);
    }

    private static BigDecimal sum(List<JournalLineEntity> journal, Account account, String side) {
        return journal.stream().filter(line -> account.code().equals(line.accountCode) && side.equals(line.side))
                .map(line -> line.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
