package dev.ledgerline.connector.sync;

import java.time.Instant;

/** The newest (modified time, id) of an entity that Kafka has acknowledged. */
public record SyncCursor(Instant modifiedAt, String lastId) {
}
