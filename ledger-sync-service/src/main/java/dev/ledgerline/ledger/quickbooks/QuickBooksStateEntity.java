package dev.ledgerline.ledger.quickbooks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A consent asked for: the hash of its single-use OAuth {@code state}, bound to the tenant. */
@Entity
@Table(name = "qbo_oauth_state")
public class QuickBooksStateEntity extends PanacheEntityBase {
    @Id
    public String stateHash;
    public String tenantId;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant usedAt;
}
