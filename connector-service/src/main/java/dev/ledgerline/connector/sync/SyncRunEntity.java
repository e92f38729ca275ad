package dev.ledgerline.connector.sync;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "sync_run")
public class SyncRunEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID connectionId;
    @Enumerated(EnumType.STRING)
    public SyncMode mode;
    @Enumerated(EnumType.STRING)
    public SyncTrigger trigger;
    @Enumerated(EnumType.STRING)
    public SyncRunState state;
    public Instant queuedAt;
    public Instant startedAt;
    public Instant endedAt;
    public long apiCalls;
    public long rateLimited;
    public String error;
}
