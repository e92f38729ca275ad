package dev.ledgerline.kpi.topology;

import dev.ledgerline.kpi.compute.KpiId;
import dev.ledgerline.kpi.compute.Slice;
import dev.ledgerline.kpi.compute.TenantKpiState;
import dev.ledgerline.kpi.compute.TenantProfile;
import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.kpi.compute.WindowInput;
import dev.ledgerline.kpi.owners.OwnerDirectory;
import dev.ledgerline.wire.KpiValue;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The in-memory KPI state of one tenant in one stream task. The stream thread is the only writer and takes
 * the write lock for every change; other threads (queries) read under the read lock. What is only used by
 * the stream thread (dirty slices, last emitted values, last emission day) needs no lock.
 */
final class TenantBook {
    private static final int WINDOWS = Window.values().length;
    private static final int KPIS = KpiId.values().length;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private TenantKpiState state;

    /** The tenant's owners, for display names; written by the stream thread, read by queries without lock. */
    final OwnerDirectory owners = new OwnerDirectory();

    /** Slices with values on kpi.values.v1, as in {@link KpiTopology#PUBLISHED_SLICES_STORE}; stream thread only. */
    final Set<Slice> published = new HashSet<>();
    /** Slices whose KPIs may have changed since the last emission; stream thread only. */
    final Set<Slice> dirty = new HashSet<>();
    /** KpiValue key → last emitted value, for change detection; stream thread only. */
    final Map<String, KpiValue> lastEmitted = new HashMap<>();
    /**
     * Slice → the window inputs (by {@link Window#ordinal()}) its values were last computed from, under
     * {@link #evaluatedUnder} on {@link #lastEmissionDay}: a window whose inputs did not change since needs no
     * evaluation. Stream thread only, like {@link #emittedKeys}.
     */
    final Map<Slice, WindowInput[]> lastEvaluated = new HashMap<>();
    /** Slice → its kpi.values.v1 keys under {@link #evaluatedUnder} on {@link #lastEmissionDay}, built once. */
    private final Map<Slice, String[]> emittedKeys = new HashMap<>();
    TenantProfile evaluatedUnder;
    /** Today in the tenant's zone at the last punctuation, to detect a day rollover; stream thread only. */
    LocalDate lastEmissionDay;

    TenantBook(TenantKpiState state) {
        this.state = state;
    }

    /** The key of a value, from {@code build} the first time since the profile or the day changed. */
    String emittedKey(Slice slice, Window window, KpiId kpi, Supplier<String> build) {
        var keys = emittedKeys.computeIfAbsent(slice, s -> new String[WINDOWS * KPIS]);
        var index = window.ordinal() * KPIS + kpi.ordinal();
        if (keys[index] == null) {
            keys[index] = build.get();
        }
        return keys[index];
    }

    /** The profile or the day changed: periods, keys and values must be computed anew. */
    void forgetEvaluations() {
        lastEvaluated.clear();
        emittedKeys.clear();
    }

    /** The state for the stream thread, which is the only writer: reads need no lock there. */
    TenantKpiState ownerView() {
        return state;
    }

    void write(Consumer<TenantKpiState> change) {
        lock.writeLock().lock();
        try {
            change.accept(state);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void replace(TenantKpiState next) {
        lock.writeLock().lock();
        try {
            state = next;
        } finally {
            lock.writeLock().unlock();
        }
    }

    <T> T read(Function<TenantKpiState, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }
}
