package dev.ledgerline.ledger.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "tenant")
public class TenantEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    public String homeCurrency;
    public String timeZone;
    public Instant updatedAt;
}
