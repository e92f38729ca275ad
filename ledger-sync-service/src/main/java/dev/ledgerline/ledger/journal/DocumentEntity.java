package dev.ledgerline.ledger.journal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A posted document (never changed). Its subject is an invoice or a payment posted on its own. */
@Entity
@Table(name = "ledger_document")
public class DocumentEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenantId;
    /** Posting order, assigned by the database (read-only here). */
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Enumerated(EnumType.STRING)
    public DocumentKind kind;
    public UUID ledgerInvoiceId;
    public UUID paymentId;
    public int revision;
    public String number;
    public LocalDate documentDate;
    public LocalDate dueDate;
    public UUID customer;
    public String connectionId;
    public String source;
    public String sourceExternalId;
    public String dealId;
    public UUID relatedDocumentId;
    public String currency;
    public BigDecimal total;
    public Instant postedAt;
}
