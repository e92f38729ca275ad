package dev.ledgerline.connector.sync;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Progress of one entity (deals, contacts …) within a run, updated as pages are published. */
@Entity
@Table(name = "sync_run_entity")
@IdClass(SyncRunEntityStats.Key.class)
public class SyncRunEntityStats extends PanacheEntityBase {
    @Id
    public UUID runId;
    @Id
    public String entity;
    @Enumerated(EnumType.STRING)
    public SyncRunState state;
    public long fetched;
    public long published;
    public long rejected;
    public long deleted;
    /** Why an entity was skipped or failed (e.g. a missing OAuth scope). */
    public String message;

    public static List<SyncRunEntityStats> forRun(UUID runId) {
        return list("runId = ?1 order by entity", runId);
    }

    /** Composite primary key; Hibernate needs a mutable class with equals and hashCode. */
    public static class Key implements Serializable {
        public UUID runId;
        public String entity;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(runId, key.runId) && Objects.equals(entity, key.entity);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, entity);
        }
    }
}
