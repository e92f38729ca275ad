package dev.ledgerline.connector.connection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.validator.constraints.URL;

/** The connection API's request and response bodies. Responses never carry a token or a client secret. */
public final class ConnectionDtos {
    private ConnectionDtos() {
    }

    /**
     * Connection settings; on create, a missing value takes its default. {@code invoiceOnWonDeal} (default false):
     * the ledger invoices a deal when it reaches WON, for CRMs where invoices are not kept.
     */
    public record Settings(Boolean autoMerge, CustomerScope customerScope, Boolean syncProducts,
            Instant syncInvoicesSince, Boolean invoiceOnWonDeal) {
    }

    /** The OAuth client registered at the CRM (app id and secret), and where the CRM sends the user back. */
    public record OAuthClient(
            @NotBlank @Size(max = 200) String clientId,
            @NotBlank @Size(max = 500) String clientSecret,
            @URL(regexp = "^https?:.*") @Size(max = 500) String redirectUri,
            List<@NotBlank @Size(max = 100) String> scopes) {
    }

    /**
     * Either {@code oauth} or {@code apiToken} (a HubSpot private-app token, a monday.com personal token). The
     * endpoint overrides point a connection at a sandbox or a test double.
     */
    public record CreateConnection(
            @NotNull Crm crm,
            @NotBlank @Size(max = 200) String displayName,
            @Valid Settings settings,
            @Valid OAuthClient oauth,
            @Size(min = 8, max = 4000) String apiToken,
            @URL(regexp = "^https?:.*") @Size(max = 500) String apiBaseUrl,
            @URL(regexp = "^https?:.*") @Size(max = 500) String tokenUrl,
            @URL(regexp = "^https?:.*") @Size(max = 500) String authorizeUrl) {
    }

    public record Connection(
            UUID id, String tenantId, Crm crm, String displayName, ConnectionStatus status, String statusReason,
            AuthKind authKind, Settings settings, String apiBaseUrl, String tokenUrl, String authorizeUrl,
            String oauthClientId, List<String> scopes, boolean authorized, Instant createdAt, Instant updatedAt) {
    }

    /** The created connection and, for OAuth, the URL to send the user to for consent. */
    public record Created(Connection connection, String authorizeUrl) {
    }
}
