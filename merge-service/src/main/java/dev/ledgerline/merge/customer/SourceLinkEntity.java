package dev.ledgerline.merge.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One CRM record linked to one customer, and why (the rule; for a score its weight and explanation). */
@Entity
@Table(name = "source_link")
public class SourceLinkEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenantId;
    public String customerId;
    public Long crmRecordId;
    /** The wire LinkDecision: EXACT_MATCH, NEW_CUSTOMER, REVIEW_MERGE, REVIEW_CREATE. */
    public String decision;
    /** The rule behind it ({@link LinkRule}). */
    public String rule;
    public Double weight;
    /** The explained score as JSON (a list of field lines), for a link made by score or by a reviewer. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String explanation;
    public String decidedBy;
    public Instant linkedAt;

    public static SourceLinkEntity ofRecord(Long crmRecordId) {
        return find("crmRecordId", crmRecordId).firstResult();
    }

    public static List<SourceLinkEntity> ofCustomer(String customerId) {
        return list("customerId = ?1 order by linkedAt, id", customerId);
    }
}
