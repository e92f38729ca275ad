package dev.ledgerline.kpi.compute;

import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definition of DESIGN.md section 6 computed the slow, obvious way, to check the engine against: pick
 * the latest state of every record from the whole input (arrival order), then filter and sum records per
 * query. It shares nothing with the engine but the wire types; KPI, dimension and window names are plain
 * strings here.
 */
public final class BatchReference {
    /** One input record in arrival order; a null value is a tombstone. */
    public record Input(String topic, String key, Object value) {
    }

    /** An expected KPI value; null fields mean "none". */
    public record Expected(BigDecimal value, BigDecimal numerator, Long denominator, String currency, long unconverted) {
    }

    private static final long DAY_MILLIS = 86_400_000L;

    private final Map<String, TenantSettings> settings = new HashMap<>();
    private final Map<String, Deal> latestDeals = new LinkedHashMap<>();
    private final Map<String, Deal> lastOpenDeals = new HashMap<>();
    private final Map<String, Lead> latestLeads = new LinkedHashMap<>();
    /** Live (not deleted) deals and leads per tenant, by key; filled on first query. */
    private final Map<String, Map<String, Deal>> liveDeals = new HashMap<>();
    private final Map<String, List<Lead>> liveLeads = new HashMap<>();
    /** Created and closed day of each live deal in its tenant's final zone, computed once. */
    private final Map<Deal, LocalDate[]> dealDays = new IdentityHashMap<>();

    public BatchReference(List<Input> inputs) {
        for (var input : inputs) {
            switch (input.topic()) {
                case "tenants" -> {
                    if (input.value() == null) {
                        settings.remove(input.key());
                    } else {
                        settings.put(input.key(), (TenantSettings) input.value());
                    }
                }
                case "deals" -> takeDeal(input.key(), (Deal) input.value());
                case "leads" -> takeLead(input.key(), (Lead) input.value());
                default -> throw new IllegalArgumentException(input.topic());
            }
        }
    }

    private void takeDeal(String key, Deal deal) {
        if (deal == null) {
            latestDeals.remove(key);
            lastOpenDeals.remove(key);
            return;
        }
        if (deal.getOp() == Op.UPSERT && !dealIsValid(deal)) {
            return;
        }
        var stored = latestDeals.get(key);
        if (stored == null || !deal.getSourceUpdatedAt().isBefore(stored.getSourceUpdatedAt())) {
            latestDeals.put(key, deal);
        }
        if (deal.getOp() == Op.UPSERT && deal.getStageCategory() == StageCategory.OPEN) {
            var open = lastOpenDeals.get(key);
            if (open == null || !deal.getSourceUpdatedAt().isBefore(open.getSourceUpdatedAt())) {
                lastOpenDeals.put(key, deal);
            }
        }
    }

    private static boolean dealIsValid(Deal deal) {
        if (deal.getCreatedAt() == null || deal.getStageCategory() == null) {
            return false;
        }
        if (isNegative(deal.getAmount()) || isNegative(deal.getAmountInHomeCurrency())) {
            return false;
        }
        if (deal.getStageCategory() != StageCategory.OPEN) {
            return deal.getClosedAt() != null && !deal.getClosedAt().isBefore(deal.getCreatedAt());
        }
        return true;
    }

    private static boolean isNegative(Money money) {
        return money != null && money.getAmount().compareTo(BigDecimal.ZERO) < 0;
    }

    private void takeLead(String key, Lead lead) {
        if (lead == null) {
            latestLeads.remove(key);
            return;
        }
        if (lead.getOp() == Op.UPSERT && (lead.getCreatedAt() == null || lead.getStatus() == null)) {
            return;
        }
        var stored = latestLeads.get(key);
        if (stored == null || !lead.getSourceUpdatedAt().isBefore(stored.getSourceUpdatedAt())) {
            latestLeads.put(key, lead);
        }
    }

    /** The dimension values any live record of the tenant has, per dimension name. */
    public Map<String, List<String>> dimensionValues(String tenant) {
        var values = new LinkedHashMap<String, List<String>>();
        values.put("ALL", List.of("*"));
        for (var dimension : List.of("OWNER", "PIPELINE", "LEAD_SOURCE")) {
            var seen = new java.util.TreeSet<String>();
            latestDeals.values().stream()
                    .filter(d -> d.getTenantId().equals(tenant) && d.getOp() == Op.UPSERT)
                    .forEach(d -> seen.add(attribute(dimension, d.getOwnerId(), d.getPipelineId(), d.getLeadSource())));
            if (!dimension.equals("PIPELINE")) {
                latestLeads.values().stream()
                        .filter(l -> l.getTenantId().equals(tenant) && l.getOp() == Op.UPSERT)
                        .forEach(l -> seen.add(attribute(dimension, l.getOwnerId(), null, l.getLeadSource())));
            }
            values.put(dimension, List.copyOf(seen));
        }
        return values;
    }

