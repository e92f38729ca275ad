package dev.ledgerline.merge.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The candidate index in memory: per tenant, records by source record, record sets by blocking key, and value
 * counts. For tests, benchmarks and estimation; not thread-safe within one tenant (the service resolves one
 * tenant's records in order on one partition).
 */
public final class InMemoryCandidateIndex implements CandidateIndex {

    private final Map<String, TenantIndex> tenants = new ConcurrentHashMap<>();

    @Override
    public Optional<IndexedIdentity> find(String tenantId, RecordRef ref) {
        return Optional.ofNullable(tenant(tenantId).records.get(ref));
    }

    @Override
    public CandidateLookup candidates(String tenantId, IdentityKind kind, Collection<String> keys, int maxPerKey) {
        TenantIndex tenant = tenant(tenantId);
        Map<RecordRef, IndexedIdentity> found = new LinkedHashMap<>();
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (String key : keys) {
            Set<RecordRef> block = tenant.blocks.getOrDefault(blockName(kind, key), Set.of());
            if (block.size() > maxPerKey) {
                skipped.put(key, (long) block.size());
                continue;
            }
            for (RecordRef ref : block) {
                found.computeIfAbsent(ref, tenant.records::get);
            }
        }
        return new CandidateLookup(new ArrayList<>(found.values()), skipped);
    }

    @Override
    public TermFrequencies termFrequencies(String tenantId, IdentityKind kind) {
        TenantIndex tenant = tenant(tenantId);
        return new TermFrequencies() {
            @Override
            public long records(MatchField field) {
                return tenant.fieldRecords.getOrDefault(kind, Map.of()).getOrDefault(field, 0L);
            }

            @Override
            public long count(MatchField field, String value) {
                return tenant.valueCounts.getOrDefault(kind, Map.of()).getOrDefault(field, Map.of())
                        .getOrDefault(value, 0L);
            }
        };
    }

    @Override
    public void put(String tenantId, IndexedIdentity record) {
        TenantIndex tenant = tenant(tenantId);
        remove(tenantId, record.ref());
        tenant.records.put(record.ref(), record);
        for (String key : BlockingKeys.of(record.identity())) {
            tenant.blocks.computeIfAbsent(blockName(record.ref().kind(), key), k -> new LinkedHashSet<>())
                    .add(record.ref());
        }
        count(tenant, record.identity(), 1);
    }

    @Override
    public void remove(String tenantId, RecordRef ref) {
        TenantIndex tenant = tenant(tenantId);
        IndexedIdentity previous = tenant.records.remove(ref);
        if (previous == null) {
            return;
        }
        for (String key : BlockingKeys.of(previous.identity())) {
            String name = blockName(ref.kind(), key);
            Set<RecordRef> block = tenant.blocks.get(name);
            block.remove(ref);
            if (block.isEmpty()) {
                tenant.blocks.remove(name);
            }
        }
        count(tenant, previous.identity(), -1);
    }

    private static void count(TenantIndex tenant, NormalizedIdentity identity, long delta) {
        Map<MatchField, Long> fieldRecords = tenant.fieldRecords.computeIfAbsent(identity.kind(),
                k -> new EnumMap<>(MatchField.class));
        Map<MatchField, Map<String, Long>> valueCounts = tenant.valueCounts.computeIfAbsent(identity.kind(),
                k -> new EnumMap<>(MatchField.class));
        for (Map.Entry<MatchField, Set<String>> entry : TermValues.of(identity).entrySet()) {
            fieldRecords.merge(entry.getKey(), delta, Long::sum);
            Map<String, Long> counts = valueCounts.computeIfAbsent(entry.getKey(), f -> new HashMap<>());
            for (String value : entry.getValue()) {
                counts.merge(value, delta, Long::sum);
            }
        }
    }

    private static String blockName(IdentityKind kind, String key) {
        return kind.name() + "|" + key;
    }

    private TenantIndex tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, t -> new TenantIndex());
    }

    private static final class TenantIndex {
        final Map<RecordRef, IndexedIdentity> records = new HashMap<>();
        final Map<String, Set<RecordRef>> blocks = new HashMap<>();
        final Map<IdentityKind, Map<MatchField, Long>> fieldRecords = new EnumMap<>(IdentityKind.class);
        final Map<IdentityKind, Map<MatchField, Map<String, Long>>> valueCounts = new EnumMap<>(IdentityKind.class);
    }
}
