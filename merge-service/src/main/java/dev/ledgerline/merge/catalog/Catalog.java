package dev.ledgerline.merge.catalog;

import dev.ledgerline.merge.identity.TextFolding;
import dev.ledgerline.merge.resolve.Payloads;
import dev.ledgerline.outbox.Outbox;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CatalogItem;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.LinkDecision;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.SourceEntityType;
import dev.ledgerline.wire.SourceLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Products to catalog items: per tenant, one item per SKU (trimmed, upper case), or for a product without SKU per
 * normalised name (folded like identity names: "Café  Pro" = "cafe pro"). An item shows its most recently changed
 * product and links every product of it; it is published on catalog.items.v1 through the outbox.
 */
@ApplicationScoped
public class Catalog {
    private final Outbox outbox;
    private final Clock clock;

    Catalog(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Links the product to its item (finding or creating it) and publishes the item. */
    public void link(ProductEntity product) {
        Product value = Payloads.product(product.payload);
        String skuKey = skuKey(value.getSku());
        String nameKey = nameKey(value.getName());
        CatalogItemEntity item = product.itemId == null ? null : CatalogItemEntity.findById(product.itemId);
        if (item == null && skuKey != null) {
            item = CatalogItemEntity.find("tenantId = ?1 and skuKey = ?2", product.tenantId, skuKey).firstResult();
        }
        if (item == null) {
            // By name: any item for a product without SKU; an item without SKU for one with (another SKU is another item).
            item = CatalogItemEntity.find("tenantId = ?1 and nameKey = ?2" + (skuKey == null ? "" : " and skuKey is null")
                    + " order by id", product.tenantId, nameKey).firstResult();
        }
        if (item == null) {
            item = new CatalogItemEntity();
            item.id = UUID.randomUUID().toString();
            item.tenantId = product.tenantId;
            item.nameKey = nameKey;
            item.updatedAt = clock.instant();
            item.persistAndFlush();
        }
        if (item.skuKey == null) {
            item.skuKey = skuKey;
        }
        if (product.itemId == null) {
            product.itemId = item.id;
            product.linkedAt = clock.instant();
        }
        publish(item);
    }

    /** A product deleted in the CRM leaves its item; an item left without products is deleted. */
    public void unlink(ProductEntity product) {
        if (product.itemId == null) {
            return;
        }
        CatalogItemEntity item = CatalogItemEntity.findById(product.itemId);
        product.itemId = null;
        ProductEntity.flush();
        publish(item);
    }

    private void publish(CatalogItemEntity item) {
        List<ProductEntity> products = ProductEntity.ofItem(item.id);
        item.updatedAt = clock.instant();
        String key = Keys.of(item.tenantId, item.id);
        if (products.isEmpty()) {
            if (item.published) {
                outbox.append(Topics.CATALOG_ITEMS, key, CatalogItem.newBuilder().setTenantId(item.tenantId)
                        .setItemId(item.id).setOp(Op.DELETE).setName(item.nameKey).setActive(false)
                        .setUpdatedAt(item.updatedAt).build());
                outbox.appendTombstone(Topics.CATALOG_ITEMS, key);
                item.published = false;
            }
            return;
        }
        List<Product> values = products.stream().map(product -> Payloads.product(product.payload)).toList();
        Product latest = values.stream().max(Comparator.comparing(Product::getSourceUpdatedAt)).orElseThrow();
        outbox.append(Topics.CATALOG_ITEMS, key, CatalogItem.newBuilder()
                .setTenantId(item.tenantId)
                .setItemId(item.id)
                .setOp(Op.UPSERT)
                .setName(latest.getName() == null ? item.nameKey : latest.getName())
                .setSku(latest.getSku())
                .setDescription(latest.getDescription())
                .setUnitPrice(latest.getUnitPrice())
                .setUnitCost(latest.getUnitCost())
                .setActive(values.stream().anyMatch(Product::getActive))
                .setSourceLinks(products.stream().map(product -> SourceLink.newBuilder()
                        .setConnectionId(product.connectionId)
                        .setSource(CrmSource.valueOf(product.source))
                        .setEntityType(SourceEntityType.PRODUCT)
                        .setExternalId(product.externalId)
                        .setLinkedAt(product.linkedAt)
                        .setDecision(LinkDecision.EXACT_MATCH)
                        .build()).toList())
                .setUpdatedAt(item.updatedAt)
                .build());
        item.published = true;
    }

    static String skuKey(String sku) {
        return sku == null || sku.isBlank() ? null : sku.trim().toUpperCase(Locale.ROOT);
    }

    static String nameKey(String name) {
        return name == null ? "" : TextFolding.fold(name);
    }
}
