package dev.ledgerline.kpi.owners;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The owners of one tenant held by this instance, by owner key ({@code tenant|source|id}). The stream thread
 * writes, queries read from other threads: a concurrent map, since an owner's name need not be consistent
 * with the KPI state read beside it.
 */
public final class OwnerDirectory {
    private final ConcurrentNavigableMap<String, OwnerInfo> byKey = new ConcurrentSkipListMap<>();

    public void put(String key, OwnerInfo owner) {
        byKey.put(key, owner);
    }

    public void remove(String key) {
        byKey.remove(key);
    }

    /** Every owner, in key order (by source, then id). */
    public List<OwnerInfo> all() {
        return List.copyOf(byKey.values());
    }

    /**
     * Owner id → display name, for the owners that have one. The OWNER dimension value is the CRM id without
     * its source; should two connections use the same id, the first in key order names it.
     */
    public Map<String, String> names() {
        var names = new HashMap<String, String>();
        byKey.values().forEach(owner -> {
            if (owner.name() != null) {
                names.putIfAbsent(owner.id(), owner.name());
            }
        });
        return names;
    }
}
