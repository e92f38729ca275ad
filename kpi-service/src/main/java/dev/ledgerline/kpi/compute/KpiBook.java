package dev.ledgerline.kpi.compute;

import dev.ledgerline.schemas.Keys;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.TenantSettings;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The KPI engine over wire records, in memory: one {@link TenantKpiState} per tenant, found by the first
 * part of the record key. Feed it records in topic order; query any tenant, slice, window and day.
 */
public final class KpiBook {
    private final Map<String, TenantKpiState> tenants = new HashMap<>();

    /** Applies a {@code tenants.v1} record; a tombstone (null) drops the tenant and all its state. */
    public void onTenantSettings(String tenantId, TenantSettings settings) {
        if (settings == null) {
            tenants.remove(tenantId);
            return;
        }
        var profile = WireMapping.tenantProfile(settings);
        var tenant = tenants.get(tenantId);
        if (tenant == null) {
            tenants.put(tenantId, new TenantKpiState(profile));
        } else {
            tenant.updateProfile(profile);
        }
    }

    /** Applies a {@code crm.deals.v1} record keyed tenant|source|id; null is a tombstone. */
    public RecordOutcome onDeal(String key, Deal deal) {
        return tenant(Keys.tenantOf(key)).onDeal(key, deal == null ? null : WireMapping.dealVersion(deal));
    }

    /** Applies a {@code crm.leads.v1} record keyed tenant|source|id; null is a tombstone. */
    public RecordOutcome onLead(String key, Lead lead) {
        return tenant(Keys.tenantOf(key)).onLead(key, lead == null ? null : WireMapping.leadVersion(lead));
    }

    public Map<KpiId, KpiResult> evaluate(String tenantId, Slice slice, Window window, LocalDate asOf) {
        return tenant(tenantId).evaluate(slice, window, asOf);
    }

    public Optional<TenantKpiState> existingTenant(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    /** Records may come before the tenant's settings: the tenant then starts with the default profile. */
    private TenantKpiState tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new TenantKpiState(TenantProfile.defaults(id)));
    }
}
