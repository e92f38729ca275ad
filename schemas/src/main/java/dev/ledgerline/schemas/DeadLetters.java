package dev.ledgerline.schemas;

import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.DeadLetterHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Builds the {@link DeadLetter} of a consumed record: its topic, partition, offset, timestamp, key, value and headers
 * exactly as read, so that it can be replayed once the cause is fixed, with the tenant read from the key. Every
 * consumer of the suite that reads raw bytes uses it; the dead letter goes to {@link Topics#dlq(String)} keyed by the
 * original key.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** The dead letter of a value that could not be decoded: reason code and fingerprint from the exception. */
    public static DeadLetter undecodable(ConsumerRecord<byte[], byte[]> record, AvroDecodingException error,
            String stage, Instant failedAt) {
        return builder(record, error.reason().name(), String.valueOf(error.getMessage()), stage, failedAt)
                .setExceptionClass(error.getClass().getName())
                .setFingerprint(error.fingerprint().isPresent() ? error.fingerprint().getAsLong() : null)
                .build();
    }

    /**
     * The dead letter of a record the consumer decoded but could not process.
     *
     * @param reasonCode machine-readable cause of the consuming service, e.g. {@code VALIDATION_FAILED}
     * @param message what is wrong, for a person; never a secret
     * @param error the exception behind it, or null when the record was rejected by a check
     */
    public static DeadLetter rejected(ConsumerRecord<byte[], byte[]> record, String reasonCode, String message,
            Throwable error, String stage, Instant failedAt) {
        return builder(record, reasonCode, message, stage, failedAt)
                .setExceptionClass(error == null ? null : error.getClass().getName())
                .setFingerprint(fingerprintOf(record.value()))
                .build();
    }

    /** The tenant of a raw key (its first part), or null for a missing or empty key. */
    public static String tenantOf(byte[] key) {
        if (key == null) {
            return null;
        }
        String tenant = Keys.tenantOf(new String(key, StandardCharsets.UTF_8));
        return tenant.isEmpty() ? null : tenant;
    }

    private static DeadLetter.Builder builder(ConsumerRecord<byte[], byte[]> record, String reasonCode, String message,
            String stage, Instant failedAt) {
        List<DeadLetterHeader> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new DeadLetterHeader(header.key(), wrap(header.value()))));
        return DeadLetter.newBuilder()
                .setOriginalTopic(record.topic())
                .setOriginalPartition(record.partition())
                .setOriginalOffset(record.offset())
                .setOriginalTimestamp(record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()))
                .setOriginalKey(wrap(record.key()))
                .setOriginalValue(wrap(record.value()))
                .setHeaders(headers)
                .setTenantId(tenantOf(record.key()))
                .setReasonCode(reasonCode)
                .setErrorMessage(message)
                .setStage(stage)
                .setFailedAt(failedAt);
    }

    /** The writer fingerprint of a well-formed single-object-encoded value, else null. */
    private static Long fingerprintOf(byte[] value) {
        if (value == null || value.length < AvroDeserializer.HEADER_LENGTH
                || value[0] != AvroDeserializer.MARKER[0] || value[1] != AvroDeserializer.MARKER[1]) {
            return null;
        }
        return ByteBuffer.wrap(value, AvroDeserializer.MARKER.length, Long.BYTES)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
