package dev.ledgerline.ledger.tenant;

import dev.ledgerline.ledger.consume.Outcome;
import dev.ledgerline.ledger.consume.RecordHandler;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;

/** tenants.v1: the tenant's time zone dates its documents. */
@ApplicationScoped
public class TenantHandler implements RecordHandler<TenantSettings> {

    @Override
    public String topic() {
        return Topics.TENANTS;
    }

    @Override
    public Class<TenantSettings> type() {
        return TenantSettings.class;
    }

    @Override
    public String tenantOf(TenantSettings value) {
        return value.getTenantId();
    }

    @Override
    public Outcome handle(TenantSettings settings) {
        TenantEntity tenant = TenantEntity.findById(settings.getTenantId());
        if (tenant != null && settings.getUpdatedAt().isBefore(tenant.updatedAt)) {
            return Outcome.STALE;
        }
        if (tenant == null) {
            tenant = new TenantEntity();
            tenant.tenantId = settings.getTenantId();
            tenant.persist();
        }
        tenant.homeCurrency = settings.getHomeCurrency();
        tenant.timeZone = settings.getTimeZone();
        tenant.updatedAt = settings.getUpdatedAt();
        return Outcome.APPLIED;
    }
}
