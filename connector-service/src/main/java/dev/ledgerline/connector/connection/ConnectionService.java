package dev.ledgerline.connector.connection;

import dev.ledgerline.connector.oauth.OAuthConsent;
import dev.ledgerline.connector.oauth.OAuthTokenClient;
import dev.ledgerline.connector.oauth.TokenRevocation;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.connector.publish.SettingsEvents;
import dev.ledgerline.secrets.SecretCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class ConnectionService {
    private final SecretCipher cipher;
    private final OAuthConsent consent;
    private final TokenRevocation revocation;
    private final OAuthTokenClient tokenClient;
    private final SettingsEvents events;
    private final Clock clock;
    private final Optional<String> defaultRedirectUri;

    ConnectionService(SecretCipher cipher, OAuthConsent consent, TokenRevocation revocation,
            OAuthTokenClient tokenClient, SettingsEvents events, Clock clock,
            @ConfigProperty(name = "ledgerline.oauth.redirect-uri") Optional<String> defaultRedirectUri) {
        this.cipher = cipher;
        this.consent = consent;
        this.revocation = revocation;
        this.tokenClient = tokenClient;
        this.events = events;
        this.clock = clock;
        this.defaultRedirectUri = defaultRedirectUri;
    }

    @Transactional
    public ConnectionDtos.Created create(String tenantId, ConnectionDtos.CreateConnection request) {
        Crm crm = request.crm();
        boolean oauth = request.oauth() != null;
        if (oauth == (request.apiToken() != null)) {
            throw ProblemException.badField("oauth", "give either oauth (client id and secret) or apiToken");
        }
        if (!oauth && !crm.acceptsApiToken()) {
            throw ProblemException.badField("apiToken", crm + " connections authorise with OAuth only");
        }
        Instant now = now();
        ConnectionEntity entity = new ConnectionEntity();
        entity.id = UUID.randomUUID();
        entity.tenantId = tenantId;
        entity.crm = crm;
        entity.displayName = request.displayName().trim();
        entity.createdAt = now;
        entity.updatedAt = now;
        applySettings(entity, request.settings() == null
                ? new ConnectionDtos.Settings(null, null, null, null, null) : request.settings());
        entity.apiBaseUrl = firstNonNull(request.apiBaseUrl(), crm.defaultApiBaseUrl());
        entity.tokenUrl = firstNonNull(request.tokenUrl(), crm.defaultTokenUrl());
        entity.authorizeUrl = firstNonNull(request.authorizeUrl(), crm.defaultAuthorizeUrl());
        if (oauth) {
            ConnectionDtos.OAuthClient client = request.oauth();
            entity.authKind = AuthKind.OAUTH;
            entity.status = ConnectionStatus.PENDING_AUTH;
            entity.oauthClientId = client.clientId().trim();
            entity.clientSecret = cipher.encrypt(client.clientSecret(), entity.secretSlot("client_secret"));
            entity.oauthScopes = client.scopes() == null ? null : String.join(" ", client.scopes());
            entity.redirectUri = Optional.ofNullable(client.redirectUri()).or(() -> defaultRedirectUri)
                    .orElseThrow(() -> ProblemException.badField("oauth.redirectUri",
                            "required: the URL of this service's /oauth/callback as registered at the CRM"));
        } else {
            entity.authKind = AuthKind.API_TOKEN;
            entity.status = ConnectionStatus.ACTIVE;
            entity.accessToken = cipher.encrypt(request.apiToken().trim(), entity.secretSlot("access_token"));
        }
        entity.persist();
        String authorizeUrl = oauth ? consent.authorizeUrl(entity) : null;
        published(entity);
        return new ConnectionDtos.Created(ConnectionMapper.toDto(entity), authorizeUrl);
    }

    @Transactional
    public ConnectionDtos.Connection get(String tenantId, UUID id) {
        return ConnectionMapper.toDto(find(tenantId, id));
    }

    @Transactional
    public List<ConnectionDtos.Connection> list(String tenantId) {
        return ConnectionEntity.listForTenant(tenantId).stream().map(ConnectionMapper::toDto).toList();
    }

    @Transactional
    public ConnectionDtos.Connection updateSettings(String tenantId, UUID id, ConnectionDtos.Settings settings) {
        ConnectionEntity entity = find(tenantId, id);
        requireNotDisconnected(entity);
        applySettings(entity, merged(ConnectionMapper.settingsOf(entity), settings));
        entity.updatedAt = now();
        published(entity);
        return ConnectionMapper.toDto(entity);
    }

    /**
     * Revokes the refresh token at the CRM where it can (best effort: a failure is recorded in the status reason and
     * does not stop the disconnect), then erases every secret. The connection stays listed as DISCONNECTED so that its
     * history stays explained. The revocation runs outside any transaction: no row is locked while the CRM answers.
     */
    public void disconnect(String tenantId, UUID id) {
        ConnectionEntity connected = QuarkusTransaction.requiringNew().call(() -> find(tenantId, id));
        if (connected.status == ConnectionStatus.DISCONNECTED) {
            return;
        }
        Optional<String> unrevoked = revocation.revoke(connected);
        QuarkusTransaction.requiringNew().run(() -> {
            ConnectionEntity entity = ConnectionEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
            entity.clientSecret = null;
            entity.accessToken = null;
            entity.accessTokenExpiresAt = null;
            entity.refreshToken = null;
            entity.status = ConnectionStatus.DISCONNECTED;
            entity.statusReason = "disconnected by a user" + unrevoked.map(why -> "; " + why).orElse("");
            entity.updatedAt = now();
            published(entity);
        });
        tokenClient.forget(id);
    }

    /** The CRM refused the credentials for good: a user must consent again before the next sync. */
    @Transactional
    public void markNeedsReauth(String tenantId, UUID id, String reason) {
        ConnectionEntity entity = find(tenantId, id);
        if (entity.status == ConnectionStatus.DISCONNECTED) {
            // A run refused because a user disconnected meanwhile: the connection stays disconnected.
            return;
        }
        entity.status = ConnectionStatus.NEEDS_REAUTH;
        entity.statusReason = reason;
        entity.updatedAt = now();
        published(entity);
    }

    public ConnectionDtos.Connection completeConsent(String state, String code, String error) {
        ConnectionEntity connected = consent.complete(state, code, error, this::published);
        return ConnectionMapper.toDto(connected);
    }

    /** The connection of this tenant, for features that act on one (mappings, syncs). */
    public ConnectionEntity find(String tenantId, UUID id) {
        return ConnectionEntity.findForTenant(tenantId, id)
                .orElseThrow(() -> ProblemException.notFound("Connection " + id + " of tenant " + tenantId));
    }

    /** In the transaction that changed the connection. */
    private void published(ConnectionEntity entity) {
        events.connectionChanged(ConnectionMapper.toWire(entity));
    }

    private void applySettings(ConnectionEntity entity, ConnectionDtos.Settings settings) {
        entity.autoMerge = settings.autoMerge() == null || settings.autoMerge();
        entity.customerScope = settings.customerScope() == null ? CustomerScope.DEALS_ONLY : settings.customerScope();
        entity.syncProducts = settings.syncProducts() == null || settings.syncProducts();
        entity.syncInvoicesSince = settings.syncInvoicesSince() == null
                ? entity.createdAt : settings.syncInvoicesSince().truncatedTo(ChronoUnit.MILLIS);
        entity.invoiceOnWonDeal = settings.invoiceOnWonDeal() != null && settings.invoiceOnWonDeal();
    }

    /** A settings update changes only what it names. */
    private static ConnectionDtos.Settings merged(ConnectionDtos.Settings current, ConnectionDtos.Settings update) {
        return new ConnectionDtos.Settings(
                firstNonNull(update.autoMerge(), current.autoMerge()),
                firstNonNull(update.customerScope(), current.customerScope()),
                firstNonNull(update.syncProducts(), current.syncProducts()),
                firstNonNull(update.syncInvoicesSince(), current.syncInvoicesSince()),
                firstNonNull(update.invoiceOnWonDeal(), current.invoiceOnWonDeal()));
    }

    private static void requireNotDisconnected(ConnectionEntity entity) {
        if (entity.status == ConnectionStatus.DISCONNECTED) {
            throw ProblemException.conflict("connection " + entity.id + " is disconnected; create a new one");
        }
    }

    private static <T> T firstNonNull(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
