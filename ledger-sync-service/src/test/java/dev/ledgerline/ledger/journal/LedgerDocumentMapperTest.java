package dev.ledgerline.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.LedgerAccount;
import dev.ledgerline.wire.LedgerDocument;
import dev.ledgerline.wire.LedgerDocumentKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerDocumentMapperTest {
    private static final UUID ID = UUID.fromString("6bbfbd3d-c2c8-32d6-be4c-d5a2c5c7aafa");

    @Test
    void aPostedInvoiceBecomesItsLedgerDocumentRecordWithABalancedJournal() {
        DocumentEntity document = new DocumentEntity();
        document.id = ID;
        document.tenantId = "acme";
        document.kind = DocumentKind.INVOICE;
        document.number = "INV-1001";
        document.documentDate = LocalDate.parse("2025-03-03");
        document.dueDate = LocalDate.parse("2025-04-02");
        document.connectionId = "conn-1";
        document.source = "HUBSPOT";
        document.sourceExternalId = "inv-1";
        document.dealId = "deal-7";
        document.currency = "EUR";
        document.total = new BigDecimal("1071.0000");
        document.postedAt = Instant.parse("2025-03-03T09:00:01Z");
        DocumentLineEntity line = new DocumentLineEntity();
        line.documentId = ID;
        line.lineNo = 1;
        line.itemId = "item-1";
        line.description = "Consulting";
        line.quantity = new BigDecimal("10.0000");
        line.unitPrice = new BigDecimal("100.0000");
        line.discountAmount = new BigDecimal("100.0000");
        line.taxAmount = new BigDecimal("171.0000");
        line.amount = new BigDecimal("900.0000");
        PostedDocument posted = new PostedDocument(document, List.of(line), List.of(
                journal(1, "1100", "D", "1071"), journal(2, "2100", "C", "171"), journal(3, "4000", "C", "1000"),
                journal(4, "4900", "D", "100")));

        LedgerDocument wire = LedgerDocumentMapper.toWire(posted, "cust-9");

        assertThat(LedgerDocumentMapper.key(document)).isEqualTo("acme|" + ID);
        assertThat(wire.getKind()).isEqualTo(LedgerDocumentKind.INVOICE);
        assertThat(wire.getSource()).isEqualTo(CrmSource.HUBSPOT);
        assertThat(wire.getCustomerId()).isEqualTo("cust-9");
        assertThat(wire.getDueDate()).isEqualTo(LocalDate.parse("2025-04-02"));
        assertThat(wire.getLines()).singleElement().satisfies(sold -> {
            assertThat(sold.getItemId()).isEqualTo("item-1");
            assertThat(sold.getAmount().getAmount()).isEqualByComparingTo("900");
            assertThat(sold.getTaxAmount().getCurrency()).isEqualTo("EUR");
        });
        assertThat(wire.getJournal()).extracting(journal -> journal.getAccount()).containsExactly(
                LedgerAccount.ACCOUNTS_RECEIVABLE, LedgerAccount.SALES_TAX_PAYABLE, LedgerAccount.SALES_REVENUE,
                LedgerAccount.DISCOUNTS);
        BigDecimal debits = wire.getJournal().stream().map(j -> j.getDebit().getAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = wire.getJournal().stream().map(j -> j.getCredit().getAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(debits).isEqualByComparingTo(credits).isEqualByComparingTo("1171");

        AvroSerde<LedgerDocument> serde = AvroSerde.of(LedgerDocument.class);
        assertThat(serde.deserializer().deserialize(Topics.LEDGER_DOCUMENTS,
                serde.serializer().serialize(Topics.LEDGER_DOCUMENTS, wire))).isEqualTo(wire);
    }

    @Test
    void aCustomerCreditLineMapsToItsAccount() {
        DocumentEntity document = new DocumentEntity();
        document.id = ID;
        document.tenantId = "acme";
        document.kind = DocumentKind.PAYMENT;
        document.documentDate = LocalDate.parse("2025-03-04");
        document.relatedDocumentId = UUID.fromString("00000000-0000-0000-0000-000000000001");
        document.currency = "JPY";
        document.total = new BigDecimal("5000.0000");
        document.postedAt = Instant.parse("2025-03-04T09:00:00Z");

        LedgerDocument wire = LedgerDocumentMapper.toWire(new PostedDocument(document, List.of(),
                List.of(journal(1, "1200", "D", "5000"), journal(2, "2200", "C", "5000"))), null);

        assertThat(wire.getRelatedDocumentId()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(wire.getSource()).isNull();
        assertThat(wire.getJournal()).extracting(journal -> journal.getAccount())
                .containsExactly(LedgerAccount.UNDEPOSITED_FUNDS, LedgerAccount.CUSTOMER_CREDIT);
        assertThat(wire.getJournal().get(1).getDebit().getAmount()).isZero();
        assertThat(wire.getJournal().get(1).getCredit().getCurrency()).isEqualTo("JPY");
    }

    private static JournalLineEntity journal(int number, String code, String side, String amount) {
        JournalLineEntity line = new JournalLineEntity();
        line.entryId = ID;
        line.lineNo = number;
        line.tenantId = "acme";
        line.accountCode = code;
        line.side = side;
        line.amount = new BigDecimal(amount).setScale(4);
        return line;
    }
}
