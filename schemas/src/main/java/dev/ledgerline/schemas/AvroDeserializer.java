package dev.ledgerline.schemas;

import dev.ledgerline.schemas.AvroDecodingException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads single-object-encoded Avro into a generated record. The writer schema may be any version the
 * {@link SchemaStore} knows, older or newer than the generated class: Avro schema resolution fills added fields
 * with their defaults and skips removed ones. Null bytes (a tombstone) become null. Anything undecodable raises
 * {@link AvroDecodingException}. Thread-safe.
 *
 * <p>Build it with {@link AvroSerde#of(Class)}, or let a Kafka client instantiate it by class name and set
 * {@link AvroConfig#VALUE_TYPE} (or {@link AvroConfig#KEY_TYPE}) to the record class.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static final byte[] MARKER = {(byte) 0xC3, 0x01};
    static final int HEADER_LENGTH = MARKER.length + Long.BYTES;

    private final SchemaStore store;
    private volatile BinaryMessageDecoder<T> decoder;
    private volatile long readerFingerprint;

    /** For clients that instantiate deserializers by class name; {@link #configure} names the type. */
    public AvroDeserializer() {
        this.store = SchemaStore.get();
    }

    public AvroDeserializer(Class<T> type) {
        this();
        use(type);
    }

    /** Reads the record type from the configs unless the constructor already fixed it. */
    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (decoder == null) {
            use((Class<T>) AvroConfig.targetType(configs, isKey));
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (decoder == null) {
            throw new IllegalStateException("AvroDeserializer has no record type: set " + AvroConfig.VALUE_TYPE);
        }
        long fingerprint = writerFingerprint(data);
        // Checked here, not left to the decoder, so that the exception can carry the fingerprint.
        if (fingerprint != readerFingerprint && store.findByFingerprint(fingerprint) == null) {
            throw new AvroDecodingException(Reason.UNKNOWN_FINGERPRINT, fingerprint,
                    "no known schema has fingerprint " + fingerprint + " (bytes "
                            + HexFormat.of().formatHex(data, MARKER.length, HEADER_LENGTH) + ")", null);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        T record;
        try {
            record = decoder.decode(in, null);
        } catch (IOException | RuntimeException e) {
            throw new AvroDecodingException(Reason.CORRUPT_BODY, fingerprint,
                    "body of " + data.length + " bytes does not match its writer schema: " + e, e);
        }
        if (in.available() > 0) {
            throw new AvroDecodingException(Reason.CORRUPT_BODY, fingerprint,
                    in.available() + " bytes left over after the record", null);
        }
        return record;
    }

    /** The fingerprint in the header, after checking that there is a header. */
    private static long writerFingerprint(byte[] data) {
        if (data.length < HEADER_LENGTH || data[0] != MARKER[0] || data[1] != MARKER[1]) {
            String start = HexFormat.of().formatHex(data, 0, Math.min(data.length, MARKER.length));
            throw new AvroDecodingException(Reason.BAD_MARKER, null, "expected at least " + HEADER_LENGTH
                    + " bytes starting with c301, got " + data.length + " bytes starting with '" + start + "'", null);
        }
        return ByteBuffer.wrap(data, MARKER.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private void use(Class<T> recordType) {
        WireModel model = WireModel.forType(recordType);
        Schema readerSchema = model.getSchema(recordType);
        readerFingerprint = SchemaNormalization.parsingFingerprint64(readerSchema);
        decoder = new BinaryMessageDecoder<>(model, readerSchema, store);
    }
}
