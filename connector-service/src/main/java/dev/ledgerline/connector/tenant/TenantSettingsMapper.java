package dev.ledgerline.connector.tenant;

import dev.ledgerline.wire.TenantSettings;

final class TenantSettingsMapper {
    private TenantSettingsMapper() {
    }

    static TenantSettingsDto toDto(TenantSettingsEntity entity) {
        return new TenantSettingsDto(entity.displayName, entity.homeCurrency, entity.timeZone,
                entity.fiscalYearStartMonth, entity.updatedAt);
    }

    static TenantSettings toWire(TenantSettingsEntity entity) {
        return TenantSettings.newBuilder()
                .setTenantId(entity.tenantId)
                .setDisplayName(entity.displayName)
                .setHomeCurrency(entity.homeCurrency)
                .setTimeZone(entity.timeZone)
                .setFiscalYearStartMonth(entity.fiscalYearStartMonth)
                .setUpdatedAt(entity.updatedAt)
                .build();
    }
}
