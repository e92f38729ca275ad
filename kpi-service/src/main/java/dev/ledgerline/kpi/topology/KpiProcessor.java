package dev.ledgerline.kpi.topology;

import dev.ledgerline.kpi.compute.BucketChange;
import dev.ledgerline.kpi.compute.Contributions;
import dev.ledgerline.kpi.compute.DealState;
import dev.ledgerline.kpi.compute.DealUpdates;
import dev.ledgerline.kpi.compute.Dimension;
import dev.ledgerline.kpi.compute.LeadUpdates;
import dev.ledgerline.kpi.compute.LeadVersion;
import dev.ledgerline.kpi.compute.Outcome;
import dev.ledgerline.kpi.compute.RejectReason;
import dev.ledgerline.kpi.compute.Slice;
import dev.ledgerline.kpi.compute.StateUpdate;
import dev.ledgerline.kpi.compute.TenantKpiState;
import dev.ledgerline.kpi.compute.TenantProfile;
import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.kpi.compute.WireMapping;
import dev.ledgerline.kpi.owners.OwnerInfo;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.DeadLetterHeader;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.TenantSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The KPI processor of one stream task, which owns whole tenants (every input topic is partitioned by
 * tenant). Per record: one store read and at most one store write of the record's state, then the bucket
 * deltas of {@link DealUpdates}/{@link LeadUpdates} applied to the tenant's in-memory
 * {@link TenantKpiState}, and the touched slices marked dirty. A wall-clock punctuation emits the changed
 * KPI values of the dirty slices for the windows ending today, at most once per key and interval.
 *
 * <p>Day buckets are not stored: {@link #init} rebuilds them from the restored per-record stores.
 */
final class KpiProcessor implements Processor<String, Object, String, SpecificRecord> {
    private static final Logger LOG = Logger.getLogger(KpiProcessor.class);
    static final String STAGE = "kpi-service/" + KpiTopology.KPI_PROCESSOR;
    static final String INVALID_TENANT_SETTINGS = "INVALID_TENANT_SETTINGS";
    static final String UNMAPPABLE_RECORD = "UNMAPPABLE_RECORD";
    static final String MISSING_KEY = "MISSING_KEY";
    private static final long NO_INPUT = Long.MIN_VALUE;
    private static final long NEVER = Long.MIN_VALUE;

    private final KpiBooks books;
    private final EmitPolicy emitPolicy;
    private final Map<String, TenantBook> tenants = new HashMap<>();

    /** Timestamp of the newest input record since the last emission punctuation; {@link #NO_INPUT} if none. */
    private long newestInputSincePunctuation = NO_INPUT;
    /** Wall-clock time of the last emission that was not deferred (see {@link EmitPolicy}), or {@link #NEVER}. */
    private long lastEmissionAt = NEVER;
    /** Wall-clock time of the last punctuation whose new records were all older than the catch-up age. */
    private long lastBehindAt = NEVER;
    /** Wall-clock time of the last emission that published every dimension's slices, or {@link #NEVER}. */
    private long lastDimensionEmissionAt = NEVER;

    private ProcessorContext<String, SpecificRecord> context;
    private int partition;
    private KeyValueStore<String, DealState> deals;
    private KeyValueStore<String, LeadVersion> leads;
    private KeyValueStore<String, TenantProfile> profiles;
    private KeyValueStore<String, OwnerInfo> owners;
    private KeyValueStore<String, String> publishedSlices;

    KpiProcessor(KpiBooks books, EmitPolicy emitPolicy) {
        this.books = books;
        this.emitPolicy = emitPolicy;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        partition = context.taskId().partition();
        deals = context.getStateStore(KpiTopology.DEAL_STATES_STORE);
        leads = context.getStateStore(KpiTopology.LEAD_STATES_STORE);
        profiles = context.getStateStore(KpiTopology.TENANT_PROFILES_STORE);
        owners = context.getStateStore(KpiTopology.OWNER_STATES_STORE);
        publishedSlices = context.getStateStore(KpiTopology.PUBLISHED_SLICES_STORE);
        var started = System.nanoTime();
        rebuild(profiles, deals, leads).forEach((tenantId, state) -> {
            var book = new TenantBook(state);
            // Values may not have been emitted before a crash: publish every slice once (the topic is compacted).
            book.dirty.addAll(state.slices());
            tenants.put(tenantId, book);
            books.register(partition, tenantId, book);
        });
        restoreOwners();
        restorePublishedSlices();
        LOG.infof("KPI task %s rebuilt %d tenants from its stores in %d ms", context.taskId(), tenants.size(),
                (System.nanoTime() - started) / 1_000_000);
        context.schedule(emitPolicy.interval(), PunctuationType.WALL_CLOCK_TIME, this::emit);
        sampleStoreSizes(context.currentSystemTimeMs());
        context.schedule(emitPolicy.dimensionInterval(), PunctuationType.WALL_CLOCK_TIME, this::sampleStoreSizes);
    }

    /** Puts the restored owners into their tenants' directories (after {@link #rebuild}, so books exist). */
    private void restoreOwners() {
        try (var all = owners.all()) {
            all.forEachRemaining(entry -> book(Keys.tenantOf(entry.key)).owners.put(entry.key, entry.value));
        }
    }

    /**
     * Marks the published slices that have no bucket any more dirty: their last values on kpi.values.v1 may predate
     * the change that emptied them (processed and stored, then the task died before the next emission).
     */
    private void restorePublishedSlices() {
        try (var all = publishedSlices.all()) {
            all.forEachRemaining(entry -> {
                var parts = entry.key.split("\\|", 3);
                var book = book(parts[0]);
                var slice = new Slice(Dimension.valueOf(parts[1]), parts[2]);
                book.published.add(slice);
                if (!book.ownerView().hasSlice(slice)) {
                    book.dirty.add(slice);
                }
            });
        }
    }

    private static String publishedSliceKey(String tenantId, Slice slice) {
        return tenantId + "|" + slice.dimension().name() + "|" + slice.value();
    }

    /**
     * Publishes the entry counts of this task's stores to {@link KpiBooks}, for the metrics: the stores may only
     * be used on the stream thread, and an in-memory store's count is its map's size, so sampling once per
     * dimension interval costs nothing on the per-record path.
     */
    private void sampleStoreSizes(long timestamp) {
        for (var name : KpiTopology.STORES) {
            KeyValueStore<String, ?> store = context.getStateStore(name);
            books.recordStoreSize(partition, name, store.approximateNumEntries());
        }
    }

    /**
     * The in-memory state of every tenant with stored profile, deal or lead states: one pass over the stores,
     * applying {@link Contributions#ofDeal}/{@link Contributions#ofLead} of each state. What {@link #init}
     * does after a restart or rebalance.
     */
    static Map<String, TenantKpiState> rebuild(
            KeyValueStore<String, TenantProfile> profiles,
            KeyValueStore<String, DealState> deals,
            KeyValueStore<String, LeadVersion> leads) {
        var states = new HashMap<String, TenantKpiState>();
        try (var all = profiles.all()) {
            all.forEachRemaining(entry -> states.put(entry.key, new TenantKpiState(entry.value)));
        }
        try (var all = deals.all()) {
            all.forEachRemaining(entry -> {
                var state = states.computeIfAbsent(Keys.tenantOf(entry.key), KpiProcessor::defaultState);
                state.applyChanges(Contributions.ofDeal(state.profile(), entry.value));
            });
        }
        try (var all = leads.all()) {
            all.forEachRemaining(entry -> {
                var state = states.computeIfAbsent(Keys.tenantOf(entry.key), KpiProcessor::defaultState);
                state.applyChanges(Contributions.ofLead(state.profile(), entry.value));
            });
        }
        return states;
    }

    @Override
    public void process(Record<String, Object> record) {
        var topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        if (topic == null) {
            return;
        }
        books.countProcessed(topic);
        newestInputSincePunctuation = Math.max(newestInputSincePunctuation, record.timestamp());
        if (record.key() == null) {
            deadLetter(record, topic, MISSING_KEY, "A record on " + topic + " needs a key starting with the tenant id",
                    null);
            return;
        }
        switch (topic) {
            case Topics.DEALS -> onDeal(record, topic);
            case Topics.LEADS -> onLead(record, topic);
            case Topics.TENANTS -> onTenantSettings(record, topic);
            case Topics.OWNERS -> onOwner(record, topic);
            default -> LOG.warnf("Ignoring a record from unexpected topic %s", topic);
        }
    }

    private void onDeal(Record<String, Object> record, String topic) {
        var deal = (Deal) record.value();
        onVersioned(record, topic, deals, (profile, current) -> deal == null
                ? DealUpdates.tombstone(profile, current)
                : DealUpdates.apply(profile, current, WireMapping.dealVersion(deal)));
    }

    private void onLead(Record<String, Object> record, String topic) {
        var lead = (Lead) record.value();
        onVersioned(record, topic, leads, (profile, current) -> lead == null
                ? LeadUpdates.tombstone(profile, current)
                : LeadUpdates.apply(profile, current, WireMapping.leadVersion(lead)));
    }

    /** A deal or lead: derive its new state from the stored one, store it, and move its KPI contributions. */
    private <S> void onVersioned(Record<String, Object> record, String topic, KeyValueStore<String, S> states,
            BiFunction<TenantProfile, S, StateUpdate<S>> derive) {
        var key = record.key();
        var book = book(Keys.tenantOf(key));
        var current = states.get(key);
        StateUpdate<S> update;
        try {
            update = derive.apply(book.ownerView().profile(), current);
        } catch (RuntimeException e) {
            deadLetter(record, topic, UNMAPPABLE_RECORD, e.getMessage(), e);
            return;
        }
        if (rejected(update, record, topic)) {
            return;
        }
        if (!Objects.equals(update.state(), current)) {
            store(states, key, update.state());
        }
        applyChanges(book, update.changes());
    }

    private void onTenantSettings(Record<String, Object> record, String topic) {
        var tenantId = record.key();
        var settings = (TenantSettings) record.value();
        if (settings == null) {
            dropTenant(tenantId);
            return;
        }
        TenantProfile next;
        try {
            next = WireMapping.tenantProfile(settings);
        } catch (RuntimeException e) {
            deadLetter(record, topic, INVALID_TENANT_SETTINGS, e.getMessage(), e);
            return;
        }
        if (!next.tenantId().equals(tenantId)) {
            next = new TenantProfile(tenantId, next.zone(), next.homeCurrency(), next.fiscalYearStartMonth());
        }
        profiles.put(tenantId, next);
        var book = tenants.get(tenantId);
        if (book == null) {
            book = new TenantBook(new TenantKpiState(next));
            tenants.put(tenantId, book);
            books.register(partition, tenantId, book);
            return;
        }
        var previous = book.ownerView();
        book.dirty.addAll(previous.slices());
        if (next.derivesDifferentlyFrom(previous.profile())) {
            // Days or amounts change: rebuild the tenant's buckets from its stored states (one prefix scan each).
            book.replace(rebuildTenant(next));
        } else {
            var profile = next;
            book.write(state -> state.updateProfile(profile));
        }
        book.dirty.addAll(book.ownerView().slices());
    }

    /**
     * An owner changes no KPI: its latest state is kept (store and the tenant's directory) for display names.
     * An older version than the stored one is ignored; a DELETE or a tombstone removes the owner.
     */
    private void onOwner(Record<String, Object> record, String topic) {
        var key = record.key();
        var owner = (Owner) record.value();
        var current = owners.get(key);
        if (owner != null && current != null && owner.getSourceUpdatedAt().toEpochMilli() < current.sourceUpdatedAt()) {
            return;
        }
        if (owner == null || owner.getOp() == Op.DELETE) {
            if (current != null) {
                owners.delete(key);
                book(Keys.tenantOf(key)).owners.remove(key);
            }
            return;
        }
        OwnerInfo next;
        try {
            next = OwnerInfo.of(owner);
        } catch (RuntimeException e) {
            deadLetter(record, topic, UNMAPPABLE_RECORD, e.getMessage(), e);
            return;
        }
        if (!next.equals(current)) {
            owners.put(key, next);
        }
        book(Keys.tenantOf(key)).owners.put(key, next);
    }

    private TenantKpiState rebuildTenant(TenantProfile profile) {
        var state = new TenantKpiState(profile);
        var prefix = tenantPrefix(profile.tenantId());
        try (var range = deals.prefixScan(prefix, new StringSerializer())) {
            range.forEachRemaining(entry -> state.applyChanges(Contributions.ofDeal(profile, entry.value)));
        }
        try (var range = leads.prefixScan(prefix, new StringSerializer())) {
            range.forEachRemaining(entry -> state.applyChanges(Contributions.ofLead(profile, entry.value)));
        }
        return state;
    }

    /** A settings tombstone: the tenant and all its state are gone, and its published values are deleted. */
    private void dropTenant(String tenantId) {
        profiles.delete(tenantId);
        var prefix = tenantPrefix(tenantId);
        deleteAll(deals, prefix);
        deleteAll(leads, prefix);
        deleteAll(owners, prefix);
        deleteAll(publishedSlices, prefix);
        var book = tenants.remove(tenantId);
        if (book != null) {
            books.unregister(partition, tenantId);
            var timestamp = context.currentSystemTimeMs();
            for (var key : book.lastEmitted.keySet()) {
                context.forward(new Record<String, SpecificRecord>(key, null, timestamp), KpiTopology.KPI_SINK);
            }
        }
    }

    private static <V> void deleteAll(KeyValueStore<String, V> store, String prefix) {
        var keys = new ArrayList<String>();
        try (var range = store.prefixScan(prefix, new StringSerializer())) {
            range.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    private static String tenantPrefix(String tenantId) {
        return Keys.of(tenantId, "");
    }

    private boolean rejected(StateUpdate<?> update, Record<String, Object> record, String topic) {
        if (update.outcome().outcome() != Outcome.REJECTED) {
            return false;
        }
        RejectReason reason = update.outcome().reason();
        books.countRejected(reason);
        deadLetter(record, topic, reason.name(), "Rejected by the KPI engine: " + reason.metricTag(), null);
        return true;
    }

    private void applyChanges(TenantBook book, List<BucketChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        book.write(state -> state.applyChanges(changes));
        for (var change : changes) {
            book.dirty.add(change.key().slice());
        }
    }

    private static <V> void store(KeyValueStore<String, V> store, String key, V value) {
        if (value == null) {
            store.delete(key);
        } else {
            store.put(key, value);
        }
    }

    private TenantBook book(String tenantId) {
        var book = tenants.get(tenantId);
        if (book == null) {
            var profile = profiles.get(tenantId);
            book = new TenantBook(new TenantKpiState(profile == null ? TenantProfile.defaults(tenantId) : profile));
            tenants.put(tenantId, book);
            books.register(partition, tenantId, book);
        }
        return book;
    }

    private static TenantKpiState defaultState(String tenantId) {
        return new TenantKpiState(TenantProfile.defaults(tenantId));
    }

    // --- emission

    /**
     * Emits, for each dirty slice due (see {@link EmitPolicy}: the ALL slice at every punctuation, the others once
     * the dimension interval has passed), every KPI of every window ending today in the tenant's zone, each key
     * only when its value differs from the one emitted last. A day rollover in the tenant's zone makes every slice
     * dirty, so the rolling windows are published for the new day.
     */
    void emit(long timestamp) {
        if (newestInputSincePunctuation != NO_INPUT
                && timestamp - newestInputSincePunctuation > emitPolicy.catchUpAge().toMillis()) {
            lastBehindAt = timestamp;
        }
        newestInputSincePunctuation = NO_INPUT;
        // Caught up once no punctuation for a dimension interval saw only old records: with punctuations every
        // 100 ms, one that finds no record at all only means the thread served its other tasks meanwhile.
        var caughtUp = lastBehindAt == NEVER
                || timestamp - lastBehindAt >= emitPolicy.dimensionInterval().toMillis();
        if (lastEmissionAt == NEVER) {
            // The first punctuation of the task starts the deferral clock (the context's time is not set in init).
            lastEmissionAt = timestamp;
        }
        if (emitPolicy.defers() && !caughtUp && timestamp - lastEmissionAt < emitPolicy.maxDeferral().toMillis()) {
            books.countDeferredEmission();
            return;
        }
        lastEmissionAt = timestamp;
        var dimensionsDue = lastDimensionEmissionAt == NEVER
                || timestamp - lastDimensionEmissionAt >= emitPolicy.dimensionInterval().toMillis();
        if (dimensionsDue) {
            lastDimensionEmissionAt = timestamp;
        }
        var started = System.nanoTime();
        var count = 0;
        var computedAt = Instant.ofEpochMilli(timestamp);
        for (var entry : tenants.entrySet()) {
            var book = entry.getValue();
            var state = book.ownerView();
            var profile = state.profile();
            var today = LocalDate.ofInstant(computedAt, profile.zone());
            if (book.lastEmissionDay != null && !today.equals(book.lastEmissionDay)) {
                book.dirty.addAll(state.slices());
                // Every key of the new day differs from yesterday's (new period or new asOf): forget the old
                // ones, so that the memory of emitted values does not grow by a day of rolling keys every day.
                book.lastEmitted.clear();
                book.forgetEvaluations();
            }
            book.lastEmissionDay = today;
            if (!profile.equals(book.evaluatedUnder)) {
                book.forgetEvaluations();
                book.evaluatedUnder = profile;
            }
            if (book.dirty.isEmpty()) {
                continue;
            }
            if (dimensionsDue) {
                for (var slice : book.dirty) {
                    count += emitSlice(entry.getKey(), book, slice, today, computedAt, timestamp);
                }
                book.dirty.clear();
            } else if (book.dirty.remove(Slice.ALL)) {
                count += emitSlice(entry.getKey(), book, Slice.ALL, today, computedAt, timestamp);
            }
        }
        books.recordPunctuation(System.nanoTime() - started, count);
    }

    /** Publishes the changed values of one slice's windows; returns how many. */
    private int emitSlice(String tenantId, TenantBook book, Slice slice, LocalDate today, Instant computedAt,
            long timestamp) {
        var state = book.ownerView();
        var fiscalStart = state.profile().fiscalYearStartMonth();
        var inputs = state.windowInputs(slice, today);
        var previous = book.lastEvaluated.put(slice, inputs);
        var count = 0;
        for (var window : Window.values()) {
            var input = inputs[window.ordinal()];
            var last = previous == null ? null : previous[window.ordinal()];
            // Inputs equal to the last evaluation's (same profile and day) give the values emitted then.
            var flowChanged = last == null || !input.flow().sameAs(last.flow());
            var stockChanged = last == null || !input.stock().equals(last.stock());
            if (!flowChanged && !stockChanged) {
                continue;
            }
            var period = window.periodLabel(today, fiscalStart);
            var range = window.range(today, fiscalStart);
            var results = flowChanged && stockChanged ? state.evaluate(input)
                    : flowChanged ? state.evaluateFlow(input.flow()) : state.evaluateStock(input.stock());
            for (var result : results.values()) {
                var key = book.emittedKey(slice, window, result.kpi(),
                        () -> KpiValueMapper.key(tenantId, result, slice, window, period));
                var value = KpiValueMapper.changedValue(tenantId, slice, window, range, period, result,
                        computedAt, book.lastEmitted.get(key));
                if (value == null) {
                    continue;
                }
                book.lastEmitted.put(key, value);
                context.forward(new Record<String, SpecificRecord>(key, value, timestamp), KpiTopology.KPI_SINK);
                count++;
            }
        }
        rememberPublished(tenantId, book, slice);
        return count;
    }

    /** Keeps {@link KpiTopology#PUBLISHED_SLICES_STORE} in step: a slice with buckets is in it, an empty one not. */
    private void rememberPublished(String tenantId, TenantBook book, Slice slice) {
        if (book.ownerView().hasSlice(slice)) {
            if (book.published.add(slice)) {
                publishedSlices.put(publishedSliceKey(tenantId, slice), "");
            }
        } else if (book.published.remove(slice)) {
            publishedSlices.delete(publishedSliceKey(tenantId, slice));
        }
    }

    // --- dead letters

    private void deadLetter(
            Record<String, Object> record, String topic, String reasonCode, String message, Exception error) {
        var metadata = context.recordMetadata();
        var headers = new ArrayList<DeadLetterHeader>();
        record.headers().forEach(header -> headers.add(new DeadLetterHeader(
                header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value()))));
        var key = record.key();
        var deadLetter = DeadLetter.newBuilder()
                .setOriginalTopic(topic)
                .setOriginalPartition(metadata.map(RecordMetadata::partition).orElse(-1))
                .setOriginalOffset(metadata.map(RecordMetadata::offset).orElse(-1L))
                .setOriginalTimestamp(Instant.ofEpochMilli(record.timestamp()))
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(reserialize(topic, record.value()))
                .setHeaders(headers)
                .setTenantId(key == null ? null : Keys.tenantOf(key))
                .setReasonCode(reasonCode)
                .setErrorMessage(message == null ? reasonCode : message)
                .setExceptionClass(error == null ? null : error.getClass().getName())
                .setStage(STAGE)
                .setFingerprint(null)
                .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
        context.forward(new Record<String, SpecificRecord>(key, deadLetter, record.timestamp()),
                KpiTopology.dlqSink(topic));
    }

    private static final Map<Class<?>, AvroSerde<?>> SERDES = Map.of(
            Deal.class, AvroSerde.of(Deal.class),
            Lead.class, AvroSerde.of(Lead.class),
            Owner.class, AvroSerde.of(Owner.class),
            TenantSettings.class, AvroSerde.of(TenantSettings.class));

    /** The decoded value encoded again with AvroSerde: the bytes as read, up to the writer schema version. */
    @SuppressWarnings("unchecked")
    private static ByteBuffer reserialize(String topic, Object value) {
        if (value == null) {
            return null;
        }
        var serde = (AvroSerde<SpecificRecord>) SERDES.get(value.getClass());
        if (serde == null) {
            return null;
        }
        return ByteBuffer.wrap(serde.serializer().serialize(topic, (SpecificRecord) value));
    }

    @Override
    public void close() {
        books.unregisterPartition(partition);
        tenants.clear();
    }
}
