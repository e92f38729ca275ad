package dev.ledgerline.schemas;

import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A value that is not a decodable single-object-encoded Avro record. The one exception type consumers catch to
 * route a record to its topic's dead-letter topic; {@link #reason()} goes into {@code DeadLetter.reasonCode}.
 */
public final class AvroDecodingException extends SerializationException {

    /** Why a value could not be decoded. */
    public enum Reason {
        /** Shorter than the 10-byte header, or not starting with the marker {@code C3 01}. */
        BAD_MARKER,
        /** The writer schema's fingerprint is in no version the {@link SchemaStore} knows. */
        UNKNOWN_FINGERPRINT,
        /** The header is fine but the Avro body is truncated, malformed or followed by extra bytes. */
        CORRUPT_BODY
    }

    private final Reason reason;
    private final Long fingerprint;

    AvroDecodingException(Reason reason, Long fingerprint, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.fingerprint = fingerprint;
    }

    public Reason reason() {
        return reason;
    }

    /** The writer-schema fingerprint read from the header; empty when the header could not be read. */
    public OptionalLong fingerprint() {
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }
}
