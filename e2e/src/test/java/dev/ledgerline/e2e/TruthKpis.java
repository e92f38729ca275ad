package dev.ledgerline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPIs of DESIGN.md §6 for the tenant total (dimension ALL) of one rolling window, computed straight from the CRM
 * simulator's ground truth (its deals and leads as one CRM keeps them, {@code ?crm=…}), in the tenant's time zone UTC and home currency
 * USD: what the suite must publish once it has synced the portal. A deal's amount in the home currency is its amount
 * when it is in USD, else the CRM's converted amount, at the wire's four decimals; archived records count for nothing.
 */
final class TruthKpis {
    /** The wire's scale for money (DESIGN.md §4: decimal(19, 4)). */
    private static final int MONEY_SCALE = 4;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final String HOME_CURRENCY = "USD";

    /** An expected value with its parts; null where the KPI has none. */
    record Expected(BigDecimal value, BigDecimal numerator, Long denominator) {
    }

    private TruthKpis() {
    }

    /** Every KPI of the window of {@code days} days ending with {@code asOf}, by KPI id. */
    static Map<String, Expected> of(JsonNode deals, JsonNode leads, LocalDate asOf, int days) {
        LocalDate from = asOf.minusDays(days - 1L);
        Map<String, Expected> kpis = new LinkedHashMap<>();
        long leadCount = 0;
        long qualified = 0;
        long converted = 0;
        for (JsonNode lead : leads) {
            if (!lead.path("archived").asBoolean() && within(day(lead.path("createdAt")), from, asOf)) {
                leadCount++;
                // A converted lead (Salesforce's, with its opportunity) was qualified first; HubSpot's lead stages
                // know no conversion, so its leads never are.
                qualified += lead.path("status").asText().equals("QUALIFIED") ? 1 : 0;
                converted += lead.path("converted").asBoolean() ? 1 : 0;
            }
        }
        kpis.put("LEADS_COUNT", count(leadCount));
        kpis.put("LEAD_QUALIFICATION_RATE", ratio(qualified, leadCount));
        kpis.put("LEAD_CONVERSION_RATE", ratio(converted, leadCount));

        long won = 0;
        long lost = 0;
        long wonWithAmount = 0;
        long lostWithAmount = 0;
        long created = 0;
        long createdWithAmount = 0;
        long open = 0;
        long wonMillis = 0;
        BigDecimal wonSum = BigDecimal.ZERO;
        BigDecimal lostSum = BigDecimal.ZERO;
        BigDecimal createdSum = BigDecimal.ZERO;
        BigDecimal pipeline = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        List<Long> wonDays = new ArrayList<>();
        for (JsonNode deal : deals) {
            if (deal.path("archived").asBoolean()) {
                continue;
            }
            BigDecimal amount = homeAmount(deal);
            String category = deal.path("stageCategory").asText();
            LocalDate createdDay = day(deal.path("createdAt"));
            LocalDate closedDay = category.equals("OPEN") ? null : closedAt(deal).atZone(ZoneOffset.UTC).toLocalDate();
            if (within(createdDay, from, asOf)) {
                created++;
                if (amount != null) {
                    createdWithAmount++;
                    createdSum = createdSum.add(amount);
                }
            }
            if (closedDay != null && within(closedDay, from, asOf)) {
                if (category.equals("WON")) {
                    won++;
                    long millis = closedAt(deal).toEpochMilli() - instant(deal.path("createdAt")).toEpochMilli();
                    wonMillis += millis;
                    wonDays.add(Math.floorDiv(millis, DAY_MILLIS));
                    if (amount != null) {
                        wonWithAmount++;
                        wonSum = wonSum.add(amount);
                    }
                } else {
                    lost++;
                    if (amount != null) {
                        lostWithAmount++;
                        lostSum = lostSum.add(amount);
                    }
                }
            }
            boolean openAtEnd = !createdDay.isAfter(asOf) && (closedDay == null || closedDay.isAfter(asOf));
            if (openAtEnd) {
                open++;
                if (amount != null) {
                    pipeline = pipeline.add(amount);
                    // Every deal open at the end of asOf is open now (nothing closes in the future): its current
                    // stage's probability weights it; a deal without a stage has none.
                    if (closedDay == null && !deal.path("probability").isNull()) {
                        weighted = weighted.add(amount.multiply(new BigDecimal(deal.path("probability").asText())));
                    }
                }
            }
        }
        kpis.put("DEALS_WON_COUNT", count(won));
        kpis.put("DEALS_LOST_COUNT", count(lost));
        kpis.put("WIN_RATE", ratio(won, won + lost));
        kpis.put("AVG_WON_DEAL_AMOUNT", mean(wonSum, wonWithAmount));
        kpis.put("AVG_LOST_DEAL_AMOUNT", mean(lostSum, lostWithAmount));
        kpis.put("AVG_DEAL_SIZE", mean(createdSum, createdWithAmount));
        BigDecimal wonDaysSum = BigDecimal.valueOf(wonMillis).divide(BigDecimal.valueOf(DAY_MILLIS),
                MathContext.DECIMAL128);
        kpis.put("AVG_TIME_TO_CLOSE_DAYS", new Expected(won == 0 ? null
                : wonDaysSum.divide(BigDecimal.valueOf(won), MathContext.DECIMAL128), wonDaysSum, won));
        wonDays.sort(null);
        kpis.put("TIME_TO_CLOSE_P50_DAYS", nearestRank(wonDays, 50));
        kpis.put("TIME_TO_CLOSE_P90_DAYS", nearestRank(wonDays, 90));
        kpis.put("OPEN_DEALS_COUNT", count(open));
        kpis.put("PIPELINE_VALUE", new Expected(pipeline, pipeline, null));
        kpis.put("WEIGHTED_PIPELINE_VALUE", new Expected(weighted, weighted, null));
        return kpis;
    }

