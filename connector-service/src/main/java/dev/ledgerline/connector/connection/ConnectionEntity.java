package dev.ledgerline.connector.connection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A CRM connection row. Secret columns hold {@code SecretCipher} ciphertexts, never plaintext. */
@Entity
@Table(name = "crm_connection")
public class ConnectionEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenantId;
    @Enumerated(EnumType.STRING)
    public Crm crm;
    public String displayName;
    @Enumerated(EnumType.STRING)
    public ConnectionStatus status;
    @Enumerated(EnumType.STRING)
    public AuthKind authKind;
    public boolean autoMerge;
    @Enumerated(EnumType.STRING)
    public CustomerScope customerScope;
    public boolean syncProducts;
    public Instant syncInvoicesSince;
    public boolean invoiceOnWonDeal;
    public String apiBaseUrl;
    public String tokenUrl;
    public String authorizeUrl;
    public String redirectUri;
    public String oauthClientId;
    public String oauthScopes;
    public byte[] clientSecret;
    public byte[] accessToken;
    public Instant accessTokenExpiresAt;
    public byte[] refreshToken;
    public String externalAccountId;
    public String statusReason;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;

    public static Optional<ConnectionEntity> findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static List<ConnectionEntity> listForTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt", tenantId);
    }

    /** Where each secret column's ciphertext is bound (associated data of AES-GCM). */
    public String secretSlot(String column) {
        return "crm_connection/" + id + "/" + column;
    }
}
