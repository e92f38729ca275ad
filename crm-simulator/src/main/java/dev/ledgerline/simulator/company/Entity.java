package dev.ledgerline.simulator.company;

import java.time.Instant;

/**
 * What every record of the company has: an id (unique per kind of record), when it was created, last modified and,
 * once deleted, archived. Mutable only inside this package, under the {@link Company}'s write lock.
 */
public abstract class Entity {
    private final long id;
    private final Instant createdAt;
    private Instant modifiedAt;
    private Instant archivedAt;

    Entity(long id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
    }

    public long id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant modifiedAt() {
        return modifiedAt;
    }

    /** When the record was deleted (CRMs archive, then purge); null while it is live. */
    public Instant archivedAt() {
        return archivedAt;
    }

    public boolean archived() {
        return archivedAt != null;
    }

    void touch(Instant at) {
        if (at.isAfter(modifiedAt)) {
            modifiedAt = at;
        }
    }

    void archive(Instant at) {
        archivedAt = at;
    }
}
