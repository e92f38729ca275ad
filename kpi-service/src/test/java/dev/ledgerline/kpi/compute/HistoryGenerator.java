package dev.ledgerline.kpi.compute;

import dev.ledgerline.kpi.compute.BatchReference.Input;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random CRM histories as the KPI engine receives them: per deal a chain of versions (owner, amount,
 * currency, probability and stage changes, OPEN→WON→OPEN flips, same-timestamp re-emits, invalid
 * versions, deletes with or without tombstone and revivals), each delivered once or more with a random
 * delay, so that versions arrive out of order; plus leads with status changes and settings changes that
 * force rebuilds. Plain {@link Random} from one seed: the same seed gives the same history.
 */
final class HistoryGenerator {
    static final String[] TENANTS = {"t-la", "t-tokyo", "t-berlin"};
    static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    private static final String[] LEAD_SOURCES = {"Web", "Referral", "Event", "Partner", null};
    private static final Double[] PROBABILITIES = {0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 1.0, 0.0, null};
    private static final long DAY = Duration.ofDays(1).toMillis();

    private record Timed(long arrival, long order, Input input) {
    }

    private final Random random;
    private final List<Timed> timed = new ArrayList<>();
    private long order;

    HistoryGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A history of about {@code deals} deals and {@code leads} leads, spread over the three tenants, in arrival order. */
    List<Input> generate(int deals, int leads) {
        var start = NOW.toEpochMilli() - 500 * DAY;
        // t-la has no settings until mid-history: deals first land under the defaults (UTC, no currency).
        settings(start + 250 * DAY, "t-la", "America/Los_Angeles", "USD", 1);
        settings(start - DAY, "t-tokyo", "Asia/Tokyo", "JPY", 4);
        settings(start + 300 * DAY, "t-tokyo", "Asia/Tokyo", "JPY", 7);
        settings(start - DAY, "t-berlin", "UTC", "", 1);
        settings(start + 400 * DAY, "t-berlin", "Europe/Berlin", "EUR", 10);
        for (int i = 0; i < deals; i++) {
            deal(TENANTS[i % TENANTS.length], "d" + i, start);
        }
        for (int i = 0; i < leads; i++) {
            lead(TENANTS[i % TENANTS.length], "l" + i, start);
        }
        timed.sort(Comparator.comparingLong(Timed::arrival).thenComparingLong(Timed::order));
        return timed.stream().map(Timed::input).toList();
    }

    private void settings(long arrival, String tenant, String zone, String currency, int fiscalStart) {
        add(arrival, new Input("tenants", tenant, WireRecords.settings(tenant, zone, currency, fiscalStart)));
    }

    private void deal(String tenant, String id, long start) {
        var key = WireRecords.dealKey(tenant, id);
        var home = switch (tenant) {
            case "t-la" -> "USD";
            case "t-tokyo" -> "JPY";
            default -> "EUR";
        };
        var createdAt = start + (long) (random.nextDouble() * 500 * DAY);
        var updatedAt = createdAt;
        var current = WireRecords.deal(tenant, id, Instant.ofEpochMilli(updatedAt))
                .setCreatedAt(Instant.ofEpochMilli(createdAt))
                .setStageCategory(StageCategory.OPEN)
                .setProbability(pick(PROBABILITIES))
                .setOwnerId(owner())
                .setPipelineId(random.nextInt(20) == 0 ? null : "p" + random.nextInt(2))
                .setLeadSource(pick(LEAD_SOURCES));
        setAmount(current, home);
        var firstSeenClosed = random.nextInt(10) == 0;
        if (firstSeenClosed) {
            close(current, createdAt + (long) (random.nextDouble() * 60 * DAY));
            updatedAt = current.getClosedAt().toEpochMilli();
            current.setSourceUpdatedAt(Instant.ofEpochMilli(updatedAt));
        }
        deliver(key, current.build());
        int changes = random.nextInt(6);
        for (int c = 0; c < changes; c++) {
            var sameTimestamp = random.nextInt(12) == 0;
            if (!sameTimestamp) {
                updatedAt += 1 + (long) (random.nextDouble() * 40 * DAY);
            }
            var next = Deal.newBuilder(current.build()).setSourceUpdatedAt(Instant.ofEpochMilli(updatedAt));
            switch (random.nextInt(9)) {
                case 0 -> next.setOwnerId(owner());
                case 1 -> setAmount(next, home);
                case 2 -> next.setProbability(pick(PROBABILITIES));
                case 3, 4 -> {
                    if (next.getStageCategory() == StageCategory.OPEN) {
                        close(next, updatedAt);
                    } else {
                        next.setStageCategory(StageCategory.OPEN).setClosedAt(null).setProbability(pick(PROBABILITIES));
                    }
                }
                case 5 -> next.setLeadSource(pick(LEAD_SOURCES)).setPipelineId("p" + random.nextInt(2));
                case 6 -> {
                    // Invalid versions: rejected, they must change nothing.
                    var bad = Deal.newBuilder(next.build());
                    switch (random.nextInt(4)) {
                        case 0 -> bad.setAmount(WireRecords.money("-5", home));
                        case 1 -> bad.setStageCategory(StageCategory.WON).setClosedAt(null);
                        case 2 -> bad.setStageCategory(StageCategory.LOST)
                                .setClosedAt(Instant.ofEpochMilli(createdAt - DAY));
                        default -> bad.setCreatedAt(null);
                    }
                    deliver(key, bad.build());
                    continue;
                }
                case 7 -> {
                    deliver(key, WireRecords.deletion(tenant, id, Instant.ofEpochMilli(updatedAt)));
                    if (random.nextBoolean()) {
                        add(arrivalAfter(updatedAt) + DAY, new Input("deals", key, null));
                    }
                    continue;
                }
                default -> {
                    // Another probability for the same stage, e.g. an edited stage mapping.
                    next.setProbability(pick(PROBABILITIES));
                }
            }
            current = next;
            deliver(key, current.build());
        }
    }

