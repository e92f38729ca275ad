package dev.ledgerline.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated Avro record in single-object encoding: {@code C3 01}, the writer schema's 8-byte
 * little-endian CRC-64-AVRO fingerprint, the Avro binary body. A null record becomes null bytes (a tombstone).
 * Thread-safe.
 *
 * <p>Build it with {@link AvroSerde#of(Class)}, or let a Kafka client instantiate it by class name and set
 * {@link AvroConfig#VALUE_TYPE} (or {@link AvroConfig#KEY_TYPE}) to the record class.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private volatile BinaryMessageEncoder<T> encoder;
    private volatile Class<T> type;

    /** For clients that instantiate serializers by class name; {@link #configure} names the type. */
    public AvroSerializer() {
    }

    public AvroSerializer(Class<T> type) {
        use(type);
    }

    /** Reads the record type from the configs unless the constructor already fixed it. */
    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (type == null) {
            use((Class<T>) AvroConfig.targetType(configs, isKey));
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (encoder == null) {
            throw new IllegalStateException("AvroSerializer has no record type: set " + AvroConfig.VALUE_TYPE);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private void use(Class<T> recordType) {
        WireModel model = WireModel.forType(recordType);
        encoder = new BinaryMessageEncoder<>(model, model.getSchema(recordType));
        type = recordType;
    }
}
