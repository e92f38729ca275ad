package dev.ledgerline.connector.sync;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** How many records of one entity a run published without one field (see {@link MissingField}). */
@Entity
@Table(name = "sync_run_missing")
@IdClass(SyncRunMissing.Key.class)
public class SyncRunMissing extends PanacheEntityBase {
    @Id
    public UUID runId;
    @Id
    public String entity;
    /** {@link MissingField#jsonName()}. */
    @Id
    public String field;
    public long records;

    /** Adds {@code records} to the run's count of the entity's records that lack {@code field}. */
    static void add(UUID runId, String entity, MissingField field, long records) {
        Key key = new Key();
        key.runId = runId;
        key.entity = entity;
        key.field = field.jsonName();
        SyncRunMissing count = findById(key);
        if (count == null) {
            count = new SyncRunMissing();
            count.runId = runId;
            count.entity = entity;
            count.field = field.jsonName();
            count.persist();
        }
        count.records += records;
    }

    public static List<SyncRunMissing> forRun(UUID runId) {
        return list("runId = ?1 order by entity, field", runId);
    }

    /** Composite primary key; Hibernate needs a mutable class with equals and hashCode. */
    public static class Key implements Serializable {
        public UUID runId;
        public String entity;
        public String field;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(runId, key.runId) && Objects.equals(entity, key.entity)
                    && Objects.equals(field, key.field);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, entity, field);
        }
    }
}
