package dev.ledgerline.ledger.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Calendar days of a tenant: documents are dated in the tenant's time zone (UTC until tenants.v1 says otherwise). */
@ApplicationScoped
public class Tenants {

    public ZoneId zoneOf(String tenantId) {
        TenantEntity tenant = TenantEntity.findById(tenantId);
        if (tenant == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tenant.timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    public LocalDate dateOf(String tenantId, Instant instant) {
        return LocalDate.ofInstant(instant, zoneOf(tenantId));
    }
}
