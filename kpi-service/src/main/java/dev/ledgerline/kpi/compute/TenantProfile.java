package dev.ledgerline.kpi.compute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the KPIs of a tenant depend on from its settings.
 *
 * @param homeCurrency ISO 4217 code, or null while unknown (then every amount is unconverted)
 */
public record TenantProfile(String tenantId, ZoneId zone, String homeCurrency, int fiscalYearStartMonth) {
    public TenantProfile {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(zone, "zone");
        if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
            throw new IllegalArgumentException("fiscal-year start month must be 1..12: " + fiscalYearStartMonth);
        }
    }

    /** The profile of a tenant whose settings have not arrived: UTC, home currency unknown, January. */
    public static TenantProfile defaults(String tenantId) {
        return new TenantProfile(tenantId, ZoneOffset.UTC, null, 1);
    }

    /** The calendar day, as an epoch day in this tenant's zone, that an instant falls on. */
    public long epochDayOf(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone).toEpochDay();
    }

    /** Whether bucket contributions derived under {@code other} would differ (zone or home currency). */
    public boolean derivesDifferentlyFrom(TenantProfile other) {
        return !zone.equals(other.zone) || !Objects.equals(homeCurrency, other.homeCurrency);
    }
}
