package dev.ledgerline.kpi.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deal or lead adds to the day buckets, as data a store can apply. A deal touches its created day
 * and, once closed, its closed day, in each of its 4 slices (ALL, OWNER, PIPELINE, LEAD_SOURCE): at most 8
 * buckets. A lead touches its created day in 3 slices (leads have no pipeline).
 */
public final class Contributions {
    private Contributions() {
    }

    /** The buckets a deal adds while it is in {@code state}; empty for a deleted or absent deal. */
    public static List<BucketChange> ofDeal(TenantProfile profile, DealState state) {
        return ofDeal(profile.tenantId(), DealFacts.derive(state, profile));
    }

    /** The buckets a lead adds while it is {@code lead}; empty for a deleted or absent lead. */
    public static List<BucketChange> ofLead(TenantProfile profile, LeadVersion lead) {
        return ofLead(profile.tenantId(), LeadFacts.derive(lead, profile));
    }

    /** What moves a deal from {@code before} to {@code after}: the new contribution minus the old one. */
    public static List<BucketChange> dealChange(TenantProfile profile, DealState before, DealState after) {
        return difference(ofDeal(profile, before), ofDeal(profile, after));
    }

    public static List<BucketChange> leadChange(TenantProfile profile, LeadVersion before, LeadVersion after) {
        return difference(ofLead(profile, before), ofLead(profile, after));
    }

    static List<BucketChange> ofDeal(String tenantId, DealFacts deal) {
        if (deal == null) {
            return List.of();
        }
        var created = new DayBucket();
        created.addDealCreated(deal);
        DayBucket closed = null;
        if (deal.stage().isClosed()) {
            // Same-day close: one bucket, whose stock deltas cancel out.
            closed = deal.closedDay() == deal.createdDay() ? created : new DayBucket();
            closed.addDealClosed(deal);
        }
        var slices = List.of(
                Slice.ALL,
                new Slice(Dimension.OWNER, deal.owner()),
                new Slice(Dimension.PIPELINE, deal.pipeline()),
                new Slice(Dimension.LEAD_SOURCE, deal.leadSource()));
        var changes = new ArrayList<BucketChange>(8);
        for (var slice : slices) {
            changes.add(new BucketChange(new BucketKey(tenantId, slice, deal.createdDay()), created));
            if (closed != null && closed != created) {
                changes.add(new BucketChange(new BucketKey(tenantId, slice, deal.closedDay()), closed));
            }
        }
        return changes;
    }

    static List<BucketChange> ofLead(String tenantId, LeadFacts lead) {
        if (lead == null) {
            return List.of();
        }
        var bucket = new DayBucket();
        bucket.addLead(lead);
        return List.of(
                new BucketChange(new BucketKey(tenantId, Slice.ALL, lead.createdDay()), bucket),
                new BucketChange(new BucketKey(tenantId, new Slice(Dimension.OWNER, lead.owner()), lead.createdDay()), bucket),
                new BucketChange(
                        new BucketKey(tenantId, new Slice(Dimension.LEAD_SOURCE, lead.leadSource()), lead.createdDay()),
                        bucket));
    }

    /** {@code after − before}, merged per bucket; buckets whose delta is zero are left out. */
    private static List<BucketChange> difference(List<BucketChange> before, List<BucketChange> after) {
        if (before.isEmpty()) {
            return after;
        }
        Map<BucketKey, DayBucket> deltas = new LinkedHashMap<>();
        for (var change : before) {
            deltas.computeIfAbsent(change.key(), key -> new DayBucket()).add(change.delta(), -1);
        }
        for (var change : after) {
            deltas.computeIfAbsent(change.key(), key -> new DayBucket()).add(change.delta(), 1);
        }
        var changes = new ArrayList<BucketChange>(deltas.size());
        deltas.forEach((key, delta) -> {
            if (!delta.isEmpty()) {
                changes.add(new BucketChange(key, delta));
            }
        });
        return changes;
    }
}
