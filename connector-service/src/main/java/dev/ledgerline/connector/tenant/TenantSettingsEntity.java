package dev.ledgerline.connector.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "tenant_settings")
public class TenantSettingsEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    public String displayName;
    public String homeCurrency;
    public String timeZone;
    public int fiscalYearStartMonth;
    public Instant updatedAt;
}
