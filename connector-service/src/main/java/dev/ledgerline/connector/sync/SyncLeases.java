package dev.ledgerline.connector.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.UUID;

/**
 * One running sync per connection across every instance of the service: a row per connection that a run takes,
 * renews while it works, and gives back. A crashed instance's lease simply expires. Times come from the database
 * so that instances with skewed clocks agree.
 */
@ApplicationScoped
public class SyncLeases {
    private final EntityManager db;

    SyncLeases(EntityManager db) {
        this.db = db;
    }

    /** Takes the connection's lease for this run unless another live run holds it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean acquire(UUID connectionId, UUID runId, String holder, Duration ttl) {
        return db.createNativeQuery("""
                insert into sync_lease (connection_id, holder, run_id, expires_at)
                values (:connection, :holder, :run, now() + make_interval(secs => :ttl))
                on conflict (connection_id) do update
                    set holder = excluded.holder, run_id = excluded.run_id, expires_at = excluded.expires_at
                    where sync_lease.expires_at < now() or sync_lease.run_id = excluded.run_id
                """)
                .setParameter("connection", connectionId).setParameter("holder", holder)
                .setParameter("run", runId).setParameter("ttl", (double) ttl.toSeconds())
                .executeUpdate() == 1;
    }

    /** Extends the lease; false when it was lost (expired and taken by another run). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean renew(UUID connectionId, UUID runId, Duration ttl) {
        return db.createNativeQuery("""
                update sync_lease set expires_at = now() + make_interval(secs => :ttl)
                where connection_id = :connection and run_id = :run
                """)
                .setParameter("connection", connectionId).setParameter("run", runId)
                .setParameter("ttl", (double) ttl.toSeconds())
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(UUID connectionId, UUID runId) {
        db.createNativeQuery("delete from sync_lease where connection_id = :connection and run_id = :run")
                .setParameter("connection", connectionId).setParameter("run", runId)
                .executeUpdate();
    }
}
