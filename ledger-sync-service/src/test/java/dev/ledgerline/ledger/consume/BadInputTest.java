package dev.ledgerline.ledger.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.consume.RecordProcessor;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.MetricsSnapshot;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import dev.ledgerline.schemas.AvroRecordSerializer;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.InvoiceStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Bad input goes to the topic's .dlq with the reason and its bytes; nothing of it is posted; the consumer goes on. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class BadInputTest extends LedgerTestSupport {

    @Test
    void anInvoiceWhoseLinesDoNotAddUpIsDeadLetteredWithTheDifferenceAndTheNextOneIsPosted() {
        Wire.Input bad = Wire.invoice(tenant, "bad").line("p-1", "10", "100.00", null, "0.19").total("1200.00").build();
        publish(Wire.connection(tenant), bad, Wire.invoice(tenant, "good").line("p-1", "1", "10.00", null, null).build());

        DeadLetter letter = deadLetter(Topics.INVOICES, bad.key());
        assertThat(letter.getReasonCode()).isEqualTo("LINES_DO_NOT_ADD_UP");
        assertThat(letter.getErrorMessage()).contains("lines add up to 1190.00").contains("total is 1200.00")
                .contains("difference 10.00");
        assertThat(letter.getTenantId()).isEqualTo(tenant);
        assertThat(letter.getStage()).isEqualTo(RecordProcessor.stage("ledger-sync-service"));
        assertThat(bytes(letter.getOriginalValue()))
                .isEqualTo(new AvroRecordSerializer().serialize(Topics.INVOICES, bad.value()));
        assertThat(get("invoices").getList("items.externalId")).containsExactly("good");
        assertThat(db.outcome(input.eventIds().get(1))).isEqualTo("DEAD_LETTERED");
    }

    @Test
    void anUnknownCurrencyIsDeadLettered() {
        Wire.Input bad = Wire.invoice(tenant, "xyz").currency("XYZ").line("p-1", "1", "10.00", null, null).build();
        publish(Wire.connection(tenant), bad);

        DeadLetter letter = deadLetter(Topics.INVOICES, bad.key());
        assertThat(letter.getReasonCode()).isEqualTo("UNKNOWN_CURRENCY");
        assertThat(letter.getErrorMessage()).contains("'XYZ'");
        assertThat(documentKinds()).isEmpty();
    }

    @Test
    void aPaymentInAnotherCurrencyThanItsInvoiceIsDeadLettered() {
        Wire.Input payment = Wire.payment(tenant, "pay-usd").invoice("inv-1").amount("10.00", "USD")
                .updatedAt(Wire.T0.plusSeconds(60)).build();
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "1", "10.00", null, null).build(),
                payment);

        assertThat(deadLetter(Topics.PAYMENTS, payment.key()).getReasonCode()).isEqualTo("CURRENCY_MISMATCH");
        assertThat(documentKinds()).containsExactly("INVOICE");
    }

    @Test
    void anUndecodableRecordIsDeadLetteredWithItsRawBytesCountedAndTheConsumerGoesOn() {
        String key = Keys.of(tenant, "HUBSPOT", "garbage");
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        input.sendRaw(Topics.INVOICES, key, garbage);
        publish(Wire.connection(tenant), Wire.invoice(tenant, "after").line("p-1", "1", "10.00", null, null).build());

        DeadLetter letter = deadLetter(Topics.INVOICES, key);
        assertThat(letter.getReasonCode()).isEqualTo("BAD_MARKER");
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(garbage);
        assertThat(bytes(letter.getOriginalKey())).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
        assertThat(get("invoices").getList("items.externalId")).containsExactly("after");
        String metrics = RestAssured.get("/q/metrics").asString();
        assertThat(metrics)
                .contains("ledgerline_consumer_dead_letters_total{reason=\"BAD_MARKER\",topic=\"crm.invoices.v1\"}");
        // The consumer's meters exist once it has processed and dead-lettered: kept for the deploy module's checks.
        MetricsSnapshot.save("ledger-sync-service-bad-input", metrics);
    }

    @Test
    void aRecordThatKeepsFailingIsRetriedThenDeadLetteredWithTheErrorAndTheConsumerGoesOn() {
        // An invoice number longer than the ledger stores: the database refuses it on every attempt.
        Wire.Input failing = Wire.invoice(tenant, "long").number("N".repeat(150))
                .line("p-1", "1", "10.00", null, null).build();
        publish(Wire.connection(tenant), failing, Wire.invoice(tenant, "next").line("p-1", "1", "10.00", null, null)
                .status(InvoiceStatus.PAID).build());

        DeadLetter letter = deadLetter(Topics.INVOICES, failing.key());
        assertThat(letter.getReasonCode()).isEqualTo(RecordProcessor.PROCESSING_FAILED);
        assertThat(letter.getErrorMessage()).contains("value too long");
        assertThat(letter.getExceptionClass()).isNotNull();
        assertThat(get("invoices").getList("items.externalId")).containsExactly("next");
        assertThat(RestAssured.get("/q/metrics").asString()).contains("ledgerline_consumer_record_retries_total");
        db.assertBalanced(tenant);
    }

    @Test
    void aRecordWhoseKeyNamesAnotherTenantIsDeadLettered() {
        Wire.Input invoice = Wire.invoice(tenant, "inv-1").line("p-1", "1", "10.00", null, null).build();
        String wrongKey = Keys.of("someone-else", "HUBSPOT", "inv-1");
        publish(Wire.connection(tenant), new Wire.Input(Topics.INVOICES, wrongKey, invoice.value()));

        assertThat(deadLetter(Topics.INVOICES, wrongKey).getReasonCode()).isEqualTo(RecordProcessor.KEY_MISMATCH);
        assertThat(documentKinds()).isEmpty();
    }

    private static DeadLetter deadLetter(String topic, String key) {
        List<ConsumerRecord<String, DeadLetter>> letters = TopicProbe.readUntil(DevstackResource.bootstrapServers(),
                Topics.dlq(topic), AvroSerde.of(DeadLetter.class).deserializer(), record -> key.equals(record.key()),
                Duration.ofSeconds(60));
        return letters.stream().filter(record -> key.equals(record.key())).findFirst().orElseThrow().value();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
