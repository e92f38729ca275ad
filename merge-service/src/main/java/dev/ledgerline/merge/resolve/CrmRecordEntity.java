package dev.ledgerline.merge.resolve;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A CRM contact or account as last received (its Avro bytes) and where resolution left it. */
@Entity
@Table(name = "crm_record")
public class CrmRecordEntity extends PanacheEntityBase {
    public static final String CONTACT = "CONTACT";
    public static final String ACCOUNT = "ACCOUNT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenantId;
    public String connectionId;
    public String source;
    /** CONTACT or ACCOUNT. */
    public String entityType;
    public String externalId;
    /** A contact's account in the same CRM. */
    public String accountId;
    public byte[] payload;
    public Instant sourceUpdatedAt;
    public boolean deleted;
    @Enumerated(EnumType.STRING)
    public RecordState state;

    public static CrmRecordEntity find(String tenantId, String connectionId, String entityType, String externalId) {
        return find("tenantId = ?1 and connectionId = ?2 and entityType = ?3 and externalId = ?4", tenantId,
                connectionId, entityType, externalId).firstResult();
    }

    public static List<CrmRecordEntity> contactsOf(CrmRecordEntity account) {
        return list("tenantId = ?1 and connectionId = ?2 and entityType = ?3 and accountId = ?4 and deleted = false",
                account.tenantId, account.connectionId, CONTACT, account.externalId);
    }

    public static List<CrmRecordEntity> inState(String tenantId, String connectionId, RecordState state) {
        return list("tenantId = ?1 and connectionId = ?2 and state = ?3 order by id", tenantId, connectionId, state);
    }

    public boolean isContact() {
        return CONTACT.equals(entityType);
    }

    @Override
    public String toString() {
        return tenantId + "/" + connectionId + "/" + source + "/" + entityType + "/" + externalId;
    }
}
