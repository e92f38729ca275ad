package dev.ledgerline.simulator.company;

import java.time.Instant;
import java.util.Set;

/** One record created, changed (in these fields) or archived at a moment: what a CRM sends webhooks for. */
public record Change(Kind kind, long id, Type type, Set<Field> fields, Instant at) {

    public enum Type {
        CREATED, UPDATED, ARCHIVED
    }

    public Change {
        fields = Set.copyOf(fields);
    }

    static Change created(Entity entity, Kind kind) {
        return new Change(kind, entity.id(), Type.CREATED, Set.of(), entity.createdAt());
    }

    static Change updated(Entity entity, Kind kind, Instant at, Field... fields) {
        return new Change(kind, entity.id(), Type.UPDATED, Set.of(fields), at);
    }

    static Change archived(Entity entity, Kind kind) {
        return new Change(kind, entity.id(), Type.ARCHIVED, Set.of(), entity.archivedAt());
    }
}
