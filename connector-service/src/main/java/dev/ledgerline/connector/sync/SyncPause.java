package dev.ledgerline.connector.sync;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A connection that gets no runs until {@link #pausedUntil} (see {@link ConnectionPaused}). Callers run in a transaction. */
@Entity
@Table(name = "sync_pause")
public class SyncPause extends PanacheEntityBase {
    @Id
    public UUID connectionId;
    public Instant pausedUntil;
    public String reason;

    /** The connection's pause if it lasts beyond {@code now}. */
    static Optional<SyncPause> active(UUID connectionId, Instant now) {
        return SyncPause.<SyncPause>findByIdOptional(connectionId).filter(pause -> pause.pausedUntil.isAfter(now));
    }

    /** Pauses the connection until {@code until}, replacing an earlier pause. */
    static void pause(UUID connectionId, Instant until, String reason) {
        SyncPause pause = SyncPause.<SyncPause>findByIdOptional(connectionId).orElseGet(() -> {
            SyncPause created = new SyncPause();
            created.connectionId = connectionId;
            return created;
        });
        pause.pausedUntil = until;
        pause.reason = reason.substring(0, Math.min(reason.length(), 2000));
        pause.persist();
    }
}
