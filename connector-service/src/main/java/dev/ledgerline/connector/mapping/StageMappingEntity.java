package dev.ledgerline.connector.mapping;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One pipeline stage of a connection and what it means for the KPIs and the ledger. */
@Entity
@Table(name = "stage_mapping")
@IdClass(StageMappingEntity.Key.class)
public class StageMappingEntity extends PanacheEntityBase {
    @Id
    public UUID connectionId;
    @Id
    public String pipelineId;
    @Id
    public String stageId;
    public String pipelineLabel;
    public String stageLabel;
    @Enumerated(EnumType.STRING)
    public StageCategory category;
    @Column(precision = 5, scale = 4)
    public BigDecimal probability;
    /** Set by a user; a later refresh from the CRM's pipeline metadata keeps it. */
    public boolean edited;

    public static List<StageMappingEntity> forConnection(UUID connectionId) {
        return list("connectionId = ?1 order by pipelineId, stageId", connectionId);
    }

    /** Composite primary key; Hibernate needs a mutable class with equals and hashCode. */
    public static class Key implements Serializable {
        public UUID connectionId;
        public String pipelineId;
        public String stageId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(connectionId, key.connectionId)
                    && Objects.equals(pipelineId, key.pipelineId) && Objects.equals(stageId, key.stageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(connectionId, pipelineId, stageId);
        }
    }
}
