package dev.ledgerline.ledger.journal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/** What an invoice or sales receipt document sold, as posted. */
@Entity
@Table(name = "document_line")
@IdClass(DocumentLineEntity.Key.class)
public class DocumentLineEntity extends PanacheEntityBase {
    @Id
    public UUID documentId;
    @Id
    public int lineNo;
    public String itemId;
    public String description;
    public BigDecimal quantity;
    public BigDecimal unitPrice;
    public BigDecimal discountAmount;
    public BigDecimal taxAmount;
    public BigDecimal amount;

    public record Key(UUID documentId, int lineNo) implements Serializable {
    }
}
