package dev.ledgerline.merge.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A CRM record waiting for a reviewer, with its candidates and their explained scores (JSON). */
@Entity
@Table(name = "review_item")
public class ReviewItemEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String tenantId;
    public Long crmRecordId;
    @Enumerated(EnumType.STRING)
    public ReviewReason reason;
    @Enumerated(EnumType.STRING)
    public ReviewState state;
    /** For a collision: the customer the record is linked to now. */
    public String customerId;
    @JdbcTypeCode(SqlTypes.JSON)
    public String candidates;
    public Instant createdAt;
    public Instant decidedAt;

    public static ReviewItemEntity openFor(Long crmRecordId) {
        return find("crmRecordId = ?1 and state = ?2", crmRecordId, ReviewState.OPEN).firstResult();
    }

    public static ReviewItemEntity find(String tenantId, String id) {
        ReviewItemEntity item = findById(id);
        return item != null && item.tenantId.equals(tenantId) ? item : null;
    }
}
