package dev.ledgerline.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one serde of the suite's Avro values, for SmallRye channels, plain clients and Kafka Streams alike:
 * {@code AvroSerde.of(Deal.class)}. Single-object encoding (see {@link AvroSerializer}); reads every schema
 * version the {@link SchemaStore} knows (see {@link AvroDeserializer}). Thread-safe; keep one per type.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(Class<T> type) {
        this.type = type;
        this.serializer = new AvroSerializer<>(type);
        this.deserializer = new AvroDeserializer<>(type);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public AvroSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public AvroDeserializer<T> deserializer() {
        return deserializer;
    }
}
