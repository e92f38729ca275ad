package dev.ledgerline.ledger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of the ledger's rows, derived from their natural keys (name-based UUIDs), so that the same input posts the
 * same ids: a replay into an empty database rebuilds the same ledger, and two instances that race on one record
 * collide on the primary key instead of posting twice.
 */
public final class Ids {
    private Ids() {
    }

    public static UUID of(String kind, String... parts) {
        StringBuilder name = new StringBuilder(kind);
        for (String part : parts) {
            // Length-prefixed, so that no two different part lists make the same name.
            name.append('|').append(part.length()).append(':').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}
