package dev.ledgerline.merge.resolve;

import dev.ledgerline.consume.Outcome;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * Stores a contact or account version and resolves it: an older or equal version than the one held changes nothing
 * (a resync of the same versions, a redelivery), a DELETE takes the record out of the candidate index.
 */
final class CrmRecordStore {
    private CrmRecordStore() {
    }

    static Outcome apply(Resolutions resolutions, String tenantId, String connectionId, String source,
            String entityType, String externalId, String accountId, Instant sourceUpdatedAt, boolean delete,
            SpecificRecord value) {
        CrmRecordEntity record = CrmRecordEntity.find(tenantId, connectionId, entityType, externalId);
        if (record != null && !sourceUpdatedAt.isAfter(record.sourceUpdatedAt)) {
            return Outcome.STALE;
        }
        if (delete) {
            if (record == null) {
                return Outcome.IGNORED;
            }
            // The last known state stays: the customer keeps showing what it was built from.
            record.sourceUpdatedAt = sourceUpdatedAt;
            record.deleted = true;
            resolutions.deleted(record);
            return Outcome.APPLIED;
        }
        if (record == null) {
            record = new CrmRecordEntity();
            record.tenantId = tenantId;
            record.connectionId = connectionId;
            record.entityType = entityType;
            record.externalId = externalId;
            record.state = RecordState.OUT_OF_SCOPE;
        }
        record.source = source;
        record.accountId = accountId;
        record.payload = Payloads.encode(value);
        record.sourceUpdatedAt = sourceUpdatedAt;
        record.deleted = false;
        if (record.id == null) {
            record.persist();
        }
        resolutions.reconsider(record);
        return Outcome.APPLIED;
    }
}
