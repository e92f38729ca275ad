package dev.ledgerline.ledger.invoice;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/** A current line of a ledger invoice (profitability reads these; each document keeps its own copy). */
@Entity
@Table(name = "ledger_invoice_line")
@IdClass(LedgerInvoiceLineEntity.Key.class)
public class LedgerInvoiceLineEntity extends PanacheEntityBase {
    @Id
    public UUID invoiceId;
    @Id
    public int lineNo;
    public String productId;
    public String itemId;
    public String description;
    public String sku;
    public BigDecimal quantity;
    public BigDecimal unitPrice;
    public BigDecimal discountAmount;
    public BigDecimal taxAmount;
    public BigDecimal amount;

    public record Key(UUID invoiceId, int lineNo) implements Serializable {
    }
}
