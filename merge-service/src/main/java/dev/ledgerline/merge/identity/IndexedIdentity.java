package dev.ledgerline.merge.identity;

import java.util.Objects;

/** A record the index holds: its normalised identity and the customer it was linked to. */
public record IndexedIdentity(String customerId, NormalizedIdentity identity) {

    public IndexedIdentity {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(identity, "identity");
    }

    public RecordRef ref() {
        return identity.ref();
    }
}
