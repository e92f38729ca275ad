package dev.ledgerline.connector.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The signed webhook requests accepted in the last few minutes, across every instance of the service. HubSpot
 * signs each delivery afresh, so the same signature twice is the same request sent again (a replay, or a retry of a
 * delivery whose answer got lost): it is acknowledged without reading anything, which is what a retry needs and
 * what makes a replay harmless. Rows live as long as a signature is accepted as fresh.
 */
@ApplicationScoped
public class WebhookDeliveries {
    /** Beyond this, the timestamp check refuses the request anyway. */
    static final Duration REMEMBERED = HubSpotSignature.MAX_AGE.multipliedBy(2);

    private final EntityManager db;
    private final Clock clock;

    WebhookDeliveries(EntityManager db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records the delivery; false when the same signed request was recorded already (atomically, by the key). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean first(UUID connectionId, String signature) {
        Instant now = Instant.now(clock);
        db.createNativeQuery("delete from webhook_delivery where received_at < :forgotten")
                .setParameter("forgotten", now.minus(REMEMBERED)).executeUpdate();
        return db.createNativeQuery("""
                insert into webhook_delivery (connection_id, signature, received_at) values (:connection, :signature, :now)
                on conflict do nothing
                """)
                .setParameter("connection", connectionId).setParameter("signature", signature.trim())
                .setParameter("now", now).executeUpdate() == 1;
    }

    /** Forgets a delivery that could not be queued, so that HubSpot's retry of it is read. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forget(UUID connectionId, String signature) {
        db.createNativeQuery("delete from webhook_delivery where connection_id = :connection and signature = :signature")
                .setParameter("connection", connectionId).setParameter("signature", signature.trim()).executeUpdate();
    }
}
