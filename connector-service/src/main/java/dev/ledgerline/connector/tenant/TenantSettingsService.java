package dev.ledgerline.connector.tenant;

import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.connector.publish.SettingsEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Currency;

@ApplicationScoped
public class TenantSettingsService {
    static final String DEFAULT_TIME_ZONE = "UTC";
    static final int DEFAULT_FISCAL_YEAR_START_MONTH = 1;

    private final SettingsEvents events;
    private final Clock clock;

    TenantSettingsService(SettingsEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public TenantSettingsDto get(String tenantId) {
        TenantSettingsEntity entity = TenantSettingsEntity.findById(tenantId);
        if (entity == null) {
            throw ProblemException.notFound("Settings of tenant " + tenantId);
        }
        return TenantSettingsMapper.toDto(entity);
    }

    /** Replaces the tenant's settings and publishes them on tenants.v1, in the same transaction (outbox). */
    @Transactional
    public TenantSettingsDto put(String tenantId, TenantSettingsDto request) {
        TenantSettingsEntity entity = TenantSettingsEntity.<TenantSettingsEntity>findByIdOptional(tenantId)
                .orElseGet(TenantSettingsEntity::new);
        entity.tenantId = tenantId;
        entity.displayName = request.displayName();
        entity.homeCurrency = currency(request.homeCurrency());
        entity.timeZone = zone(request.timeZone());
        entity.fiscalYearStartMonth = request.fiscalYearStartMonth() == null
                ? DEFAULT_FISCAL_YEAR_START_MONTH : request.fiscalYearStartMonth();
        entity.updatedAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        entity.persist();
        events.tenantSettingsChanged(TenantSettingsMapper.toWire(entity));
        return TenantSettingsMapper.toDto(entity);
    }

    private static String currency(String code) {
        String upper = code.trim().toUpperCase();
        try {
            return Currency.getInstance(upper).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("homeCurrency", "'" + code + "' is not an ISO 4217 currency code");
        }
    }

    private static String zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return DEFAULT_TIME_ZONE;
        }
        try {
            return ZoneId.of(timeZone.trim()).getId();
        } catch (DateTimeException e) {
            throw ProblemException.badField("timeZone", "'" + timeZone + "' is not an IANA time zone such as Europe/Berlin");
        }
    }
}
