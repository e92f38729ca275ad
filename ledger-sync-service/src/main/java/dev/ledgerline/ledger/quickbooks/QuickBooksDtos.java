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
     * A tenant's company. {@code clientSecret} is required the first time; it and {@code refreshToken} keep their
     * stored values when left out later, and so does {@code realmId}. A company is connected once it has a realm and
     * a refresh token: given here, or through the consent flow ({@code authorizeUrl} and {@code redirectUri}, then
     * POST …/authorize and Intuit's callback). {@code minorVersion} defaults to 75, {@code enabled} to true.
     * {@code refundAccountId} is the account refunds are paid from, needed once a refund on an invoice is pushed.
     * {@code taxCodeId} and {@code exemptTaxCodeId} are the TaxCodes of taxed and untaxed lines (default the US codes
     * TAX and NON; a global company names its own); {@code txnTaxCodeId}, if given, is the invoice's TxnTaxCodeRef.
     */
    public record CompanySettings(
            @Size(min = 1, max = 32) String realmId,
            @NotBlank @URL(regexp = "^https?:.*") @Size(max = 500) String apiBaseUrl,
            @NotBlank @URL(regexp = "^https?:.*") @Size(max = 500) String tokenUrl,
            @URL(regexp = "^https?:.*") @Size(max = 500) String authorizeUrl,
            @URL(regexp = "^https?:.*") @Size(max = 500) String redirectUri,
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

    /** {@code connected}: the company has a realm and a refresh token, so its documents are pushed. */
    public record Company(String tenantId, boolean connected, String realmId, String apiBaseUrl, String tokenUrl,
            String authorizeUrl, String redirectUri, String clientId,
            int minorVersion, String incomeAccountId, String refundAccountId, String taxCodeId, String exemptTaxCodeId,
            String txnTaxCodeId, boolean enabled, Map<SyncState, Long> rows, Instant updatedAt) {
    }

    /** Where to send the user to give consent; the state in it is good for one callback until {@code expiresAt}. */
    public record Consent(String authorizeUrl, Instant expiresAt) {
    }

    public record SyncRow(UUID id, SyncEntity entity, String localId, SyncState state, String reason, int attempts,
            String quickBooksType, String quickBooksId, Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {
        static SyncRow of(QuickBooksSyncEntity row) {
            return new SyncRow(row.id, row.entity, row.localId, row.state, row.reason, row.attempts, row.qboType,
                    row.qboId, row.state == SyncState.PENDING ? row.nextAttemptAt : null, row.createdAt, row.updatedAt);
        }
    }
}
