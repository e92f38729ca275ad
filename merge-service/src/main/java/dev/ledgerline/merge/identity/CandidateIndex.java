package dev.ledgerline.merge.identity;

import java.util.Collection;
import java.util.Optional;

/**
 * A tenant's already linked records, found by blocking key. {@link InMemoryCandidateIndex} keeps them in maps;
 * merge-service's PostgreSQL index keeps the same three things in tables (records, their keys, value counts).
 * Tenants never see each other's records.
 */
public interface CandidateIndex {

    /** The record stored for this source record, if any (the same contact or account synced again). */
    Optional<IndexedIdentity> find(String tenantId, RecordRef ref);

    /**
     * The records of this kind sharing at least one of the keys. A key shared by more than {@code maxPerKey} records
     * is not expanded and is reported as skipped instead, so a common key never makes a lookup expensive.
     */
    CandidateLookup candidates(String tenantId, IdentityKind kind, Collection<String> keys, int maxPerKey);

    /** The frequencies of values among the tenant's records of this kind. */
    TermFrequencies termFrequencies(String tenantId, IdentityKind kind);

    /**
     * The frequencies a resolution of this record asks for (an EXACT level agrees on one of its own values); an
     * index that reads them from a database fetches them together.
     */
    default TermFrequencies termFrequencies(String tenantId, NormalizedIdentity identity) {
        return termFrequencies(tenantId, identity.kind());
    }

    /** Stores (or replaces, for the same source record) a record linked to a customer, with its keys and counts. */
    void put(String tenantId, IndexedIdentity record);

    /** Forgets a source record (deleted in the CRM); a no-op when unknown. */
    void remove(String tenantId, RecordRef ref);
}
