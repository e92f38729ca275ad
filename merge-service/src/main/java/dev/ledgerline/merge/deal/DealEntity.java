package dev.ledgerline.merge.deal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A deal as last received: PENDING until its primary contact or account is linked, then PUBLISHED. */
@Entity
@Table(name = "deal")
public class DealEntity extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String DELETED = "DELETED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenantId;
    public String connectionId;
    public String source;
    public String externalId;
    public byte[] payload;
    public Instant sourceUpdatedAt;
    public String primaryContactId;
    public String accountId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "varchar(200)[]")
    public String[] contactIds;
    public String state;
    public String customerId;
    public Instant resolvedAt;

    public static DealEntity find(String tenantId, String connectionId, String externalId) {
        return find("tenantId = ?1 and connectionId = ?2 and externalId = ?3", tenantId, connectionId, externalId)
                .firstResult();
    }
}
