package dev.ledgerline.connector.monday;

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

/** One mapped monday board of a connection (see {@link BoardMapping}). */
@Entity
@Table(name = "monday_board_mapping")
@IdClass(BoardMappingEntity.Key.class)
public class BoardMappingEntity extends PanacheEntityBase {
    @Id
    public UUID connectionId;
    @Id
    public String boardId;
    public String boardName;
    @Enumerated(EnumType.STRING)
    public MondayEntity entity;
    /** Canonical field → column id, as a JSON object. */
    public String columnsJson;
    /** Set by a user; the template's defaults no longer replace it. */
    public boolean edited;

    public static List<BoardMappingEntity> forConnection(UUID connectionId) {
        return list("connectionId = ?1 order by boardId", connectionId);
    }

    /** Composite primary key; Hibernate needs a mutable class with equals and hashCode. */
    public static class Key implements Serializable {
        public UUID connectionId;
        public String boardId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(connectionId, key.connectionId)
                    && Objects.equals(boardId, key.boardId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(connectionId, boardId);
        }
    }
}
