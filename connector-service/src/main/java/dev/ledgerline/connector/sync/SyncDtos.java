package dev.ledgerline.connector.sync;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class SyncDtos {
    private SyncDtos() {
    }

    public record StartSync(@NotNull SyncMode mode) {
    }

    /**
     * @param missing how many of the published records lack each field, by {@link MissingField#jsonName()}; only
     *                fields some record lacked
     */
    public record EntityProgress(String entity, SyncRunState state, long fetched, long published, long rejected,
            long deleted, Map<String, Long> missing, String message) {
    }

    public record Run(UUID id, UUID connectionId, SyncMode mode, SyncTrigger trigger, SyncRunState state,
            Instant queuedAt, Instant startedAt, Instant endedAt, long apiCalls, long rateLimited, String error,
            List<EntityProgress> entities) {
    }
}
