package dev.ledgerline.ledger.consume;

import org.apache.avro.specific.SpecificRecord;

/**
 * Applies one decoded record of one topic to the ledger, inside the record's transaction. Throws
 * {@link dev.ledgerline.ledger.posting.RejectedRecord} for a record that must go to the dead-letter topic; the
 * transaction then rolls back and nothing of it stays.
 */
public interface RecordHandler<T extends SpecificRecord> {

    String topic();

    Class<T> type();

    /** The tenant the record belongs to, checked against its key. */
    String tenantOf(T value);

    Outcome handle(T value);
}
