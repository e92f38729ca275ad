package dev.ledgerline.kpi.topology;

import dev.ledgerline.kpi.compute.RejectReason;
import dev.ledgerline.kpi.compute.TenantKpiState;
import dev.ledgerline.kpi.owners.OwnerInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Registry of the in-memory KPI state of this instance's stream tasks: partition → its tenants, and tenant →
 * its state. Thread-safe: the stream threads register and change books, queries (REST) read them through
 * {@link #read} under the tenant's read lock. Also holds the processors' counters until they are bound to
 * Micrometer.
 */
public final class KpiBooks {
    private final ConcurrentMap<String, TenantBook> tenants = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Set<String>> tenantsByPartition = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> processed = new ConcurrentHashMap<>();
    private final LongAdder emitted = new LongAdder();
    private final LongAdder deferredEmissions = new LongAdder();
    /** Wall-clock time of the last punctuation that published at least one KpiValue; NaN before the first. */
    private volatile double lastEmissionEpochSeconds = Double.NaN;
    /** Store name → partition → entries, as last sampled by the partition's task. */
    private final ConcurrentMap<String, ConcurrentMap<Integer, Long>> storeSizes = new ConcurrentHashMap<>();
    private volatile LongConsumer punctuationTimer = nanos -> { };

    /** Runs {@code query} on the tenant's state under its read lock; empty when no task of this instance has it. */
    public <T> Optional<T> read(String tenantId, Function<TenantKpiState, T> query) {
        var book = tenants.get(tenantId);
        return book == null ? Optional.empty() : Optional.ofNullable(book.read(query));
    }

    /** The owners of a tenant, in key order; empty when no task of this instance has the tenant. */
    public Optional<List<OwnerInfo>> owners(String tenantId) {
        var book = tenants.get(tenantId);
        return book == null ? Optional.empty() : Optional.of(book.owners.all());
    }

    /** Owner id → display name for a tenant's owners that have one (empty for a tenant not held here). */
    public Map<String, String> ownerNames(String tenantId) {
        var book = tenants.get(tenantId);
        return book == null ? Map.of() : book.owners.names();
    }

    /** The tenants held by this instance's tasks. */
    public Set<String> tenants() {
        return Set.copyOf(tenants.keySet());
    }

    /** The input partitions (= tasks) whose tenants are held here. */
    public Set<Integer> partitions() {
        return Set.copyOf(tenantsByPartition.keySet());
    }

    /** Records rejected by the engine, by {@link RejectReason#metricTag()} (kpi_rejected_records_total{reason}). */
    public long rejectedCount(RejectReason reason) {
        return count(rejected, reason.metricTag());
    }

    public Map<String, Long> rejectedCounts() {
        return snapshot(rejected);
    }

    /** Records processed from one input topic. */
    public long processedCount(String topic) {
        return count(processed, topic);
    }

    public Map<String, Long> processedCounts() {
        return snapshot(processed);
    }

    /** Entries of a state store over this instance's tasks, as sampled by each task once per emit interval. */
    public long storeEntries(String store) {
        var byPartition = storeSizes.get(store);
        return byPartition == null ? 0 : byPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The slices (tenant × dimension value) with day buckets held here; reads each tenant under its lock. */
    public long sliceCount() {
        return tenants.values().stream().mapToLong(book -> book.read(TenantKpiState::sliceCount)).sum();
    }

    /** The non-empty day buckets held in memory here; reads each tenant under its lock. */
    public long dayBucketCount() {
        return tenants.values().stream().mapToLong(book -> book.read(TenantKpiState::dayBucketCount)).sum();
    }

    /** Times every emission punctuation with {@code timer} (nanoseconds): a Micrometer timer in the service. */
    public void timePunctuationsWith(LongConsumer timer) {
        punctuationTimer = timer;
    }

    /** KpiValues published on kpi.values.v1 so far. */
    public long emittedCount() {
        return emitted.sum();
    }

    /** When a KpiValue was last published by this instance, in epoch seconds: NaN before the first. */
    public double lastEmissionEpochSeconds() {
        return lastEmissionEpochSeconds;
    }

    void recordPunctuation(long nanos, int values) {
        emitted.add(values);
        if (values > 0) {
            lastEmissionEpochSeconds = System.currentTimeMillis() / 1000.0;
        }
        punctuationTimer.accept(nanos);
    }

    void recordStoreSize(int partition, String store, long entries) {
        storeSizes.computeIfAbsent(store, s -> new ConcurrentHashMap<>()).put(partition, entries);
    }

    /** Emission punctuations deferred while a task caught up on a backlog ({@link EmitPolicy}). */
    public long deferredEmissionCount() {
        return deferredEmissions.sum();
    }

    void countDeferredEmission() {
        deferredEmissions.increment();
    }

    void countRejected(RejectReason reason) {
        rejected.computeIfAbsent(reason.metricTag(), tag -> new LongAdder()).increment();
    }

    void countProcessed(String topic) {
        // get first: computeIfAbsent may lock the bin, and this runs for every input record
        var counter = processed.get(topic);
        (counter != null ? counter : processed.computeIfAbsent(topic, t -> new LongAdder())).increment();
    }

    void register(int partition, String tenantId, TenantBook book) {
        tenants.put(tenantId, book);
        tenantsByPartition.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(tenantId);
    }

    void unregister(int partition, String tenantId) {
        tenants.remove(tenantId);
        var owned = tenantsByPartition.get(partition);
        if (owned != null) {
            owned.remove(tenantId);
        }
    }

    /** A task is closed (rebalance, shutdown): its tenants are no longer served here. */
    void unregisterPartition(int partition) {
        var owned = tenantsByPartition.remove(partition);
        if (owned != null) {
            owned.forEach(tenants::remove);
        }
        storeSizes.values().forEach(byPartition -> byPartition.remove(partition));
    }

    private static long count(Map<String, LongAdder> counters, String key) {
        var adder = counters.get(key);
        return adder == null ? 0 : adder.sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        var copy = new TreeMap<String, Long>();
        counters.forEach((key, adder) -> copy.put(key, adder.sum()));
        return copy;
    }
}
