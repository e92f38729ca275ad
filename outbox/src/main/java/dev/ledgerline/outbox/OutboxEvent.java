package dev.ledgerline.outbox;

import dev.ledgerline.schemas.Topics;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An event to relay: the topic, the record key ({@code |}-separated, tenant first, see {@code Keys}), the value's
 * Avro single-object bytes ({@code null} for a tombstone) and extra headers. The relay adds the event id as header
 * {@value #ID_HEADER}.
 *
 * <p>Checked when appended, so that a row the relay could never publish (an unknown topic, no key, a value larger
 * than a Kafka record) fails the caller's transaction instead of blocking the relay.
 */
public record OutboxEvent(String topic, String key, byte[] value, Map<String, String> headers) {
    /** Header carrying the event id; consumers de-duplicate by it. */
    public static final String ID_HEADER = "id";
    /** Kafka's default record limit is 1 MiB; leave room for the key, headers and batch overhead. */
    static final int MAX_VALUE_BYTES = 900 * 1024;

    private static final Set<String> KNOWN_TOPICS = Topics.ALL.stream()
            .flatMap(topic -> Stream.of(topic, Topics.dlq(topic)))
            .collect(Collectors.toUnmodifiableSet());

    public OutboxEvent {
        if (!KNOWN_TOPICS.contains(topic)) {
            throw new IllegalArgumentException("Unknown topic '" + topic + "': outbox events go to the topics of Topics");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("An outbox event on " + topic + " needs a key starting with the tenant id");
        }
        if (value != null && value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("Outbox event " + key + " on " + topic + " has " + value.length
                    + " bytes, more than the " + MAX_VALUE_BYTES + " a record may carry");
        }
        headers = Map.copyOf(headers);
        if (headers.containsKey(ID_HEADER)) {
            throw new IllegalArgumentException("Header '" + ID_HEADER + "' is the event id, set by the outbox");
        }
    }
}
