package dev.ledgerline.consume;

import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Applies one decoded record of one topic to the service's state, inside the record's transaction. Throws
 * {@link RejectedRecord} for a record that must go to the dead-letter topic; the transaction then rolls back and
 * nothing of it stays. Every handler bean of the service is routed by its topic; the consumer subscribes to those.
 */
public abstract class RecordHandler<T extends SpecificRecord> {
    private final String topic;
    private final Class<T> type;
    private final Function<T, String> tenant;

    /** @param tenant the tenant a record belongs to, checked against the tenant of its key */
    protected RecordHandler(String topic, Class<T> type, Function<T, String> tenant) {
        this.topic = topic;
        this.type = type;
        this.tenant = tenant;
    }

    public final String topic() {
        return topic;
    }

    public final Class<T> type() {
        return type;
    }

    public final String tenantOf(T value) {
        return tenant.apply(value);
    }

    public abstract Outcome handle(T value);
}
