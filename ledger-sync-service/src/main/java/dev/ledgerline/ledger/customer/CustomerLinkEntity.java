package dev.ledgerline.ledger.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A CRM contact or account that is (part of) a customer. */
@Entity
@Table(name = "customer_source_link")
@IdClass(CustomerLinkEntity.Key.class)
public class CustomerLinkEntity extends PanacheEntityBase {
    public static final String CONTACT = "CONTACT";
    public static final String ACCOUNT = "ACCOUNT";

    @Id
    public String tenantId;
    @Id
    public String connectionId;
    @Id
    public String source;
    @Id
    public String entityType;
    @Id
    public String externalId;
    public UUID customer;

    public record Key(String tenantId, String connectionId, String source, String entityType, String externalId)
            implements Serializable {
    }
}
