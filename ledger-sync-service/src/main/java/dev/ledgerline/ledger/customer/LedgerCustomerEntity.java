package dev.ledgerline.ledger.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer of the ledger. {@code customerId} is its customers.v1 id (null for one the ledger created that no
 * customers.v1 record has claimed); a customer merged into another points to it with {@code mergedIntoId}, and
 * receivables are reported on the surviving customer.
 */
@Entity
@Table(name = "ledger_customer")
public class LedgerCustomerEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenantId;
    public String customerId;
    public String displayName;
    public String email;
    @Enumerated(EnumType.STRING)
    public CustomerOrigin origin;
    public UUID mergedIntoId;
    /** updatedAt of the last customers.v1 record applied; orders its versions. */
    public Instant sourceUpdatedAt;
    public Instant createdAt;
    public Instant updatedAt;

    public static LedgerCustomerEntity byCustomerId(String tenantId, String customerId) {
        return find("tenantId = ?1 and customerId = ?2", tenantId, customerId).firstResult();
    }
}
