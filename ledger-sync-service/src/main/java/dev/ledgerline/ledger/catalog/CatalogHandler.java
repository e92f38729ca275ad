package dev.ledgerline.ledger.catalog;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CatalogItem;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.SourceLink;
import jakarta.inject.Singleton;

/**
 * catalog.items.v1: the items invoice lines sell (through the CRM product's source link) and their unit cost for
 * profitability. A removed item is marked inactive; its links stay, so past sales keep their item.
 */
@Singleton
public class CatalogHandler extends RecordHandler<CatalogItem> {

    CatalogHandler() {
        super(Topics.CATALOG_ITEMS, CatalogItem.class, CatalogItem::getTenantId);
    }

    @Override
    public Outcome handle(CatalogItem record) {
        ItemEntity item = ItemEntity.findById(new ItemEntity.Key(record.getTenantId(), record.getItemId()));
        if (item != null && record.getUpdatedAt().isBefore(item.updatedAt)) {
            return Outcome.STALE;
        }
        boolean created = item == null;
        if (created) {
            item = new ItemEntity();
            item.tenantId = record.getTenantId();
            item.itemId = record.getItemId();
        }
        item.name = record.getName();
        item.sku = record.getSku();
        item.unitPrice = record.getUnitPrice() == null ? null : record.getUnitPrice().getAmount();
        item.priceCurrency = record.getUnitPrice() == null ? null : record.getUnitPrice().getCurrency();
        item.unitCost = record.getUnitCost() == null ? null : record.getUnitCost().getAmount();
        item.costCurrency = record.getUnitCost() == null ? null : record.getUnitCost().getCurrency();
        item.active = record.getOp() != Op.DELETE && record.getActive();
        item.updatedAt = record.getUpdatedAt();
        if (created) {
            item.persist();
        }
        for (SourceLink source : record.getSourceLinks()) {
            var key = new ItemLinkEntity.Key(record.getTenantId(), source.getConnectionId(), source.getSource().name(),
                    source.getExternalId());
            ItemLinkEntity link = ItemLinkEntity.findById(key);
            if (link == null) {
                link = new ItemLinkEntity();
                link.tenantId = key.tenantId();
                link.connectionId = key.connectionId();
                link.source = key.source();
                link.externalId = key.externalId();
                link.itemId = record.getItemId();
                link.persist();
            }
            link.itemId = record.getItemId();
        }
        return Outcome.APPLIED;
    }
}
