package dev.ledgerline.kpi.benchmark;

import dev.ledgerline.schemas.Keys;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deal change records as a CRM connector publishes them: deals created with an owner, pipeline, lead source and
 * amount, then updated (closed WON or LOST, amount changed, owner changed). Each deal's sourceUpdatedAt grows
 * with every change, so no change is stale. Seeded: the same seed gives the same records.
 */
public final class DealChanges {
    /** What a change does to the KPIs that identify it (see {@code LatencyRun}). */
    public enum Kind { CREATED, CLOSED, AMOUNT_CHANGED, OWNER_CHANGED }

    public record Change(Kind kind, int tenant, String key, Deal deal) {
    }

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    private static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo",
        "Australia/Sydney"};
    private static final int[] FISCAL_YEAR_STARTS = {1, 4, 7, 10};
    private static final String[] LEAD_SOURCES = {"Organic Search", "Paid Search", "Referral", "Events",
        "Outbound", "Partner", "Email", "Social"};
    private static final int OWNERS = 25;
    private static final int PIPELINES = 3;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final Random random;
    private final List<String> tenants;
    // One entry per deal created so far, in parallel arrays: 400,000 deals fit in a few MB.
    private int deals;
    private int[] tenantOf = new int[1024];
    private StageCategory[] stage = new StageCategory[1024];
    private long[] amountCents = new long[1024];
    private int[] owner = new int[1024];
    private int[] pipeline = new int[1024];
    private int[] leadSource = new int[1024];
    private long[] createdAt = new long[1024];
    private long[] closedAt = new long[1024];
    private long[] updatedAt = new long[1024];

    /**
     * 0.2 to 0.8, as a CRM's stage settings hold them (HubSpot sends "0.3"): one decimal, not a sum of doubles such
     * as 0.2 + 0.1 = 0.30000000000000004, whose 17 decimals no CRM sends and which made every weighted amount a
     * 17-digit fraction.
     */
    private static double stageProbability(int owner) {
        return (2 + owner % 7) / 10.0;
    }

    public DealChanges(long seed, List<String> tenants) {
        this.random = new Random(seed);
        this.tenants = List.copyOf(tenants);
    }

    int dealCount() {
        return deals;
    }

    /** Settings of every tenant: zones, home currencies and fiscal years vary. */
    public List<TenantSettings> settings(Instant now) {
        var settings = new ArrayList<TenantSettings>();
        for (var i = 0; i < tenants.size(); i++) {
            settings.add(TenantSettings.newBuilder()
                    .setTenantId(tenants.get(i)).setDisplayName("Benchmark tenant " + i)
                    .setHomeCurrency(homeCurrency(i)).setTimeZone(ZONES[i % ZONES.length])
                    .setFiscalYearStartMonth(FISCAL_YEAR_STARTS[i % FISCAL_YEAR_STARTS.length])
                    .setUpdatedAt(now).build());
        }
        return settings;
    }

    /**
     * A mix of creations and updates: with {@code creations} of {@code total} left, the next change creates a
     * deal with probability creations ÷ total, so exactly that many deals are created, spread over the run.
     *
     * @param createdFrom deals are created uniformly between this instant and {@code now}
     */
    public List<Change> history(int creations, int total, Instant createdFrom, Instant now) {
        var changes = new ArrayList<Change>(total);
        var from = createdFrom.toEpochMilli();
        var to = now.toEpochMilli();
        for (var left = total; left > 0; left--) {
            var create = deals == 0 || random.nextInt(left) < creations;
            if (create) {
                creations--;
                changes.add(create(random.nextInt(tenants.size()), from + (long) (random.nextDouble() * (to - from)),
                        to));
            } else {
                changes.add(update(random.nextInt(deals), to));
            }
        }
        return changes;
    }

    /** One change happening now: 40 % new deals, 60 % updates of deals created by earlier calls. */
    Change next(long nowMillis) {
        if (deals == 0 || random.nextInt(10) < 4) {
            return create(random.nextInt(tenants.size()), nowMillis, nowMillis);
        }
        return update(random.nextInt(deals), nowMillis);
    }

    private Change create(int tenant, long created, long now) {
        var id = grow();
        tenantOf[id] = tenant;
        stage[id] = StageCategory.OPEN;
        amountCents[id] = 50_000 + random.nextInt(5_000_000);
        owner[id] = random.nextInt(OWNERS);
        pipeline[id] = random.nextInt(PIPELINES);
        leadSource[id] = random.nextInt(LEAD_SOURCES.length);
        createdAt[id] = created;
        closedAt[id] = 0;
        // Historic creations are synced a while after they happened.
        updatedAt[id] = Math.min(now, created + random.nextInt(60_000));
        return new Change(Kind.CREATED, tenant, key(id), deal(id));
    }

    private Change update(int id, long now) {
        var roll = random.nextInt(100);
        Kind kind;
        if (stage[id] == StageCategory.OPEN && roll < 34) {
            kind = Kind.CLOSED;
            stage[id] = random.nextInt(100) < 45 ? StageCategory.WON : StageCategory.LOST;
            // Closed some days after creation, never in the future.
            closedAt[id] = Math.max(createdAt[id], Math.min(now, createdAt[id] + random.nextInt(90) * DAY
                    + random.nextInt((int) DAY)));
        } else if (roll < 67) {
            kind = Kind.AMOUNT_CHANGED;
            amountCents[id] = Math.max(10_000, amountCents[id] + random.nextInt(1_000_000) - 400_000);
        } else {
            kind = Kind.OWNER_CHANGED;
            owner[id] = (owner[id] + 1 + random.nextInt(OWNERS - 1)) % OWNERS;
        }
        updatedAt[id] = Math.max(updatedAt[id] + 1_000, Math.max(closedAt[id], now));
        return new Change(kind, tenantOf[id], key(id), deal(id));
    }

    private String key(int id) {
        return Keys.of(tenants.get(tenantOf[id]), CrmSource.HUBSPOT.name(), externalId(id));
    }

    private static String externalId(int id) {
        return Integer.toString(9_000_000 + id);
    }

    private Deal deal(int id) {
        var tenant = tenantOf[id];
        var home = homeCurrency(tenant);
        // Every tenth deal is in a foreign currency, converted by the CRM (amount_in_home_currency).
        var foreign = id % 10 == 0;
        var amount = BigDecimal.valueOf(amountCents[id], 2).setScale(4);
        var stageCategory = stage[id];
        var closed = stageCategory != StageCategory.OPEN;
        return Deal.newBuilder()
                .setTenantId(tenants.get(tenant)).setConnectionId("conn-" + tenant).setSource(CrmSource.HUBSPOT)
                .setExternalId(externalId(id)).setOp(Op.UPSERT)
                .setSourceUpdatedAt(Instant.ofEpochMilli(updatedAt[id]))
                .setSyncedAt(Instant.ofEpochMilli(updatedAt[id] + 400))
                .setName("Deal " + id)
                .setAmount(new Money(amount, foreign ? otherCurrency(home) : home))
                .setAmountInHomeCurrency(foreign ? new Money(amount.multiply(BigDecimal.valueOf(11, 1)), home) : null)
                .setPipelineId("pipeline-" + pipeline[id]).setPipelineLabel("Pipeline " + pipeline[id])
                .setStageId(stageCategory.name().toLowerCase()).setStageLabel(closed
                        ? "Closed " + stageCategory.name().toLowerCase() : "Qualified to buy")
                .setStageCategory(stageCategory)
                .setProbability(closed ? (stageCategory == StageCategory.WON ? 1.0 : 0.0) : stageProbability(owner[id]))
                .setDealType(id % 3 == 0 ? "existingbusiness" : "newbusiness")
                .setCreatedAt(Instant.ofEpochMilli(createdAt[id]))
                .setClosedAt(closed ? Instant.ofEpochMilli(closedAt[id]) : null)
                .setOwnerId("owner-" + owner[id])
                .setLeadSource(LEAD_SOURCES[leadSource[id]])
                .setContactIds(List.of("contact-" + id))
                .setPrimaryContactId("contact-" + id)
                .setAccountId("company-" + id % 5_000)
                .build();
    }

    private static String homeCurrency(int tenant) {
        return CURRENCIES[tenant % CURRENCIES.length];
    }

    private static String otherCurrency(String home) {
        return home.equals("USD") ? "EUR" : "USD";
    }

    private int grow() {
        if (deals == tenantOf.length) {
            var size = deals * 2;
            tenantOf = Arrays.copyOf(tenantOf, size);
            stage = Arrays.copyOf(stage, size);
            amountCents = Arrays.copyOf(amountCents, size);
            owner = Arrays.copyOf(owner, size);
            pipeline = Arrays.copyOf(pipeline, size);
            leadSource = Arrays.copyOf(leadSource, size);
            createdAt = Arrays.copyOf(createdAt, size);
            closedAt = Arrays.copyOf(closedAt, size);
            updatedAt = Arrays.copyOf(updatedAt, size);
        }
        return deals++;
    }
}
