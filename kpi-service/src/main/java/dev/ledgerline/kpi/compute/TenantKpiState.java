package dev.ledgerline.kpi.compute;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * All KPI state of one tenant in memory: the latest state per deal and lead key, and the day buckets per
 * slice. It applies the same {@link DealUpdates}/{@link LeadUpdates}/{@link Contributions} a store-backed
 * topology applies, and answers any (slice, window, as-of day).
 */
public final class TenantKpiState {
    private TenantProfile profile;
    private final Map<String, DealState> deals = new HashMap<>();
    private final Map<String, LeadVersion> leads = new HashMap<>();
    private final Map<Slice, DaySeries> series = new HashMap<>();

    public TenantKpiState(TenantProfile profile) {
        this.profile = profile;
    }

    public TenantProfile profile() {
        return profile;
    }

    /**
     * Takes new settings. A new zone or home currency changes every deal's days or amounts, so the
     * buckets are rebuilt from the stored deal and lead states; a new fiscal-year start only changes how
     * QUARTER and YEAR windows are cut at query time.
     */
    public void updateProfile(TenantProfile next) {
        var rebuild = next.derivesDifferentlyFrom(profile);
        profile = next;
        if (rebuild) {
            series.clear();
            deals.values().forEach(state -> apply(Contributions.ofDeal(profile, state)));
            leads.values().forEach(lead -> apply(Contributions.ofLead(profile, lead)));
        }
    }

    /** Applies a deal version, or a tombstone when {@code version} is null. */
    public RecordOutcome onDeal(String key, DealVersion version) {
        var current = deals.get(key);
        var update = version == null
                ? DealUpdates.tombstone(profile, current)
                : DealUpdates.apply(profile, current, version);
        store(deals, key, update.state());
        apply(update.changes());
        return update.outcome();
    }

    /** Applies a lead version, or a tombstone when {@code version} is null. */
    public RecordOutcome onLead(String key, LeadVersion version) {
        var current = leads.get(key);
        var update = version == null
                ? LeadUpdates.tombstone(profile, current)
                : LeadUpdates.apply(profile, current, version);
        store(leads, key, update.state());
        apply(update.changes());
        return update.outcome();
    }

    /** Every KPI of a slice for a window ending with {@code asOf}. Lead KPIs of a PIPELINE slice are zero. */
    public Map<KpiId, KpiResult> evaluate(Slice slice, Window window, LocalDate asOf) {
        var days = series.get(slice);
        if (days == null) {
            return KpiCalculator.compute(new DayBucket(), StockPosition.ZERO, profile.homeCurrency());
        }
        var range = window.range(asOf, profile.fiscalYearStartMonth());
        return KpiCalculator.compute(days.sum(range), days.stockAt(asOf.toEpochDay()), profile.homeCurrency());
    }

    /**
     * The inputs of every window ending with {@code asOf} for a slice, indexed by {@link Window#ordinal()}, from
     * one pass over the slice's days; {@link #evaluate(WindowInput)} turns one into the KPI values.
     */
    public WindowInput[] windowInputs(Slice slice, LocalDate asOf) {
        var windows = Window.values();
        var inputs = new WindowInput[windows.length];
        var days = series.get(slice);
        if (days == null) {
            for (var window : windows) {
                inputs[window.ordinal()] = new WindowInput(new DayBucket(), StockPosition.ZERO);
            }
            return inputs;
        }
        var firstDays = new long[windows.length];
        for (var window : windows) {
            firstDays[window.ordinal()] = window.range(asOf, profile.fiscalYearStartMonth()).firstEpochDay();
        }
        var sums = days.sumsEndingOn(asOf.toEpochDay(), firstDays);
        var stock = days.stockAt(asOf.toEpochDay());
        for (var window : windows) {
            inputs[window.ordinal()] = new WindowInput(sums[window.ordinal()], stock);
        }
        return inputs;
    }

    /** Every KPI of one window's inputs (see {@link #windowInputs}). */
    public Map<KpiId, KpiResult> evaluate(WindowInput input) {
        return KpiCalculator.compute(input.flow(), input.stock(), profile.homeCurrency());
    }

    /** The KPIs of a window's flow alone: those of {@link #evaluate(WindowInput)} but the stock KPIs. */
    public Map<KpiId, KpiResult> evaluateFlow(DayBucket flow) {
        return KpiCalculator.flowKpis(flow, profile.homeCurrency());
    }

    /** The stock KPIs (open deals, pipeline, weighted pipeline) of {@link #evaluate(WindowInput)}. */
    public Map<KpiId, KpiResult> evaluateStock(StockPosition stock) {
        return KpiCalculator.stockKpis(stock, profile.homeCurrency());
    }

    /** The slices that have any bucket, in a stable order. */
    public Set<Slice> slices() {
        var slices = new TreeSet<Slice>((a, b) -> a.dimension() != b.dimension()
                ? a.dimension().compareTo(b.dimension())
                : a.value().compareTo(b.value()));
        slices.addAll(series.keySet());
        return slices;
    }

    /** Whether the slice has any bucket. */
    public boolean hasSlice(Slice slice) {
        return series.containsKey(slice);
    }

    /** The slices with any bucket. */
    public int sliceCount() {
        return series.size();
    }

    /** The non-empty day buckets over all slices. */
    public long dayBucketCount() {
        return series.values().stream().mapToLong(DaySeries::dayCount).sum();
    }

    public int dealCount() {
        return deals.size();
    }

    /**
     * Applies bucket deltas computed elsewhere: for a store-backed topology that keeps the deal and lead states
     * in its own stores and uses this object for the day buckets only (its deal and lead maps then stay empty,
     * so such a caller rebuilds a new state itself instead of calling {@link #updateProfile} with a profile that
     * {@link TenantProfile#derivesDifferentlyFrom derives differently}).
     */
    public void applyChanges(List<BucketChange> changes) {
        apply(changes);
    }

    private void apply(List<BucketChange> changes) {
        for (var change : changes) {
            var slice = change.key().slice();
            var days = series.computeIfAbsent(slice, s -> new DaySeries());
            days.apply(change.key().epochDay(), change.delta());
            if (days.isEmpty()) {
                series.remove(slice);
            }
        }
    }

    private static <S> void store(Map<String, S> states, String key, S state) {
        if (state == null) {
            states.remove(key);
        } else {
            states.put(key, state);
        }
    }
}
