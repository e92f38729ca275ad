package dev.ledgerline.merge.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A CRM product as last received, and the catalog item it belongs to (null while products are not synced). */
@Entity
@Table(name = "product")
public class ProductEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenantId;
    public String connectionId;
    public String source;
    public String externalId;
    public byte[] payload;
    public Instant sourceUpdatedAt;
    public boolean deleted;
    public String itemId;
    public Instant linkedAt;

    public static ProductEntity find(String tenantId, String connectionId, String externalId) {
        return find("tenantId = ?1 and connectionId = ?2 and externalId = ?3", tenantId, connectionId, externalId)
                .firstResult();
    }

    public static List<ProductEntity> ofItem(String itemId) {
        return list("itemId = ?1 and deleted = false order by linkedAt, id", itemId);
    }
}
