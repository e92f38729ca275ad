package dev.ledgerline.connector.oauth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A single-use OAuth {@code state}: proves that a callback answers a consent this service asked for. */
@Entity
@Table(name = "oauth_state")
public class OAuthStateEntity extends PanacheEntityBase {
    @Id
    public String state;
    public String tenantId;
    public UUID connectionId;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant usedAt;
}
