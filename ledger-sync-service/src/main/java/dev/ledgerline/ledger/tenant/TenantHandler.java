package dev.ledgerline.ledger.tenant;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.TenantSettings;
import jakarta.inject.Singleton;

/** tenants.v1: the tenant's time zone dates its documents. */
@Singleton
public class TenantHandler extends RecordHandler<TenantSettings> {

    TenantHandler() {
        super(Topics.TENANTS, TenantSettings.class, TenantSettings::getTenantId);
    }

    @Override
    public Outcome handle(TenantSettings settings) {
        TenantEntity tenant = TenantEntity.findById(settings.getTenantId());
        if (tenant != null && settings.getUpdatedAt().isBefore(tenant.updatedAt)) {
            return Outcome.STALE;
        }
        boolean created = tenant == null;
        if (created) {
            tenant = new TenantEntity();
            tenant.tenantId = settings.getTenantId();
        }
        tenant.homeCurrency = settings.getHomeCurrency();
        tenant.timeZone = settings.getTimeZone();
        tenant.updatedAt = settings.getUpdatedAt();
        if (created) {
            tenant.persist();
        }
        return Outcome.APPLIED;
    }
}
