package dev.ledgerline.ledger.invoice;

import dev.ledgerline.ledger.posting.InvoiceKey;
import dev.ledgerline.ledger.posting.MoneyAllocation;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An invoice in the ledger and what has been posted for it: its figures (as of its last adjustment), the money
 * received for it and how that is allocated (applied to the receivable, the excess as customer credit), whether it
 * is voided, and how many documents it has (the revision of the next is one more). The CRM's own "amount paid" is
 * kept beside the money received, which is the larger of it and the invoice's payment records.
 */
@Entity
@Table(name = "ledger_invoice")
public class LedgerInvoiceEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenantId;
    public String connectionId;
    public String source;
    @Enumerated(EnumType.STRING)
    public InvoiceKey.Origin origin;
    public String externalId;
    public String number;
    public UUID customer;
    public String dealId;
    public String currency;
    public LocalDate issueDate;
    public LocalDate dueDate;
    public BigDecimal total;
    public BigDecimal discountTotal;
    public BigDecimal taxTotal;
    public BigDecimal revenue;
    public BigDecimal crmAmountPaid;
    public BigDecimal received;
    public BigDecimal amountApplied;
    public BigDecimal credit;
    public boolean voided;
    public int revision;
    public UUID invoiceDocumentId;
    public UUID lastDocumentId;
    public Instant sourceUpdatedAt;
    public Instant createdAt;
    public Instant updatedAt;

    public MoneyAllocation allocation() {
        return new MoneyAllocation(received, amountApplied, credit);
    }

    public void allocate(MoneyAllocation allocation) {
        received = allocation.received();
        amountApplied = allocation.applied();
        credit = allocation.credit();
    }

    /** What the invoice still asks of the customer: nothing once voided. */
    public BigDecimal receivable() {
        return voided ? BigDecimal.ZERO : total;
    }

    public BigDecimal openBalance() {
        return voided ? BigDecimal.ZERO.setScale(4) : total.subtract(amountApplied);
    }
}
