package dev.ledgerline.ledger.payment;

import dev.ledgerline.ledger.posting.InvoiceKey;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A CRM payment (latest accepted version) and where its money went: {@code posted} is what it posted on its own (a
 * sales receipt or an unapplied payment); money for an invoice is posted in the invoice's documents instead.
 */
@Entity
@Table(name = "payment")
public class PaymentEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenantId;
    public String connectionId;
    public String source;
    public String externalId;
    @Enumerated(EnumType.STRING)
    public InvoiceKey.Origin invoiceOrigin;
    public String invoiceExternalId;
    public String dealId;
    public String contactId;
    public String payerName;
    public String payerEmail;
    public UUID customer;
    public String currency;
    public BigDecimal amount;
    public String method;
    public String kind;
    public String reference;
    public Instant paidAt;
    @Enumerated(EnumType.STRING)
    public PaymentRole role;
    public String roleReason;
    public UUID ledgerInvoiceId;
    public BigDecimal posted;
    public int revision;
    public UUID ownDocumentId;
    public UUID lastDocumentId;
    public Instant sourceUpdatedAt;
    public Instant updatedAt;

    /** Payments that name the invoice and wait for it (or were excluded with it before a cut-off change). */
    public static List<PaymentEntity> waitingFor(InvoiceKey invoice) {
        return list("tenantId = ?1 and connectionId = ?2 and source = ?3 and invoiceOrigin = ?4"
                        + " and invoiceExternalId = ?5 and role in ?6 order by paidAt, externalId",
                invoice.tenantId(), invoice.connectionId(), invoice.source(), invoice.origin(), invoice.externalId(),
                List.of(PaymentRole.WAITING, PaymentRole.EXCLUDED));
    }

    /** The sum of the payment records applied to an invoice. */
    public static BigDecimal recordedFor(UUID ledgerInvoiceId) {
        BigDecimal sum = getEntityManager().createQuery(
                        "select sum(p.amount) from PaymentEntity p where p.ledgerInvoiceId = ?1 and p.role = ?2",
                        BigDecimal.class)
                .setParameter(1, ledgerInvoiceId).setParameter(2, PaymentRole.INVOICE).getSingleResult();
        return sum == null ? BigDecimal.ZERO : sum;
    }
}
