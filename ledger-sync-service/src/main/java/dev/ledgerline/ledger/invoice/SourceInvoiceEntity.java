package dev.ledgerline.ledger.invoice;

import dev.ledgerline.ledger.posting.InvoiceKey;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The latest accepted version of a CRM invoice or won deal (as JSON of an InvoiceVersion) and its state. */
@Entity
@Table(name = "source_invoice")
@IdClass(SourceInvoiceEntity.Key.class)
public class SourceInvoiceEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String connectionId;
    @Id
    public String source;
    @Id
    @Enumerated(EnumType.STRING)
    public InvoiceKey.Origin origin;
    @Id
    public String externalId;
    public Instant sourceUpdatedAt;
    @Enumerated(EnumType.STRING)
    public SourceState state;
    @JdbcTypeCode(SqlTypes.JSON)
    public String snapshot;
    public UUID ledgerInvoiceId;
    public Instant updatedAt;

    public record Key(String tenantId, String connectionId, String source, InvoiceKey.Origin origin, String externalId)
            implements Serializable {
    }

    public static SourceInvoiceEntity find(InvoiceKey key) {
        return findById(new Key(key.tenantId(), key.connectionId(), key.source(), key.origin(), key.externalId()));
    }

    public InvoiceKey key() {
        return new InvoiceKey(tenantId, connectionId, source, origin, externalId);
    }
}
