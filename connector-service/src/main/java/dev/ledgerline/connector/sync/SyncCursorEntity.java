package dev.ledgerline.connector.sync;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The newest (modified time, id) of an entity that Kafka has acknowledged, per connection. */
@Entity
@Table(name = "sync_cursor")
@IdClass(SyncCursorEntity.Key.class)
public class SyncCursorEntity extends PanacheEntityBase {
    @Id
    public UUID connectionId;
    @Id
    public String entity;
    public Instant modifiedAt;
    public String lastId;
    public Instant updatedAt;

    /** Composite primary key; Hibernate needs a mutable class with equals and hashCode. */
    public static class Key implements Serializable {
        public UUID connectionId;
        public String entity;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(connectionId, key.connectionId)
                    && Objects.equals(entity, key.entity);
        }

        @Override
        public int hashCode() {
            return Objects.hash(connectionId, entity);
        }
    }
}
