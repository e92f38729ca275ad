package dev.ledgerline.ledger.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** An entry of the product and service list (catalog.items.v1). */
@Entity
@Table(name = "ledger_item")
@IdClass(ItemEntity.Key.class)
public class ItemEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String itemId;
    public String name;
    public String sku;
    public BigDecimal unitPrice;
    public String priceCurrency;
    public BigDecimal unitCost;
    public String costCurrency;
    public boolean active;
    public Instant updatedAt;

    public record Key(String tenantId, String itemId) implements Serializable {
    }
}