    /**
     * When a closed deal closed: a CRM that keeps only the close date (Salesforce: the truth gives its start) has it
     * closed no earlier than it was created, as the connector publishes it.
     */
    private static Instant closedAt(JsonNode deal) {
        Instant closedAt = instant(deal.path("closedAt"));
        Instant createdAt = instant(deal.path("createdAt"));
        return closedAt.isBefore(createdAt) ? createdAt : closedAt;
    }

    /** How many live deals the truth has that a sync must publish (archived ones as deletions). */
    static long liveCount(JsonNode records) {
        long live = 0;
        for (JsonNode record : records) {
            live += record.path("archived").asBoolean() ? 0 : 1;
        }
        return live;
    }

    private static BigDecimal homeAmount(JsonNode deal) {
        JsonNode amount = deal.path("currency").asText().equals(HOME_CURRENCY) ? deal.path("amount")
                : deal.path("amountInHomeCurrency");
        return amount.isNull() || amount.isMissingNode() ? null
                : new BigDecimal(amount.asText()).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    /** The smallest whole number of days that at least {@code percent} % of the durations do not exceed. */
    private static Expected nearestRank(List<Long> sortedDays, int percent) {
        if (sortedDays.isEmpty()) {
            return new Expected(null, null, 0L);
        }
        int rank = (int) Math.ceil(percent * sortedDays.size() / 100.0);
        return new Expected(BigDecimal.valueOf(sortedDays.get(Math.max(rank, 1) - 1)), null,
                (long) sortedDays.size());
    }

    private static Expected count(long count) {
        return new Expected(BigDecimal.valueOf(count), BigDecimal.valueOf(count), null);
    }

    private static Expected ratio(long numerator, long denominator) {
        return new Expected(denominator == 0 ? null : BigDecimal.valueOf(numerator).divide(
                BigDecimal.valueOf(denominator), MathContext.DECIMAL128), BigDecimal.valueOf(numerator), denominator);
    }

    private static Expected mean(BigDecimal sum, long count) {
        return new Expected(count == 0 ? null : sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128), sum,
                count);
    }

    private static Instant instant(JsonNode text) {
        return Instant.parse(text.asText());
    }

    private static LocalDate day(JsonNode text) {
        return instant(text).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
