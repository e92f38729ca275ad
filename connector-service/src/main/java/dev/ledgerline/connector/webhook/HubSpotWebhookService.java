package dev.ledgerline.connector.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.connector.connection.AuthKind;
import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.ConnectionStatus;
import dev.ledgerline.connector.connection.Crm;
import dev.ledgerline.connector.hubspot.HubSpotObjectType;
import dev.ledgerline.connector.hubspot.HubSpotSync;
import dev.ledgerline.rest.problem.Problem;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.connector.sync.SyncService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Checks a HubSpot webhook's signature v3 with the connection's app client secret, reduces its events to the latest
 * one per object, and starts a WEBHOOK run that batch-reads the changed objects and publishes them (deletions as
 * DELETE records). The answer comes as soon as the run is queued: HubSpot retries anything but a quick 2xx. The same
 * signed request received again is acknowledged as a duplicate and reads nothing ({@link WebhookDeliveries}).
 */
@ApplicationScoped
public class HubSpotWebhookService {
    private static final Logger LOG = Logger.getLogger(HubSpotWebhookService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One answer for every connection that cannot have signed the request, so that ids cannot be probed. */
    private static final String NOT_SIGNABLE = "the request is not signed by this connection's HubSpot app";

    private final SecretCipher cipher;
    private final SyncService syncs;
    private final HubSpotSync hubspot;
    private final WebhookDeliveries deliveries;
    private final Clock clock;

    HubSpotWebhookService(SecretCipher cipher, SyncService syncs, HubSpotSync hubspot, WebhookDeliveries deliveries,
            Clock clock) {
        this.cipher = cipher;
        this.deliveries = deliveries;
        this.syncs = syncs;
        this.hubspot = hubspot;
        this.clock = clock;
    }

    /** What the webhook answer says: the run that publishes the changes (null when nothing is to be read). */
    public record Accepted(int events, UUID runId, String note) {
    }

    public Accepted receive(String connectionId, String uri, String body, String timestamp, String signature) {
        ConnectionEntity connection = signer(connectionId);
        String secret = cipher.decrypt(connection.clientSecret, connection.secretSlot("client_secret"));
        String problem = HubSpotSignature.problem(secret, "POST", uri, body, timestamp, signature, clock);
        if (problem != null) {
            throw unauthorized(problem);
        }
        JsonNode events;
        try {
            events = JSON.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw ProblemException.badField("body", "not a JSON array of HubSpot events");
        }
        if (events == null || !events.isArray()) {
            throw ProblemException.badField("body", "not a JSON array of HubSpot events");
        }
        if (!deliveries.first(connection.id, signature)) {
            return new Accepted(events.size(), null, "duplicate delivery: this signed request was accepted already");
        }
        List<HubSpotSync.Changes> changes = changes(events, Instant.now(clock));
        if (changes.isEmpty()) {
            return new Accepted(events.size(), null, "no events of synced object types");
        }
        if (connection.status != ConnectionStatus.ACTIVE) {
            // Retrying would not help: the scheduled runs catch up once the connection is active again.
            LOG.infof("Webhook for connection %s ignored: it is %s", connection.id, connection.status);
            return new Accepted(events.size(), null, "connection is " + connection.status + "; nothing read");
        }
        UUID runId;
        try {
            runId = syncs.startChanges(connection.tenantId, connection.id, run -> hubspot.applyChanges(run, changes));
        } catch (RuntimeException notQueued) {
            deliveries.forget(connection.id, signature);
            throw notQueued;
        }
        return new Accepted(events.size(), runId, null);
    }

    private ConnectionEntity signer(String connectionId) {
        UUID id;
        try {
            id = UUID.fromString(connectionId);
        } catch (IllegalArgumentException e) {
            throw unauthorized(NOT_SIGNABLE);
        }
        ConnectionEntity connection = QuarkusTransaction.requiringNew().call(() -> ConnectionEntity.findById(id));
        if (connection == null || connection.crm != Crm.HUBSPOT || connection.authKind != AuthKind.OAUTH
                || connection.clientSecret == null || connection.status == ConnectionStatus.DISCONNECTED) {
            throw unauthorized(NOT_SIGNABLE);
        }
        return connection;
    }

    private static ProblemException unauthorized(String reason) {
        return new ProblemException(Problem.of(401, "Unauthorized", reason));
    }

    /** The latest event per object decides: read it (created, changed, restored, merged) or delete it. */
    static List<HubSpotSync.Changes> changes(JsonNode events, Instant received) {
        Map<HubSpotObjectType, Map<String, JsonNode>> latest = new EnumMap<>(HubSpotObjectType.class);
        for (JsonNode event : events) {
            String subscription = event.path("subscriptionType").asText("");
            int dot = subscription.indexOf('.');
            HubSpotObjectType type = dot < 0 ? null : typeOf(subscription.substring(0, dot));
            String objectId = event.path("objectId").asText("");
            if (type == null || objectId.isBlank()) {
                continue;
            }
            latest.computeIfAbsent(type, t -> new LinkedHashMap<>()).merge(objectId, event,
                    (a, b) -> b.path("occurredAt").asLong(0) >= a.path("occurredAt").asLong(0) ? b : a);
        }
        List<HubSpotSync.Changes> changes = new ArrayList<>();
        latest.forEach((type, byId) -> {
            Set<String> changed = new LinkedHashSet<>();
            Map<String, Instant> deleted = new LinkedHashMap<>();
            byId.forEach((id, event) -> {
                String action = event.path("subscriptionType").asText().substring(
                        event.path("subscriptionType").asText().indexOf('.') + 1);
                if (action.equals("deletion") || action.equals("privacyDeletion")) {
                    long at = event.path("occurredAt").asLong(0);
                    deleted.put(id, at > 0 ? Instant.ofEpochMilli(at) : received);
                } else {
                    changed.add(id);
                }
            });
            changes.add(new HubSpotSync.Changes(type, changed, deleted));
        });
        return changes;
    }

    private static HubSpotObjectType typeOf(String object) {
        return switch (object) {
            case "contact" -> HubSpotObjectType.CONTACTS;
            case "company" -> HubSpotObjectType.COMPANIES;
            case "deal" -> HubSpotObjectType.DEALS;
            case "product" -> HubSpotObjectType.PRODUCTS;
            default -> null;
        };
    }
}