    private static String attribute(String dimension, String owner, String pipeline, String leadSource) {
        var value = switch (dimension) {
            case "ALL" -> "*";
            case "OWNER" -> owner;
            case "PIPELINE" -> pipeline;
            case "LEAD_SOURCE" -> leadSource;
            default -> throw new IllegalArgumentException(dimension);
        };
        return value == null ? "" : value;
    }

    public ZoneId zone(String tenant) {
        var s = settings.get(tenant);
        return s == null ? ZoneId.of("UTC") : ZoneId.of(s.getTimeZone());
    }

    String homeCurrency(String tenant) {
        var s = settings.get(tenant);
        return s == null || s.getHomeCurrency().isBlank() ? null : s.getHomeCurrency();
    }

    int fiscalStart(String tenant) {
        var s = settings.get(tenant);
        return s == null ? 1 : s.getFiscalYearStartMonth();
    }

    /** The first day of a window ending with asOf, found by walking back month by month. */
    LocalDate windowStart(String tenant, String window, LocalDate asOf) {
        switch (window) {
            case "P7D": return asOf.minusDays(6);
            case "P30D": return asOf.minusDays(29);
            case "P90D": return asOf.minusDays(89);
            case "P365D": return asOf.minusDays(364);
            default: break;
        }
        var month = LocalDate.of(asOf.getYear(), asOf.getMonth(), 1);
        var fiscalStart = fiscalStart(tenant);
        if (window.equals("MONTH")) {
            return month;
        }
        while (true) {
            var monthsSinceFiscalStart = (month.getMonthValue() - fiscalStart + 12) % 12;
            if (window.equals("QUARTER") && monthsSinceFiscalStart % 3 == 0
                    || window.equals("YEAR") && monthsSinceFiscalStart == 0) {
                return month;
            }
            month = month.minusMonths(1);
        }
    }

