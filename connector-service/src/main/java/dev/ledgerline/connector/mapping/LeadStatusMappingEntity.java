package dev.ledgerline.connector.mapping;

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

/** One raw lead status of a connection's CRM and its normalised meaning. */
@Entity
@Table(name = "lead_status_mapping")
@IdClass(LeadStatusMappingEntity.Key.class)
public class LeadStatusMappingEntity extends PanacheEntityBase {
    @Id
    public UUID connectionId;
    @Id
    public String rawStatus;
    @Enumerated(EnumType.STRING)
    public LeadStatus status;
    public boolean edited;

    public static List<LeadStatusMappingEntity> forConnection(UUID connectionId) {
        return list("connectionId = ?1 order by rawStatus", connectionId);
    }

    /**
     * Stores an unedited entry unless the connection has one for {@code rawStatus}; two runs storing the same default
     * at the same moment (a webhook beside a scheduled run) do not fail, the first one wins.
     */
    public static void storeDefault(UUID connectionId, String rawStatus, LeadStatus status) {
        getEntityManager().createNativeQuery("""
                        insert into lead_status_mapping (connection_id, raw_status, status, edited)
                        values (?1, ?2, ?3, false) on conflict do nothing""")
                .setParameter(1, connectionId).setParameter(2, rawStatus).setParameter(3, status.name())
                .executeUpdate();
    }

    /** Composite primary key; Hibernate needs a mutable class with equals and hashCode. */
    public static class Key implements Serializable {
        public UUID connectionId;
        public String rawStatus;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(connectionId, key.connectionId)
                    && Objects.equals(rawStatus, key.rawStatus);
        }

        @Override
        public int hashCode() {
            return Objects.hash(connectionId, rawStatus);
        }
    }
}