    private void close(Deal.Builder deal, long closedAt) {
        deal.setStageCategory(random.nextBoolean() ? StageCategory.WON : StageCategory.LOST)
                .setClosedAt(Instant.ofEpochMilli(Math.max(closedAt, deal.getCreatedAt().toEpochMilli())));
        if (random.nextBoolean()) {
            deal.setProbability(deal.getStageCategory() == StageCategory.WON ? 1.0 : 0.0);
        }
    }

    private void setAmount(Deal.Builder deal, String home) {
        var amount = BigDecimal.valueOf(random.nextInt(10_000_000), 2).toPlainString();
        switch (random.nextInt(10)) {
            case 0 -> deal.setAmount(null).setAmountInHomeCurrency(null);
            case 1 -> deal.setAmount(WireRecords.money(amount, "GBP")).setAmountInHomeCurrency(null);
            case 2 -> deal.setAmount(WireRecords.money(amount, "CHF"))
                    .setAmountInHomeCurrency(WireRecords.money(amount, "USD"));
            case 3, 4 -> deal.setAmount(WireRecords.money(amount, "SEK"))
                    .setAmountInHomeCurrency(WireRecords.money(
                            BigDecimal.valueOf(random.nextInt(1_000_000), 4).toPlainString(), home));
            default -> deal.setAmount(WireRecords.money(amount, home)).setAmountInHomeCurrency(null);
        }
    }

    private void lead(String tenant, String id, long start) {
        var key = WireRecords.dealKey(tenant, id);
        var createdAt = start + (long) (random.nextDouble() * 500 * DAY);
        var updatedAt = createdAt;
        var current = WireRecords.lead(tenant, id, Instant.ofEpochMilli(updatedAt), Instant.ofEpochMilli(createdAt),
                        LeadStatus.NEW)
                .setOwnerId(owner())
                .setLeadSource(pick(LEAD_SOURCES));
        deliverLead(key, current.build());
        int changes = random.nextInt(5);
        for (int c = 0; c < changes; c++) {
            updatedAt += (random.nextInt(10) == 0 ? 0 : 1) + (long) (random.nextDouble() * 20 * DAY);
            var next = Lead.newBuilder(current.build()).setSourceUpdatedAt(Instant.ofEpochMilli(updatedAt));
            switch (random.nextInt(6)) {
                case 0 -> next.setOwnerId(owner());
                case 1 -> next.setLeadSource(pick(LEAD_SOURCES));
                case 2 -> {
                    deliverLead(key, Lead.newBuilder(next.build()).setStatus(null).build());
                    continue;
                }
                case 3 -> {
                    deliverLead(key, Lead.newBuilder(next.build()).setOp(Op.DELETE).build());
                    if (random.nextBoolean()) {
                        add(arrivalAfter(updatedAt) + DAY, new Input("leads", key, null));
                    }
                    continue;
                }
                default -> next.setStatus(pick(LeadStatus.values()));
            }
            current = next;
            deliverLead(key, current.build());
        }
    }

    private void deliver(String key, Deal deal) {
        deliverAll("deals", key, deal, deal.getSourceUpdatedAt().toEpochMilli());
    }

    private void deliverLead(String key, Lead lead) {
        deliverAll("leads", key, lead, lead.getSourceUpdatedAt().toEpochMilli());
    }

    /** Once, sometimes more (re-syncs, lookback overlap), each after its own delay. */
    private void deliverAll(String topic, String key, Object value, long updatedAt) {
        int copies = random.nextInt(8) == 0 ? 2 + random.nextInt(2) : 1;
        for (int i = 0; i < copies; i++) {
            add(arrivalAfter(updatedAt), new Input(topic, key, value));
        }
    }

    /** Usually minutes later; one in six is delayed by up to 60 days, so it overtakes newer versions. */
    private long arrivalAfter(long updatedAt) {
        var delay = random.nextInt(6) == 0 ? (long) (random.nextDouble() * 60 * DAY) : random.nextInt(600_000);
        return updatedAt + delay;
    }

    private void add(long arrival, Input input) {
        timed.add(new Timed(arrival, order++, input));
    }

    private String owner() {
        return random.nextInt(25) == 0 ? null : "o" + random.nextInt(20);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
