package dev.ledgerline.ledger.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A CRM product an item was built from: an invoice line naming the product sells the item. */
@Entity
@Table(name = "item_source_link")
@IdClass(ItemLinkEntity.Key.class)
public class ItemLinkEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String connectionId;
    @Id
    public String source;
    @Id
    public String externalId;
    public String itemId;

    public record Key(String tenantId, String connectionId, String source, String externalId) implements Serializable {
    }

    /** The item of a CRM product, or null when the catalog does not know the product (yet). */
    public static String itemOf(String tenantId, String connectionId, String source, String productId) {
        if (productId == null) {
            return null;
        }
        ItemLinkEntity link = findById(new Key(tenantId, connectionId, source, productId));
        return link == null ? null : link.itemId;
    }
}
