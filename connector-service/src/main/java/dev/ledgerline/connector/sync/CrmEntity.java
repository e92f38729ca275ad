package dev.ledgerline.connector.sync;

import java.util.List;

/**
 * One entity of a CRM as a run reads it: its name in the run (and the key of its main cursor), the topic its records
 * go to, and the streams that read it — its changes, and for a CRM that lists deletions apart, its deletions.
 */
public record CrmEntity(String name, String topic, List<EntityStream> streams) {

    public CrmEntity {
        streams = List.copyOf(streams);
    }

    public static CrmEntity of(String name, String topic, EntityStream... streams) {
        return new CrmEntity(name, topic, List.of(streams));
    }
}
