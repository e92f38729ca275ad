package dev.ledgerline.ledger.journal;

import dev.ledgerline.ledger.posting.Account;
import dev.ledgerline.ledger.posting.Currencies;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.JournalLine;
import dev.ledgerline.wire.LedgerDocument;
import dev.ledgerline.wire.LedgerLine;
import dev.ledgerline.wire.Money;
import java.math.BigDecimal;

/** Builds the ledger.documents.v1 record of a posted document. */
public final class LedgerDocumentMapper {
    private LedgerDocumentMapper() {
    }

    /** The record key: tenant|documentId. */
    public static String key(DocumentEntity document) {
        return Keys.of(document.tenantId, document.id.toString());
    }

    /**
     * @param customerId the customers.v1 id of the document's customer; null for a customer the ledger created that
     *     no customers.v1 record has claimed yet
     */
    public static LedgerDocument toWire(PostedDocument posted, String customerId) {
        DocumentEntity document = posted.document();
        String currency = document.currency;
        return LedgerDocument.newBuilder()
                .setTenantId(document.tenantId)
                .setDocumentId(document.id.toString())
                .setKind(document.kind.wire())
                .setNumber(document.number)
                .setDate(document.documentDate)
                .setDueDate(document.dueDate)
                .setCustomerId(customerId)
                .setConnectionId(document.connectionId)
                .setSource(document.source == null ? null : CrmSource.valueOf(document.source))
                .setSourceExternalId(document.sourceExternalId)
                .setDealId(document.dealId)
                .setRelatedDocumentId(document.relatedDocumentId == null ? null : document.relatedDocumentId.toString())
                .setCurrency(currency)
                .setLines(posted.lines().stream().map(line -> LedgerLine.newBuilder()
                        .setItemId(line.itemId)
                        .setDescription(line.description)
                        .setQuantity(line.quantity)
                        .setUnitPrice(money(line.unitPrice, currency))
                        .setDiscountAmount(line.discountAmount == null ? null : money(line.discountAmount, currency))
                        .setTaxAmount(line.taxAmount == null ? null : money(line.taxAmount, currency))
                        .setAmount(money(line.amount, currency))
                        .build()).toList())
                .setTotal(money(document.total, currency))
                .setJournal(posted.journal().stream().map(line -> JournalLine.newBuilder()
                        .setAccount(Account.ofCode(line.accountCode).wire())
                        .setDebit(money(JournalLineEntity.DEBIT.equals(line.side) ? line.amount : BigDecimal.ZERO, currency))
                        .setCredit(money(JournalLineEntity.CREDIT.equals(line.side) ? line.amount : BigDecimal.ZERO, currency))
                        .setMemo(line.memo)
                        .build()).toList())
                .setPostedAt(document.postedAt)
                .build();
    }

    private static Money money(BigDecimal amount, String currency) {
        return new Money(Currencies.exact(amount), currency);
    }
}
