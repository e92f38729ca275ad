package dev.ledgerline.merge.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The audit trail: one row per decision of a person (who, when, what). */
@Entity
@Table(name = "decision")
public class DecisionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenantId;
    /** REVIEW_MERGE, REVIEW_CREATE, REVIEW_DISMISS, CUSTOMER_MERGE, LINK_SPLIT. */
    public String action;
    public String reviewItemId;
    public String customerId;
    public String actor;
    public Instant decidedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public String details;
}
