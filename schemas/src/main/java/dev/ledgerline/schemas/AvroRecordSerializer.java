package dev.ledgerline.schemas;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Single-object encoding of whatever generated record it is given, for a producer that writes several record types
 * (one per topic) — the connector publishes deals, contacts, accounts … through one idempotent producer.
 */
public final class AvroRecordSerializer implements Serializer<SpecificRecord> {
    private final ConcurrentMap<Class<?>, AvroSerializer<SpecificRecord>> byType = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public byte[] serialize(String topic, SpecificRecord record) {
        if (record == null) {
            return null;
        }
        return byType.computeIfAbsent(record.getClass(),
                type -> new AvroSerializer<>((Class<SpecificRecord>) type)).serialize(topic, record);
    }
}