    /** Every KPI of one (tenant, dimension, value, window, asOf), by KPI id. */
    public Map<String, Expected> kpis(String tenant, String dimension, String value, String window, LocalDate asOf) {
        var zone = zone(tenant);
        var home = homeCurrency(tenant);
        var from = windowStart(tenant, window, asOf);

        long leads = 0;
        long qualified = 0;
        long converted = 0;
        if (!dimension.equals("PIPELINE")) {
            for (var lead : liveLeads.computeIfAbsent(tenant, t -> latestLeads.values().stream()
                    .filter(l -> l.getTenantId().equals(t) && l.getOp() == Op.UPSERT).toList())) {
                if (!attribute(dimension, lead.getOwnerId(), null, lead.getLeadSource()).equals(value)) {
                    continue;
                }
                if (within(day(lead.getCreatedAt(), zone), from, asOf)) {
                    leads++;
                    if (lead.getStatus() == LeadStatus.QUALIFIED || lead.getStatus() == LeadStatus.CONVERTED) {
                        qualified++;
                    }
                    if (lead.getStatus() == LeadStatus.CONVERTED) {
                        converted++;
                    }
                }
            }
        }

        long created = 0, createdWithAmount = 0, createdUnconverted = 0;
        BigDecimal createdSum = BigDecimal.ZERO;
        long won = 0, wonWithAmount = 0, wonUnconverted = 0, wonMillis = 0;
        BigDecimal wonSum = BigDecimal.ZERO;
        List<Long> wonDays = new ArrayList<>();
        long lost = 0, lostWithAmount = 0, lostUnconverted = 0;
        BigDecimal lostSum = BigDecimal.ZERO;
        long open = 0, openUnconverted = 0;
        BigDecimal pipeline = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;

        var deals = liveDeals.computeIfAbsent(tenant, t -> {
            var live = new LinkedHashMap<String, Deal>();
            latestDeals.forEach((key, deal) -> {
                if (deal.getTenantId().equals(t) && deal.getOp() == Op.UPSERT) {
                    live.put(key, deal);
                }
            });
            return live;
        });
        for (var entry : deals.entrySet()) {
            var deal = entry.getValue();
            if (!attribute(dimension, deal.getOwnerId(), deal.getPipelineId(), deal.getLeadSource()).equals(value)) {
                continue;
            }
            var homeAmount = homeAmount(deal, home);
            var unconverted = deal.getAmount() != null && homeAmount == null;
            var days = dealDays.computeIfAbsent(deal, d -> new LocalDate[] {
                day(d.getCreatedAt(), zone),
                d.getStageCategory() == StageCategory.OPEN ? null : day(d.getClosedAt(), zone)});
            var createdDay = days[0];
            var isClosed = deal.getStageCategory() != StageCategory.OPEN;
            var closedDay = days[1];

            if (within(createdDay, from, asOf)) {
                created++;
                if (homeAmount != null) {
                    createdWithAmount++;
                    createdSum = createdSum.add(homeAmount);
                }
                if (unconverted) {
                    createdUnconverted++;
                }
            }
            if (isClosed && within(closedDay, from, asOf)) {
                if (deal.getStageCategory() == StageCategory.WON) {
                    won++;
                    if (homeAmount != null) {
                        wonWithAmount++;
                        wonSum = wonSum.add(homeAmount);
                    }
                    if (unconverted) {
                        wonUnconverted++;
                    }
                    var millis = deal.getClosedAt().toEpochMilli() - deal.getCreatedAt().toEpochMilli();
                    wonMillis += millis;
                    wonDays.add(Math.floorDiv(millis, DAY_MILLIS));
                } else {
                    lost++;
                    if (homeAmount != null) {
                        lostWithAmount++;
                        lostSum = lostSum.add(homeAmount);
                    }
                    if (unconverted) {
                        lostUnconverted++;
                    }
                }
            }
            var openAtEndOfAsOf = !createdDay.isAfter(asOf) && (!isClosed || closedDay.isAfter(asOf));
            if (openAtEndOfAsOf) {
                open++;
                if (homeAmount != null) {
                    pipeline = pipeline.add(homeAmount);
                    Double probability;
                    if (!isClosed) {
                        probability = deal.getProbability();
                    } else {
                        var lastOpen = lastOpenDeals.get(entry.getKey());
                        probability = lastOpen == null ? null : lastOpen.getProbability();
                    }
                    if (probability != null) {
                        weighted = weighted.add(homeAmount.multiply(new BigDecimal(Double.toString(probability))));
                    }
                }
                if (unconverted) {
                    openUnconverted++;
                }
            }
        }

        var results = new LinkedHashMap<String, Expected>();
        results.put("LEADS_COUNT", count(leads));
        results.put("LEAD_QUALIFICATION_RATE", ratio(qualified, leads));
        results.put("LEAD_CONVERSION_RATE", ratio(converted, leads));
        results.put("DEALS_WON_COUNT", count(won));
        results.put("DEALS_LOST_COUNT", count(lost));
        results.put("WIN_RATE", ratio(won, won + lost));
        results.put("AVG_WON_DEAL_AMOUNT", mean(wonSum, wonWithAmount, home, wonUnconverted));
        results.put("AVG_LOST_DEAL_AMOUNT", mean(lostSum, lostWithAmount, home, lostUnconverted));
        results.put("AVG_DEAL_SIZE", mean(createdSum, createdWithAmount, home, createdUnconverted));
        var wonDaysSum = new BigDecimal(wonMillis).divide(new BigDecimal(DAY_MILLIS), MathContext.DECIMAL128);
        results.put("AVG_TIME_TO_CLOSE_DAYS", new Expected(
                won == 0 ? null : new BigDecimal(wonMillis).divide(new BigDecimal(DAY_MILLIS * won), MathContext.DECIMAL128),
                wonDaysSum, won, null, 0));
        wonDays.sort(null);
        results.put("TIME_TO_CLOSE_P50_DAYS", nearestRank(wonDays, 50));
        results.put("TIME_TO_CLOSE_P90_DAYS", nearestRank(wonDays, 90));
        results.put("OPEN_DEALS_COUNT", count(open));
        results.put("PIPELINE_VALUE", new Expected(pipeline, pipeline, null, home, openUnconverted));
        results.put("WEIGHTED_PIPELINE_VALUE", new Expected(weighted, weighted, null, home, openUnconverted));
        return results;
    }

    private static BigDecimal homeAmount(Deal deal, String home) {
        var amount = deal.getAmount();
        if (amount == null || home == null) {
            return null;
        }
        if (amount.getCurrency().equals(home)) {
            return amount.getAmount();
        }
        var converted = deal.getAmountInHomeCurrency();
        if (converted != null && converted.getCurrency().equals(home)) {
            return converted.getAmount();
        }
        return null;
    }

    private static LocalDate day(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    private static Expected count(long n) {
        return new Expected(new BigDecimal(n), new BigDecimal(n), null, null, 0);
    }

    private static Expected ratio(long top, long bottom) {
        return new Expected(
                bottom == 0 ? null : new BigDecimal(top).divide(new BigDecimal(bottom), MathContext.DECIMAL128),
                new BigDecimal(top), bottom, null, 0);
    }

    private static Expected mean(BigDecimal sum, long n, String currency, long unconverted) {
        return new Expected(
                n == 0 ? null : sum.divide(new BigDecimal(n), MathContext.DECIMAL128), sum, n, currency, unconverted);
    }

    /** Sorted durations: the element at rank ceil(p·n/100). */
    private static Expected nearestRank(List<Long> sortedDays, int percent) {
        var n = sortedDays.size();
        if (n == 0) {
            return new Expected(null, null, 0L, null, 0);
        }
        var rank = (int) Math.ceil(percent * n / 100.0);
        return new Expected(new BigDecimal(sortedDays.get(Math.max(rank, 1) - 1)), null, (long) n, null, 0);
    }
}
