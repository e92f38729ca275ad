package dev.ledgerline.kpi.compute;

import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.TenantSettings;
import java.time.Instant;
import java.time.ZoneId;

/** Maps the Avro wire records into the engine's domain types; the only place that knows both. */
public final class WireMapping {
    private WireMapping() {
    }

    public static DealVersion dealVersion(Deal deal) {
        var updatedAt = deal.getSourceUpdatedAt().toEpochMilli();
        if (deal.getOp() == Op.DELETE) {
            return DealVersion.deletion(updatedAt);
        }
        return new DealVersion(
                updatedAt,
                false,
                millis(deal.getCreatedAt()),
                millis(deal.getClosedAt()),
                deal.getStageCategory() == null ? null : DealStage.valueOf(deal.getStageCategory().name()),
                amount(deal.getAmount()),
                amount(deal.getAmountInHomeCurrency()),
                deal.getProbability(),
                deal.getOwnerId(),
                deal.getPipelineId(),
                deal.getLeadSource());
    }

    public static LeadVersion leadVersion(Lead lead) {
        var updatedAt = lead.getSourceUpdatedAt().toEpochMilli();
        if (lead.getOp() == Op.DELETE) {
            return LeadVersion.deletion(updatedAt);
        }
        LeadProgress progress = null;
        if (lead.getStatus() != null) {
            progress = switch (lead.getStatus()) {
                case QUALIFIED -> LeadProgress.QUALIFIED;
                case CONVERTED -> LeadProgress.CONVERTED;
                default -> LeadProgress.NOT_QUALIFIED;
            };
        }
        return new LeadVersion(
                updatedAt, false, millis(lead.getCreatedAt()), progress, lead.getOwnerId(), lead.getLeadSource());
    }

    /**
     * The profile of a tenant's settings; a blank home currency counts as unknown.
     *
     * @throws java.time.DateTimeException for a time zone that is not a valid IANA id
     * @throws IllegalArgumentException for a fiscal-year start month outside 1..12
     */
    public static TenantProfile tenantProfile(TenantSettings settings) {
        var currency = settings.getHomeCurrency();
        return new TenantProfile(
                settings.getTenantId(),
                ZoneId.of(settings.getTimeZone()),
                currency == null || currency.isBlank() ? null : currency,
                settings.getFiscalYearStartMonth());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Amount amount(Money money) {
        return money == null ? null : new Amount(money.getAmount(), money.getCurrency());
    }
}
