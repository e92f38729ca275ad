package dev.ledgerline.ledger.quickbooks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.validator.constraints.URL;

/** Request and response bodies of the QuickBooks API. Responses never carry the client secret or a token. */
public final class QuickBooksDtos {
    private QuickBooksDtos() {
    }

    /**
     * A tenant's company. {@code clientSecret} and {@code refreshToken} are required the first time and keep their
     * stored values when left out later; {@code minorVersion} defaults to 75, {@code enabled} to true.
     * {@code refundAccountId} is the account refunds are paid from, needed once a refund on an invoice is pushed.
     * {@code taxCodeId} and {@code exemptTaxCodeId} are the TaxCodes of taxed and untaxed lines (default the US codes
     * TAX and NON; a global company names its own); {@code txnTaxCodeId}, if given, is the invoice's TxnTaxCodeRef.
     */
    public record CompanySettings(
            @NotBlank @Size(max = 32) String realmId,
            @NotBlank @URL(regexp = "^https?:.*") @Size(max = 500) String apiBaseUrl,
            @NotBlank @URL(regexp = "^https?:.*") @Size(max = 500) String tokenUrl,
            @NotBlank @Size(max = 200) String clientId,
            @Size(min = 1, max = 500) String clientSecret,
            @Size(min = 1, max = 4000) String refreshToken,
            @Min(1) @Max(999) Integer minorVersion,
            @NotBlank @Size(max = 32) String incomeAccountId,
            @Size(min = 1, max = 32) String refundAccountId,
            @Size(min = 1, max = 32) String taxCodeId,
            @Size(min = 1, max = 32) String exemptTaxCodeId,
            @Size(min = 1, max = 32) String txnTaxCodeId,
            Boolean enabled) {
    }

    public record Company(String tenantId, String realmId, String apiBaseUrl, String tokenUrl, String clientId,
            int minorVersion, String incomeAccountId, String refundAccountId, String taxCodeId, String exemptTaxCodeId,
            String txnTaxCodeId, boolean enabled, Map<SyncState, Long> rows, Instant updatedAt) {
    }

    public record SyncRow(UUID id, SyncEntity entity, String localId, SyncState state, String reason, int attempts,
            String quickBooksType, String quickBooksId, Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {
        static SyncRow of(QuickBooksSyncEntity row) {
            return new SyncRow(row.id, row.entity, row.localId, row.state, row.reason, row.attempts, row.qboType,
                    row.qboId, row.state == SyncState.PENDING ? row.nextAttemptAt : null, row.createdAt, row.updatedAt);
        }
    }
}
