package dev.ledgerline.ledger.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordProcessor;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import dev.ledgerline.schemas.AvroRecordSerializer;
import dev.ledgerline.schemas.EventIds;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.Payment;
import dev.ledgerline.wire.PaymentKind;
import dev.ledgerline.wire.SourceEntityType;
import dev.ledgerline.wire.StageCategory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Replaying any input, or redelivering it after a rebalance or crash, leaves the ledger exactly as it was. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class ReplayTest extends LedgerTestSupport {
    @Inject
    RecordProcessor processor;

    @Test
    void theWholeInputPublishedAgainChangesNothing() {
        List<Wire.Input> history = history();
        publish(history);
        Map<String, List<Map<String, Object>>> before = snapshot();
        assertThat(before.get("documents")).hasSizeGreaterThan(8);

        publish(history);

        assertThat(snapshot()).isEqualTo(before);
        db.assertBalanced(tenant);
    }

    @Test
    void aFullResyncOfTheSameVersionsChangesNothing() {
        List<Wire.Input> history = history();
        publish(history);
        Map<String, List<Map<String, Object>>> before = snapshot();

        // The connector re-reads everything: same versions, a later syncedAt, so other bytes and other event ids.
        Instant resyncedAt = Wire.T0.plus(Duration.ofDays(30));
        publish(history.stream().map(record -> resynced(record, resyncedAt)).toList());

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aRedeliveryOfRecordsAlreadyProcessedIsFoundInTheLogAndChangesNothing() {
        publish(history());
        Map<String, List<Map<String, Object>>> before = snapshot();

        // The same records again, with their topic, partition and offset, as a consumer that took over the
        // partitions before the previous owner committed would read them.
        List<ConsumerRecord<byte[], byte[]>> delivered = readBack();
        assertThat(delivered).hasSize(input.eventIds().size());
        List<Outcome> outcomes = delivered.stream().map(processor::process).toList();

        assertThat(outcomes).containsOnly(Outcome.DUPLICATE);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aRedeliveredBatchAppliedInOneTransactionIsFoundInTheLogAndChangesNothing() {
        publish(history());
        Map<String, List<Map<String, Object>>> before = snapshot();
        long processed = db.count("select count(*) from processed_event");

        assertThat(processor.processTogether(readBack())).isTrue();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(db.count("select count(*) from processed_event")).isEqualTo(processed);
    }

    @Test
    void aBatchWithARejectedRecordLeavesNothingAndOneRecordPerTransactionOnlyThatOneIsDeadLettered() {
        AvroRecordSerializer serializer = new AvroRecordSerializer();
        List<Wire.Input> history = new ArrayList<>(history());
        Wire.Input invoice = history.stream().filter(record -> record.value() instanceof Invoice).findFirst().orElseThrow();
        int rejected = history.size() / 2;
        history.add(rejected, new Wire.Input(invoice.topic(), Keys.of("someone-else", "inv-1"), invoice.value()));
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (Wire.Input record : history) {
            byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
            byte[] value = serializer.serialize(record.topic(), record.value());
            batch.add(new ConsumerRecord<>(record.topic(), 0, batch.size(), key, value));
            eventIds.add(EventIds.of(record.topic(), key, value));
        }

        assertThat(processor.processTogether(batch)).isFalse();
        assertThat(db.count("select count(*) from processed_event where event_id = any(?)",
                (Object) eventIds.toArray(String[]::new))).as("nothing of the failed batch stays").isZero();

        List<Outcome> outcomes = batch.stream().map(processor::process).toList();
        assertThat(outcomes.get(rejected)).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(outcomes).containsOnlyOnce(Outcome.DEAD_LETTERED);
        assertThat(db.outcome(eventIds.get(rejected))).isEqualTo(Outcome.DEAD_LETTERED.name());
        assertThat(snapshot().get("documents")).hasSizeGreaterThan(8);
        db.assertBalanced(tenant);
    }

    /** A tenant's month: settings, customers, invoices paid in parts, adjusted, voided, receipts, a refund. */
    private List<Wire.Input> history() {
        Instant t = Wire.T0;
        List<Wire.Input> records = new ArrayList<>();
        records.add(Wire.tenant(tenant, "Europe/Berlin"));
        records.add(Wire.connection(tenant, Wire.CONNECTED, true, Wire.CONNECTED));
        records.add(Wire.customer(tenant, "cust-1", "Acme GmbH", "billing@acme.example", Wire.CONNECTED,
                Wire.link(SourceEntityType.CONTACT, "c-1")));
        records.add(Wire.item(tenant, "item-1", "Consulting day", "p-1", "400.00", "EUR"));
        records.add(Wire.invoice(tenant, "inv-1").contact("c-1").line("p-1", "5", "800.00", "0.05", "0.19").build());
        records.add(Wire.invoice(tenant, "inv-2").customer("Beta", "ap@beta.example")
                .line("p-2", "1", "250.00", null, "0.07").updatedAt(t.plusSeconds(10)).build());
        records.add(Wire.payment(tenant, "pay-1").invoice("inv-1").amount("2000.00", "EUR").updatedAt(t.plusSeconds(20)).build());
        records.add(Wire.invoice(tenant, "inv-2").customer("Beta", "ap@beta.example")
                .line("p-2", "1", "250.00", "0.10", "0.07").updatedAt(t.plusSeconds(30)).build());
        records.add(Wire.payment(tenant, "pay-2").invoice("inv-1").amount("3000.00", "EUR").updatedAt(t.plusSeconds(40)).build());
        records.add(Wire.invoice(tenant, "inv-1").contact("c-1").line("p-1", "5", "800.00", "0.05", "0.19")
                .status(InvoiceStatus.PAID).updatedAt(t.plusSeconds(50)).build());
        records.add(Wire.invoice(tenant, "inv-3").line("p-1", "2", "800.00", null, "0.19").updatedAt(t.plusSeconds(60)).build());
        records.add(Wire.invoice(tenant, "inv-3").line("p-1", "2", "800.00", null, "0.19").status(InvoiceStatus.VOID)
                .updatedAt(t.plusSeconds(70)).build());
        records.add(Wire.payment(tenant, "order-1").kind(PaymentKind.ORDER).amount("99.00", "EUR").updatedAt(t.plusSeconds(80)).build());
        records.add(Wire.payment(tenant, "order-1").kind(PaymentKind.ORDER).amount("59.00", "EUR").updatedAt(t.plusSeconds(90)).build());
        records.add(Wire.deal(tenant, "deal-1", "cust-1", StageCategory.WON, t.plusSeconds(100), "EUR",
                List.of(Wire.lineItem("p-1", "1", "800.00", "EUR", null, "0.19"))));
        return records;
    }

    /** The record as a later sync reads it (changed in place: it was already published as it was). */
    private static Wire.Input resynced(Wire.Input record, Instant syncedAt) {
        if (record.value() instanceof Invoice invoice) {
            invoice.setSyncedAt(syncedAt);
        } else if (record.value() instanceof Payment payment) {
            payment.setSyncedAt(syncedAt);
        }
        return record;
    }

    /** Every record of this tenant on the input topics, as the consumer read them. */
    private List<ConsumerRecord<byte[], byte[]>> readBack() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(processor.topics());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (records.size() < input.eventIds().size() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.key() != null
                            && tenant.equals(Keys.tenantOf(new String(record.key(), StandardCharsets.UTF_8)))) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }

    /** Everything the tenant's ledger holds, in a fixed order, without the times of posting. */
    private Map<String, List<Map<String, Object>>> snapshot() {
        return Map.of(
                "documents", db.rows("""
                        select id, kind, ledger_invoice_id, payment_id, revision, number, document_date, customer,
                               source_external_id, related_document_id, currency, total
                          from ledger_document where tenant_id = ? order by seq""", tenant),
                "journal", db.rows("""
                        select e.document_id, l.line_no, l.account_code, l.side, l.amount
                          from journal_line l join journal_entry e on e.id = l.entry_id
                         where l.tenant_id = ? order by e.document_id, l.line_no""", tenant),
                "invoices", db.rows("""
                        select id, customer, total, discount_total, tax_total, received, amount_applied, credit, voided,
                               open_balance, revision
                          from ledger_invoice where tenant_id = ? order by id""", tenant),
                "payments", db.rows("""
                        select id, role, amount, posted, ledger_invoice_id, revision
                          from payment where tenant_id = ? order by id""", tenant),
                "customers", db.rows("select id, customer_id, display_name from ledger_customer where tenant_id = ? order by id", tenant));
    }
}
