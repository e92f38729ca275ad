package dev.ledgerline.merge.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** What resolution needs of a connection (crm.connections.v1 ConnectionSettings). */
@Entity
@Table(name = "connection_settings")
@IdClass(ConnectionSettingsEntity.Key.class)
public class ConnectionSettingsEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String connectionId;
    public String source;
    public boolean autoMerge;
    /** DEALS_ONLY or ALL_CONTACTS. */
    public String customerScope;
    public boolean syncProducts;
    public Instant updatedAt;

    public static ConnectionSettingsEntity find(String tenantId, String connectionId) {
        return findById(new Key(tenantId, connectionId));
    }

    /** The composite key, as JPA wants it: fields named like the entity's ids, equality by value. */
    public static class Key implements Serializable {
        public String tenantId;
        public String connectionId;

        public Key() {
        }

        Key(String tenantId, String connectionId) {
            this.tenantId = tenantId;
            this.connectionId = connectionId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(tenantId, key.tenantId)
                    && Objects.equals(connectionId, key.connectionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, connectionId);
        }
    }
}
