package dev.ledgerline.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import dev.ledgerline.ledger.invoice.InvoiceHandler;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.LedgerDocument;
import dev.ledgerline.wire.LedgerDocumentKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every posted document is on ledger.documents.v1 once, keyed tenant|documentId, through the outbox: a replayed input
 * adds nothing, and a transaction that rolls back (a rejected record, a failure after a posting) publishes nothing.
 * The relay publishes in commit order, so once a later marker document is on the topic, anything committed before it
 * would be there too.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class LedgerDocumentsTopicTest extends LedgerTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** The document the history's last record posts, so the last one committed. */
    private static final String LAST_OF_HISTORY = "SR-order-1";

    @Inject
    InvoiceHandler invoices;

    @Test
    void anInvoiceAPaymentAReceiptAndAVoidAreEachPublishedOnceKeyedByTenantAndDocument() {
        publish(Wire.everyDocumentKind(tenant));
        List<Map<String, Object>> posted = documents();
        assertThat(posted).extracting(document -> document.get("kind"))
                .containsExactlyInAnyOrder("INVOICE", "PAYMENT", "INVOICE", "VOID", "SALES_RECEIPT");

        List<ConsumerRecord<String, LedgerDocument>> published = awaitNumber(LAST_OF_HISTORY);

        assertThat(published).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(posted.stream()
                        .map(document -> Keys.of(tenant, (String) document.get("id"))).toList());
        Map<String, LedgerDocument> byId = published.stream().map(ConsumerRecord::value)
                .collect(Collectors.toMap(LedgerDocument::getDocumentId, Function.identity()));
        for (Map<String, Object> document : posted) {
            LedgerDocument wire = byId.get((String) document.get("id"));
            assertThat(wire.getKind().name()).isEqualTo(document.get("kind"));
            assertThat(wire.getNumber()).isEqualTo(document.get("number"));
            assertThat(wire.getTotal().getAmount()).isEqualByComparingTo((BigDecimal) document.get("total"));
            assertThat(wire.getJournal()).hasSize(journal(document).size());
            assertThat(debits(wire)).isEqualByComparingTo(credits(wire));
        }
        // Matched to the customers.v1 customer by its contact link; the receipt's payer was created by the ledger.
        LedgerDocument invoice = published.stream().map(ConsumerRecord::value)
                .filter(document -> "INV-inv-1".equals(document.getNumber())).findFirst().orElseThrow();
        assertThat(invoice.getCustomerId()).isEqualTo("cust-1");
        assertThat(invoice.getKind()).isEqualTo(LedgerDocumentKind.INVOICE);
        assertThat(invoice.getLines()).hasSize(1);
        LedgerDocument receipt = published.stream().map(ConsumerRecord::value)
                .filter(document -> document.getKind() == LedgerDocumentKind.SALES_RECEIPT).findFirst().orElseThrow();
        assertThat(receipt.getCustomerId()).isNull();
    }

    @Test
    void theInputReplayedAddsNothingToTheTopic() {
        List<Wire.Input> history = Wire.everyDocumentKind(tenant);
        publish(history);
        int posted = documents().size();
        awaitNumber(LAST_OF_HISTORY);

        publish(history);
        publish(marker("after-replay"));

        List<ConsumerRecord<String, LedgerDocument>> published = awaitNumber("INV-after-replay");
        assertThat(published).hasSize(posted + 1);
        assertThat(published).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
    }

    @Test
    void aRejectedRecordAndARolledBackPostingPublishNothing() {
        publish(Wire.connection(tenant));
        // Rejected: the transaction that processed it rolled back, and its dead letter is all that is left of it.
        publish(Wire.invoice(tenant, "bad").line("p-1", "10", "100.00", null, "0.19").total("1200.00").build());
        // A posting that did reach the journal and the outbox, in a transaction that then fails.
        Invoice rolledBack = (Invoice) Wire.invoice(tenant, "rolled-back").line("p-1", "1", "10.00", null, null)
                .build().value();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            invoices.handle(rolledBack);
            assertThat(DocumentEntity.count("tenantId", tenant)).isEqualTo(1);
            throw new IllegalStateException("a later step of the same transaction fails");
        })).hasMessageContaining("later step");
        publish(marker("after-rollback"));

        assertThat(awaitNumber("INV-after-rollback")).extracting(record -> record.value().getNumber())
                .containsExactly("INV-after-rollback");
        assertThat(documents()).extracting(document -> document.get("number")).containsExactly("INV-after-rollback");
    }

    private Wire.Input marker(String id) {
        return Wire.invoice(tenant, id).line("p-1", "1", "1.00", null, null).updatedAt(Wire.T0.plusSeconds(3600)).build();
    }

    /** The tenant's documents on the topic, once the one with this number is there. */
    private List<ConsumerRecord<String, LedgerDocument>> awaitNumber(String number) {
        return ofTenant(TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.LEDGER_DOCUMENTS,
                AvroSerde.of(LedgerDocument.class).deserializer(),
                record -> record.key().startsWith(tenant + "|") && number.equals(record.value().getNumber()), PATIENCE));
    }

    private List<ConsumerRecord<String, LedgerDocument>> ofTenant(List<ConsumerRecord<String, LedgerDocument>> records) {
        return records.stream().filter(record -> record.key().startsWith(tenant + "|")).toList();
    }

    private static BigDecimal debits(LedgerDocument document) {
        return document.getJournal().stream().map(line -> line.getDebit().getAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal credits(LedgerDocument document) {
        return document.getJournal().stream().map(line -> line.getCredit().getAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
