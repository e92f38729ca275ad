package dev.ledgerline.merge.catalog;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.merge.resolve.Payloads;
import dev.ledgerline.merge.tenant.ConnectionRules;
import dev.ledgerline.merge.tenant.TenantLock;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Product;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * crm.products.v1: every product is stored; with the connection's syncProducts on it joins its catalog item, which is
 * published; with it off nothing is published (items already published stay) until it is turned on again.
 */
@Singleton
public class ProductHandler extends RecordHandler<Product> {
    private final Catalog catalog;
    private final TenantLock lock;

    ProductHandler(Catalog catalog, TenantLock lock) {
        super(Topics.PRODUCTS, Product.class, Product::getTenantId);
        this.catalog = catalog;
        this.lock = lock;
    }

    @Override
    public Outcome handle(Product product) {
        lock.lock(product.getTenantId());
        ProductEntity stored = ProductEntity.find(product.getTenantId(), product.getConnectionId(),
                product.getExternalId());
        if (stored != null && !product.getSourceUpdatedAt().isAfter(stored.sourceUpdatedAt)) {
            return Outcome.STALE;
        }
        boolean sync = ConnectionRules.of(product.getTenantId(), product.getConnectionId()).syncProducts();
        if (product.getOp() == Op.DELETE) {
            if (stored == null) {
                return Outcome.IGNORED;
            }
            stored.deleted = true;
            stored.sourceUpdatedAt = product.getSourceUpdatedAt();
            if (sync) {
                catalog.unlink(stored);
            }
            return Outcome.APPLIED;
        }
        if (stored == null) {
            stored = new ProductEntity();
            stored.tenantId = product.getTenantId();
            stored.connectionId = product.getConnectionId();
            stored.externalId = product.getExternalId();
        }
        stored.source = product.getSource().name();
        stored.payload = Payloads.encode(product);
        stored.sourceUpdatedAt = product.getSourceUpdatedAt();
        stored.deleted = false;
        if (stored.id == null) {
            stored.persist();
        }
        if (!sync) {
            return Outcome.IGNORED;
        }
        catalog.link(stored);
        return Outcome.APPLIED;
    }

    /** syncProducts turned on: the connection's products stored meanwhile are brought into the catalog. */
    public void syncAll(String tenantId, String connectionId) {
        List<ProductEntity> products = ProductEntity.list("tenantId = ?1 and connectionId = ?2 and deleted = false order by id",
                tenantId, connectionId);
        products.forEach(catalog::link);
    }
}
