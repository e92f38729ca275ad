package dev.ledgerline.ledger.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** What the ledger needs of a CRM connection: the invoice cut-off and whether won deals are invoiced. */
@Entity
@Table(name = "ledger_connection")
@IdClass(ConnectionEntity.Key.class)
public class ConnectionEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String connectionId;
    public String source;
    public Instant syncInvoicesSince;
    public boolean invoiceOnWonDeal;
    public Instant updatedAt;

    public record Key(String tenantId, String connectionId) implements Serializable {
    }

    public static ConnectionEntity find(String tenantId, String connectionId) {
        return findById(new Key(tenantId, connectionId));
    }
}
