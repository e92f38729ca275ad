package dev.ledgerline.simulator.hubspot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Change;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Field;
import dev.ledgerline.simulator.company.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OAuth app's webhook subscriptions: creations, deletions and changes of the properties a sync cares about, for
 * contacts, companies, deals and products. Events are sent in batches of up to 100, about once a second, to the
 * app's target URL, signed as HubSpot signs them (v3: base64 of HMAC-SHA256 with the client secret over method, URL,
 * body and timestamp, in {@code X-HubSpot-Signature-v3} with {@code X-HubSpot-Request-Timestamp}). A batch that does
 * not get a 2xx is sent again a few times (with the next {@code attemptNumber}), then dropped, as HubSpot gives up
 * after its retries.
 */
public final class HubSpotWebhooks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HubSpotWebhooks.class.getName());
    private static final int BATCH_SIZE = 100;
    private static final int ATTEMPTS = 4;
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    private static final long APP_ID = 1_160_452;
    /** The properties whose changes the app subscribes to, by what changed. */
    private static final Map<Field, String> SUBSCRIBED = new EnumMap<>(Map.of(Field.STAGE, "dealstage",
            Field.AMOUNT, "amount", Field.EXPECTED_CLOSE_DATE, "closedate", Field.LOSS_REASON, "closed_lost_reason",
            Field.PHONE, "phone", Field.JOB_TITLE, "jobtitle", Field.LIFECYCLE_STAGE, "lifecyclestage"));

    /** Deliveries so far, for the simulator's status. */
    public record Deliveries(long batches, long events, long failedBatches, String lastFailure) {
    }

    private final Company company;
    private final CrmSplit split;
    private final byte[] clientSecret;
    private final int portalId;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<URI> target = new AtomicReference<>();
    private final BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
    private final AtomicLong eventIds = new AtomicLong(1);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final Thread sender;
    private volatile boolean running = true;

    public HubSpotWebhooks(Company company, String clientSecret, int portalId, URI initialTarget, Clock clock) {
        this(company, new CrmSplit(company.seed(), 0), clientSecret, portalId, initialTarget, clock);
    }

    /** Webhooks of the company's HubSpot part only: changes in its Salesforce part send none. */
    public HubSpotWebhooks(Company company, CrmSplit split, String clientSecret, int portalId, URI initialTarget,
            Clock clock) {
        this.company = company;
        this.split = split;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.portalId = portalId;
        this.clock = clock;
        this.target.set(initialTarget);
        this.sender = new Thread(this::send, "hubspot-webhooks");
        this.sender.setDaemon(true);
        this.sender.start();
        company.onChange(this::changed);
    }

    /** Where the app's webhooks go (HubSpot keeps it in the app's settings); null stops them. */
    public void target(URI url) {
        target.set(url);
    }

    public Optional<URI> target() {
        return Optional.ofNullable(target.get());
    }

    public Deliveries deliveries() {
        return new Deliveries(batches.get(), events.get(), failedBatches.get(), lastFailure.get());
    }

    /** Turns changes into subscribed events, reading the changed values now, as HubSpot puts them in the event. */
    private void changed(List<Change> changes) {
        if (target.get() == null) {
            return;
        }
        List<ObjectNode> created = company.read(c -> {
            List<ObjectNode> nodes = new ArrayList<>();
            for (Change change : changes) {
                Entity entity = c.get(change.kind(), change.id());
                if (entity != null && split.holds(c, CrmSplit.Crm.HUBSPOT, change.kind(), entity)) {
                    subscriptionType(change.kind()).ifPresent(type -> nodes.addAll(events(c, type, change)));
                }
            }
            return nodes;
        });
        queue.addAll(created);
    }

    private List<ObjectNode> events(Company company, HubSpotObjectType type, Change change) {
        List<ObjectNode> events = new ArrayList<>();
        switch (change.type()) {
            case CREATED -> events.add(event(type.singular() + ".creation", change).put("changeFlag", "CREATED"));
            case ARCHIVED -> events.add(event(type.singular() + ".deletion", change).put("changeFlag", "DELETED"));
            case UPDATED -> {
                Entity entity = company.get(type.kind(), change.id());
                Map<String, String> properties = HubSpotProperties.of(company, type, entity);
                for (Field field : change.fields()) {
                    String property = SUBSCRIBED.get(field);
                    if (property != null && properties.containsKey(property)) {
                        events.add(event(type.singular() + ".propertyChange", change)
                                .put("propertyName", property).put("propertyValue", properties.get(property)));
                    }
                }
            }
        }
        return events;
    }

    private ObjectNode event(String subscriptionType, Change change) {
        return JsonNodeFactory.instance.objectNode().put("eventId", eventIds.getAndIncrement())
                .put("subscriptionId", 100_000 + Math.floorMod(subscriptionType.hashCode(), 900_000))
                .put("portalId", portalId).put("appId", APP_ID).put("occurredAt", change.at().toEpochMilli())
                .put("subscriptionType", subscriptionType).put("attemptNumber", 0).put("objectId", change.id())
                .put("changeSource", "CRM_UI");
    }

    private static Optional<HubSpotObjectType> subscriptionType(Kind kind) {
        return switch (kind) {
            case CONTACT, ACCOUNT, DEAL, PRODUCT -> HubSpotObjectType.of(kind);
            default -> Optional.empty();
        };
    }

    private void send() {
        while (running || !queue.isEmpty()) {
            List<ObjectNode> batch = new ArrayList<>();
            try {
                ObjectNode first = queue.poll(FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // Events that happen close together go out together.
                Thread.sleep(running ? FLUSH_INTERVAL.toMillis() : 0);
                queue.drainTo(batch, BATCH_SIZE - 1);
                deliver(batch);
            } catch (InterruptedException stopping) {
                running = false;
            }
        }
    }

    private void deliver(List<ObjectNode> batch) throws InterruptedException {
        URI url = target.get();
        if (url == null) {
            return;
        }
        String failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ArrayNode body = JsonNodeFactory.instance.arrayNode();
            for (ObjectNode event : batch) {
                body.add(event.put("attemptNumber", attempt));
            }
            String json = body.toString();
            String timestamp = String.valueOf(clock.millis());
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-HubSpot-Request-Timestamp", timestamp)
                    .header("X-HubSpot-Signature-v3", signature("POST", url.toString(), json, timestamp))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    batches.incrementAndGet();
                    events.addAndGet(batch.size());
                    return;
                }
                failure = "HTTP " + status;
            } catch (IOException unreachable) {
                failure = unreachable.toString();
            }
            if (running) {
                Thread.sleep(1000L << attempt);
            }
        }
        failedBatches.incrementAndGet();
        lastFailure.set(failure);
        LOG.log(System.Logger.Level.WARNING, "Dropped a webhook batch of {0} events to {1} after {2} attempts: {3}",
                batch.size(), url, ATTEMPTS, failure);
    }

    /** Signature v3 of a request. */
    String signature(String method, String url, String body, String timestamp) {
        return Base64.getEncoder().encodeToString(Credentials.hmac(clientSecret, method + url + body + timestamp));
    }

    /** Sends what is queued (without retry waits) and stops. */
    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
