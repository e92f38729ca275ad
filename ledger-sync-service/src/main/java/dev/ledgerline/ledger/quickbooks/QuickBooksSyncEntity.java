package dev.ledgerline.ledger.quickbooks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One ledger customer, item or document and its QuickBooks counterpart: the state of its push, the QuickBooks id and
 * SyncToken once created, and the requestid its create or update sends on every attempt.
 */
@Entity
@Table(name = "qbo_sync")
public class QuickBooksSyncEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenantId;
    @Enumerated(EnumType.STRING)
    public SyncEntity entity;
    /** The ledger customer's id, the item id, or the document id. */
    public String localId;
    /** The document's posting order; null for customers and items. */
    public Long documentSeq;
    /** The document's ledger invoice or payment; null for customers and items. */
    public UUID subject;
    @Enumerated(EnumType.STRING)
    public SyncState state;
    public String reason;
    public int attempts;
    public UUID requestId;
    /** The QuickBooks entity the row maps to (Customer, Item, Invoice, SalesReceipt, Payment). */
    public String qboType;
    public String qboId;
    public String syncToken;
    public Instant nextAttemptAt;
    public Instant createdAt;
    public Instant updatedAt;

    public static QuickBooksSyncEntity find(String tenantId, SyncEntity entity, String localId) {
        return find("tenantId = ?1 and entity = ?2 and localId = ?3", tenantId, entity, localId).firstResult();
    }
}
