package dev.ledgerline.merge.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An item of the tenant's catalog: CRM products with the same SKU, or without SKU the same normalised name. */
@Entity
@Table(name = "catalog_item")
public class CatalogItemEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String tenantId;
    public String skuKey;
    public String nameKey;
    /** Whether it was ever published on catalog.items.v1 (a DELETE is owed when its last product goes). */
    public boolean published;
    public Instant updatedAt;
}
