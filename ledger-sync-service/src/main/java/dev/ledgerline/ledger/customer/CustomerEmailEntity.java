package dev.ledgerline.ledger.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A normalised email (trimmed, lower case) and the customer it identifies. */
@Entity
@Table(name = "customer_email")
@IdClass(CustomerEmailEntity.Key.class)
public class CustomerEmailEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String email;
    public UUID customer;

    public record Key(String tenantId, String email) implements Serializable {
    }
}
