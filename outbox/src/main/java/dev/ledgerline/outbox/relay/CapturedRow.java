package dev.ledgerline.outbox.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.outbox.OutboxEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A row Debezium captured from the WAL: an outbox event, or a heartbeat row (which only tells how far the stream
 * has come). Debezium's own heartbeat records and anything else carry no row.
 *
 * @param committedAt commit time of the row's transaction, epoch milliseconds
 * @param event       the event to publish, absent for a heartbeat row
 */
record CapturedRow(long committedAt, Optional<Published> event) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    /** An outbox row as it goes to Kafka, stamped with its commit time. */
    record Published(String id, String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> toProducerRecord(long committedAt) {
            RecordHeaders kafkaHeaders = new RecordHeaders();
            kafkaHeaders.add(OutboxEvent.ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
            headers.forEach((name, value) -> kafkaHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
            // The commit time, not the send time: a re-sent duplicate carries the same timestamp as the original.
            return new ProducerRecord<>(topic, null, committedAt, key, value, kafkaHeaders);
        }
    }

    /** The captured row of a record, if it is an insert into one of the outbox tables. */
    static Optional<CapturedRow> of(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("after") == null
                || !"c".equals(envelope.getString("op"))) {
            return Optional.empty();
        }
        Struct source = envelope.getStruct("source");
        long committedAt = source.getInt64("ts_ms");
        String table = source.getString("table");
        if (OutboxSchema.HEARTBEAT_TABLE.equals(table)) {
            return Optional.of(new CapturedRow(committedAt, Optional.empty()));
        }
        if (!OutboxSchema.EVENT_TABLE.equals(table)) {
            return Optional.empty();
        }
        Struct row = envelope.getStruct("after");
        return Optional.of(new CapturedRow(committedAt, Optional.of(new Published(
                row.getString("id"), row.getString("topic"), row.getString("message_key"),
                bytes(row.get("payload")), headers(row.getString("headers"))))));
    }

    private static byte[] bytes(Object payload) {
        if (payload == null) {
            return null;
        }
        if (payload instanceof byte[] array) {
            return array;
        }
        ByteBuffer buffer = ((ByteBuffer) payload).duplicate();
        byte[] array = new byte[buffer.remaining()];
        buffer.get(array);
        return array;
    }

    private static Map<String, String> headers(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox headers are written as a JSON object of strings: " + json, e);
        }
    }
}
