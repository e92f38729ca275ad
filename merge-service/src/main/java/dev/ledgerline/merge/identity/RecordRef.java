package dev.ledgerline.merge.identity;

import java.util.Objects;

/**
 * One CRM record: the connection it was synced through, its CRM, whether it is a contact (person) or an account
 * (company), and its id in the CRM. Two refs are the same source record when all four agree.
 */
public record RecordRef(String connectionId, String source, IdentityKind kind, String externalId) {

    public RecordRef {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(externalId, "externalId");
    }

    @Override
    public String toString() {
        return source + "/" + connectionId + "/" + kind + "/" + externalId;
    }
}
