package dev.ledgerline.merge.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer: its published form is built from its source links' records (CustomerWire). */
@Entity
@Table(name = "customer")
public class CustomerEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String tenantId;
    /** COMPANY or PERSON. */
    public String kind;
    public String displayName;
    public String email;
    /** Lower-case display name and emails, what GET /customers searches. */
    public String searchText;
    /** Set when a merge moved this customer's links to another one. */
    public String mergedIntoId;
    public Instant createdAt;
    public Instant updatedAt;

    public static CustomerEntity find(String tenantId, String id) {
        CustomerEntity customer = findById(id);
        return customer != null && customer.tenantId.equals(tenantId) ? customer : null;
    }
}
