package dev.ledgerline.kpi.compute;

import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.time.Instant;

/** Builds wire records for tests, with every field the KPIs do not read filled with something plausible. */
final class WireRecords {
    private WireRecords() {
    }

    static String dealKey(String tenant, String id) {
        return tenant + "|HUBSPOT|" + id;
    }

    static Deal.Builder deal(String tenant, String id, Instant updatedAt) {
        return Deal.newBuilder()
                .setTenantId(tenant)
                .setConnectionId("c1")
                .setSource(CrmSource.HUBSPOT)
                .setExternalId(id)
                .setOp(Op.UPSERT)
                .setSourceUpdatedAt(updatedAt)
                .setSyncedAt(updatedAt)
                .setName("deal " + id);
    }

    static Deal.Builder openDeal(String tenant, String id, Instant createdAt, String amount, String currency) {
        return deal(tenant, id, createdAt)
                .setCreatedAt(createdAt)
                .setStageCategory(StageCategory.OPEN)
                .setAmount(amount == null ? null : money(amount, currency));
    }

    static Deal deletion(String tenant, String id, Instant updatedAt) {
        return deal(tenant, id, updatedAt).setOp(Op.DELETE).setName(null).build();
    }

    static Money money(String amount, String currency) {
        return new Money(new BigDecimal(amount).setScale(4), currency);
    }

    static Lead.Builder lead(String tenant, String id, Instant updatedAt, Instant createdAt, LeadStatus status) {
        return Lead.newBuilder()
                .setTenantId(tenant)
                .setConnectionId("c1")
                .setSource(CrmSource.HUBSPOT)
                .setExternalId(id)
                .setOp(Op.UPSERT)
                .setSourceUpdatedAt(updatedAt)
                .setSyncedAt(updatedAt)
                .setCreatedAt(createdAt)
                .setStatus(status);
    }

    static TenantSettings settings(String tenant, String zone, String currency, int fiscalStart) {
        return TenantSettings.newBuilder()
                .setTenantId(tenant)
                .setHomeCurrency(currency)
                .setTimeZone(zone)
                .setFiscalYearStartMonth(fiscalStart)
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }
}
