package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Invoice;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Instant FAILED = Instant.parse("2025-03-14T10:00:00Z");
    private static final String KEY = "acme|HUBSPOT|inv-1";

    @Test
    void anUndecodableValueKeepsItsBytesHeadersAndPlaceWithTheDecoderReason() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        var record = record(Topics.INVOICES, garbage);
        var error = catchThrowableOfType(AvroDecodingException.class,
                () -> AvroSerde.of(Invoice.class).deserializer().deserialize(Topics.INVOICES, garbage));

        DeadLetter letter = DeadLetters.undecodable(record, error, "ledger-sync-service/consumer", FAILED);

        assertThat(letter.getOriginalTopic()).isEqualTo(Topics.INVOICES);
        assertThat(letter.getOriginalPartition()).isEqualTo(3);
        assertThat(letter.getOriginalOffset()).isEqualTo(42L);
        assertThat(letter.getOriginalTimestamp()).isEqualTo(Instant.ofEpochMilli(1_741_944_413_589L));
        assertThat(bytes(letter.getOriginalKey())).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(garbage);
        assertThat(letter.getHeaders()).hasSize(2);
        assertThat(letter.getHeaders().get(0).getKey()).isEqualTo("trace");
        assertThat(bytes(letter.getHeaders().get(0).getValue())).isEqualTo(new byte[] {1, 2});
        assertThat(letter.getHeaders().get(1).getValue()).isNull();
        assertThat(letter.getTenantId()).isEqualTo("acme");
        assertThat(letter.getReasonCode()).isEqualTo("BAD_MARKER");
        assertThat(letter.getExceptionClass()).isEqualTo(AvroDecodingException.class.getName());
        assertThat(letter.getFingerprint()).isNull();
        assertThat(letter.getStage()).isEqualTo("ledger-sync-service/consumer");
        assertThat(letter.getFailedAt()).isEqualTo(FAILED);
        // The dead letter itself is a valid wire record.
        assertThat(AvroSerde.of(DeadLetter.class).serializer().serialize(Topics.dlq(Topics.INVOICES), letter)).isNotEmpty();
    }

    @Test
    void aRejectedRecordCarriesTheServiceReasonAndTheWriterFingerprint() {
        byte[] value = AvroSerde.of(Invoice.class).serializer().serialize(Topics.INVOICES, WireSamples.invoice());
        long fingerprint = SchemaStore.get().current(Invoice.getClassSchema().getFullName()).fingerprint();

        DeadLetter letter = DeadLetters.rejected(record(Topics.INVOICES, value), "LINES_DO_NOT_ADD_UP",
                "lines add up to 100.00, total is 119.00 (difference 19.00)", null, "ledger-sync-service/invoices",
                FAILED);

        assertThat(letter.getReasonCode()).isEqualTo("LINES_DO_NOT_ADD_UP");
        assertThat(letter.getErrorMessage()).contains("difference 19.00");
        assertThat(letter.getExceptionClass()).isNull();
        assertThat(letter.getFingerprint()).isEqualTo(fingerprint);
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    }

    @Test
    void aRecordWithoutKeyOrTimestampHasNoTenantAndNoTimestamp() {
        var record = new ConsumerRecord<byte[], byte[]>(Topics.PAYMENTS, 0, 7L, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, 0, 0, null, null, new RecordHeaders(), Optional.empty());

        DeadLetter letter = DeadLetters.rejected(record, "NO_KEY", "record without key", new IllegalStateException(),
                "test", FAILED);

        assertThat(letter.getTenantId()).isNull();
        assertThat(letter.getOriginalKey()).isNull();
        assertThat(letter.getOriginalValue()).isNull();
        assertThat(letter.getOriginalTimestamp()).isNull();
        assertThat(letter.getExceptionClass()).isEqualTo(IllegalStateException.class.getName());
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
        var headers = new RecordHeaders();
        headers.add("trace", new byte[] {1, 2});
        headers.add("empty", null);
        return new ConsumerRecord<>(topic, 3, 42L, 1_741_944_413_589L, TimestampType.CREATE_TIME, KEY.length(),
                value.length, KEY.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
