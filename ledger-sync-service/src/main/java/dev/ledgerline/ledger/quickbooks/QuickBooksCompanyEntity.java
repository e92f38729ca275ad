package dev.ledgerline.ledger.quickbooks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's QuickBooks Online company: where and as whom to push. Secrets are ciphertexts ({@link CompanySecrets}). */
@Entity
@Table(name = "qbo_company")
public class QuickBooksCompanyEntity extends PanacheEntityBase {
    @Id
    public String tenantId;
    public String realmId;
    public String apiBaseUrl;
    public String tokenUrl;
    public String authorizeUrl;
    public String redirectUri;
    public String clientId;
    public byte[] clientSecret;
    public byte[] refreshToken;
    public byte[] accessToken;
    public Instant accessTokenExpiresAt;
    public int minorVersion;
    public String incomeAccountId;
    public String refundAccountId;
    public String taxCodeId;
    public String exemptTaxCodeId;
    public String txnTaxCodeId;
    public boolean enabled;
    public long documentCursor;
    public String leaseOwner;
    public Instant leaseUntil;
    public Instant createdAt;
    public Instant updatedAt;
}
