package dev.ledgerline.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.Crm;
import dev.ledgerline.connector.mapping.MappingStore;
import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.oauth.OAuthTokenClient;
import dev.ledgerline.connector.oauth.StoredAccessTokens;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.connector.sync.ApiCallCounters;
import dev.ledgerline.connector.sync.CrmEntity;
import dev.ledgerline.connector.sync.CrmSession;
import dev.ledgerline.connector.sync.CrmSync;
import dev.ledgerline.connector.sync.EntityLoop;
import dev.ledgerline.connector.sync.EntityStream;
import dev.ledgerline.connector.sync.FailureVerdict;
import dev.ledgerline.connector.sync.NormalizedBatch;
import dev.ledgerline.connector.sync.Pages;
import dev.ledgerline.connector.sync.RetryPolicy;
import dev.ledgerline.connector.sync.StreamPage;
import dev.ledgerline.connector.sync.SyncClock;
import dev.ledgerline.connector.sync.SyncCursor;
import dev.ledgerline.connector.sync.SyncRun;
import dev.ledgerline.connector.tenant.TenantSettingsEntity;
import dev.ledgerline.schemas.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * HubSpot's part of a run: owners, the stage mapping from the deal pipelines, then contacts, companies, deals (with
 * line items and associations), products, leads, invoices (with their line items) and payments. A first or FULL run
 * reads the list endpoints; later runs search from the stored cursor with a lookback overlap. Archived objects are
 * read on every run, as a second stream of each entity with its own cursor, and published as DELETE records. An
 * entity the connection may not read (missing scope), or a commerce object the portal does not have, is skipped and
 * reported. Webhook changes go through the same loop as entities whose pages move no cursor.
 */
@ApplicationScoped
public class HubSpotSync implements CrmSync {
    /**
     * Search indexes late: re-read what changed shortly before the cursor. What was already published is not
     * published again (the run keeps recent versions for longer than this).
     */
    static final Duration LOOKBACK = Duration.ofMinutes(5);
    /** Suffix of the cursor entity that tracks deletions (archivedAt) of an object type. */
    static final String ARCHIVED = "#archived";
    /** The run entity that reports an unreadable portal currency. */
    static final String ACCOUNT_DETAILS = "account-details";
    /** Commerce objects exist only in portals that use them; elsewhere HubSpot does not know the object type. */
    private static final Set<String> OPTIONAL_OBJECTS = Set.of(HubSpotObjectType.INVOICES.apiName(),
            HubSpotObjectType.PAYMENTS.apiName());
    /** Positions in HubSpot's search order: numeric ids compare as numbers. */
    private static final Comparator<SyncCursor> ORDER = Comparator.comparing(
            (SyncCursor cursor) -> new SearchPosition(cursor.modifiedAt(), cursor.lastId()));

    private final SecretCipher cipher;
    private final OAuthTokenClient tokenClient;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    HubSpotSync(SecretCipher cipher, OAuthTokenClient tokenClient) {
        this.cipher = cipher;
        this.tokenClient = tokenClient;
    }

    @Override
    public Crm crm() {
        return Crm.HUBSPOT;
    }

    @Override
    public CrmSession open(SyncRun run) {
        return session(run, null);
    }

    private Session session(SyncRun run, List<Changes> changes) {
        ConnectionEntity connection = run.connection();
        return new Session(run, new HubSpotClient(URI.create(connection.apiBaseUrl),
                new StoredAccessTokens(connection, cipher, tokenClient), http,
                new HubSpotRateLimiter(SyncClock.SYSTEM), RetryPolicy.defaults(), SyncClock.SYSTEM), changes);
    }

    /** Objects a webhook named: {@code changed} are read by id (batch read), {@code deleted} become DELETE records. */
    public record Changes(HubSpotObjectType type, Set<String> changed, Map<String, Instant> deleted) {
    }

    /**
     * Publishes the current state of the objects a webhook named, through the run (counts, dead letters) but without
     * moving a cursor: the scheduled incremental runs stay the source of completeness, webhooks only make changes
     * arrive sooner. Ids that HubSpot no longer knows are left out of the batch read (deleted meanwhile; the
     * deletion event or the next run's archived read publishes the DELETE).
     */
    public void applyChanges(SyncRun run, List<Changes> changes) {
        EntityLoop.run(run, session(run, changes));
    }

    /** One run's HubSpot client and normaliser; its entities are the full sync's, or a webhook's changes. */
    final class Session implements CrmSession {
        private final SyncRun run;
        private final HubSpotClient client;
        private final List<Changes> changes;
        private HubSpotNormalizer normalizer;

        Session(SyncRun run, HubSpotClient client, List<Changes> changes) {
            this.run = run;
            this.client = client;
            this.changes = changes;
        }

        @Override
        public ApiCallCounters counters() {
            return client.counters();
        }

        @Override
        public void prepare() {
            normalizer = new HubSpotNormalizer(settings(), SyncClock.SYSTEM);
        }

        @Override
        public List<CrmEntity> entities() {
            return changes == null ? syncEntities() : changeEntities();
        }

        @Override
        public FailureVerdict classify(RuntimeException failure, String entity) {
            if (failure instanceof ReauthorizationRequired) {
                return FailureVerdict.reauthorize(failure.getMessage());
            }
            if (failure instanceof MissingScope missing) {
                return FailureVerdict.skip("missing HubSpot scopes " + missing.requiredScopes() + ": "
                        + missing.getMessage());
            }
            if (failure instanceof HubSpotException e && OPTIONAL_OBJECTS.contains(entity) && objectTypeUnknown(e)) {
                return FailureVerdict.skip("the HubSpot portal has no " + entity
                        + " (not set up or not in its subscription): " + e.getMessage());
            }
            return FailureVerdict.fail();
        }

        private List<CrmEntity> syncEntities() {
            ConnectionEntity connection = run.connection();
            List<CrmEntity> entities = new ArrayList<>();
            entities.add(CrmEntity.of("owners", Topics.OWNERS, owners()));
            entities.add(objects(HubSpotObjectType.CONTACTS, Topics.CONTACTS, List.of(), normalizerOf(HubSpotObjectType.CONTACTS)));
            entities.add(objects(HubSpotObjectType.COMPANIES, Topics.ACCOUNTS, List.of(), normalizerOf(HubSpotObjectType.COMPANIES)));
            entities.add(objects(HubSpotObjectType.DEALS, Topics.DEALS, HubSpotProperties.DEAL_ASSOCIATIONS,
                    normalizerOf(HubSpotObjectType.DEALS)));
            if (connection.syncProducts) {
                entities.add(objects(HubSpotObjectType.PRODUCTS, Topics.PRODUCTS, List.of(),
                        normalizerOf(HubSpotObjectType.PRODUCTS)));
            }
            entities.add(objects(HubSpotObjectType.LEADS, Topics.LEADS, List.of(), normalizerOf(HubSpotObjectType.LEADS)));
            entities.add(objects(HubSpotObjectType.INVOICES, Topics.INVOICES, HubSpotProperties.INVOICE_ASSOCIATIONS,
                    (page, searched) -> normalizer.invoices(withAssociations(HubSpotObjectType.INVOICES,
                            HubSpotProperties.INVOICE_ASSOCIATIONS, page, searched), lineItemsOf(page),
                            connection.syncInvoicesSince)));
            entities.add(objects(HubSpotObjectType.PAYMENTS, Topics.PAYMENTS, HubSpotProperties.PAYMENT_ASSOCIATIONS,
                    (page, searched) -> normalizer.payments(withAssociations(HubSpotObjectType.PAYMENTS,
                            HubSpotProperties.PAYMENT_ASSOCIATIONS, page, searched))));
            return entities;
        }

        /** Each webhook change as an entity whose pages move no cursor: a batch read, and the deletions as given. */
        private List<CrmEntity> changeEntities() {
            List<CrmEntity> entities = new ArrayList<>();
            for (Changes change : changes) {
                String topic = topicOf(change.type());
                if (topic == null || (change.type() == HubSpotObjectType.PRODUCTS && !run.connection().syncProducts)) {
                    continue;
                }
                String entity = change.type().apiName();
                PageNormalizer pages = normalizerOf(change.type());
                entities.add(CrmEntity.of(entity, topic, stream(entity + "#webhook", from -> Pages.concat(List.of(
                        () -> batchRead(change, pages), () -> deleted(change, pages))))));
            }
            return entities;
        }

        private Iterator<StreamPage> batchRead(Changes change, PageNormalizer pages) {
            if (change.changed().isEmpty()) {
                return List.<StreamPage>of().iterator();
            }
            List<String> properties = new ArrayList<>(HubSpotProperties.of(change.type()));
            if (!properties.contains(change.type().lastModifiedProperty())) {
                properties.add(change.type().lastModifiedProperty());
            }
            // Batch read, like search, returns no associations: they are read for deals (searched = true).
            List<JsonNode> read = client.batchRead(change.type(), change.changed(), properties);
            return read.isEmpty() ? List.<StreamPage>of().iterator()
                    : List.of(StreamPage.unordered(pages.normalize(read, true), null)).iterator();
        }

        private Iterator<StreamPage> deleted(Changes change, PageNormalizer pages) {
            if (change.deleted().isEmpty()) {
                return List.<StreamPage>of().iterator();
            }
            List<JsonNode> archived = new ArrayList<>();
            change.deleted().forEach((id, at) -> {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                object.put("id", id).put("archived", true).put("archivedAt", at.toString());
                object.putObject("properties");
                archived.add(object);
            });
            return List.of(StreamPage.unordered(pages.normalize(archived, false), null)).iterator();
        }

        private PageNormalizer normalizerOf(HubSpotObjectType type) {
            return switch (type) {
                case CONTACTS -> (page, searched) -> normalizer.contacts(page);
                case COMPANIES -> (page, searched) -> normalizer.accounts(page);
                case DEALS -> (page, searched) -> normalizer.deals(
                        withAssociations(HubSpotObjectType.DEALS, HubSpotProperties.DEAL_ASSOCIATIONS, page, searched),
                        lineItemsOf(page));
                case PRODUCTS -> (page, searched) -> normalizer.products(page);
                case LEADS -> (page, searched) -> normalizer.leads(page);
                default -> throw new IllegalArgumentException("no normaliser for " + type);
            };
        }

        /** Reads the pipelines, stores the derived stage mapping where the user has not edited it, and returns it. */
        private NormalizationSettings settings() {
            ConnectionEntity connection = run.connection();
            StageMapping stages = MappingStore.stageMapping(connection.id, client.dealPipelines());
            TenantSettingsEntity tenant = run.tenantSettings();
            return new NormalizationSettings(connection.tenantId, connection.id.toString(),
                    portalCurrency(tenant), ZoneId.of(tenant.timeZone), stages,
                    MappingStore.leadStatusMapping(connection.id, HubSpotLeadStages.defaults()));
        }

        /**
         * HubSpot amounts without a currency of their own are in the portal's company currency, which need not be the
         * tenant's home currency. A portal whose account details cannot be read (403, 404) falls back to the home
         * currency, and the run says so.
         */
        private String portalCurrency(TenantSettingsEntity tenant) {
            try {
                return client.companyCurrency().orElse(tenant.homeCurrency);
            } catch (HubSpotException e) {
                if (e instanceof ReauthorizationRequired || (e.status() != 403 && e.status() != 404)) {
                    throw e;
                }
                run.skip(ACCOUNT_DETAILS, "the portal's account details are not readable (" + e.getMessage()
                        + "): amounts without a currency are taken to be in the home currency " + tenant.homeCurrency);
                return tenant.homeCurrency;
            }
        }

        /** Active owners, then archived ones; owners have no cursor and are read whole on every run. */
        private EntityStream owners() {
            Function<ObjectPage, StreamPage> page = owners -> StreamPage.unordered(normalizer.owners(owners.results()),
                    null);
            return stream("owners", from -> Pages.concat(List.<Supplier<Iterator<StreamPage>>>of(
                    () -> Pages.map(client.owners(false), page), () -> Pages.map(client.owners(true), page))));
        }

        /**
         * An object type's changes — searched from the cursor minus the lookback, in (modified time, id) order; or, on a
         * first or FULL run, the whole list, which is not ordered by modification — and its deletions.
         */
        private CrmEntity objects(HubSpotObjectType type, String topic, List<HubSpotObjectType> associatedTypes,
                PageNormalizer normalizer) {
            String entity = type.apiName();
            List<String> properties = HubSpotProperties.of(type);
            List<String> associations = associatedTypes.stream().map(HubSpotObjectType::apiName).toList();
            EntityStream changes = stream(entity, from -> from
                    .map(cursor -> Pages.map(client.search(SearchQuery.changedSince(type, cursor.modifiedAt(), LOOKBACK,
                            properties)), page -> StreamPage.ordered(normalizer.normalize(page.results(), true),
                            newest(type, page.results()))))
                    .orElseGet(() -> Pages.map(client.list(new ListQuery(type, properties, associations, false, null)),
                            page -> StreamPage.unordered(normalizer.normalize(page.results(), false),
                                    newest(type, page.results())))));
            return CrmEntity.of(entity, topic, changes, deletions(type, normalizer));
        }

        /**
         * Archived objects become DELETE records. Archiving does not touch the last-modified time, so deletions have a
         * cursor of their own on (archivedAt, id); the list endpoint is not eventually consistent like search, so only
         * objects strictly after that cursor are published.
         */
        private EntityStream deletions(HubSpotObjectType type, PageNormalizer normalizer) {
            return stream(type.apiName() + ARCHIVED, from -> {
                SearchPosition after = from.map(cursor -> new SearchPosition(cursor.modifiedAt(), cursor.lastId()))
                        .orElse(null);
                Iterator<ObjectPage> pages = client.list(new ListQuery(type, List.of(type.lastModifiedProperty()),
                        List.of(), true, null));
                return Pages.map(pages, page -> {
                    List<JsonNode> archived = page.results().stream()
                            .filter(object -> after == null || new SearchPosition(archivedAt(object),
                                    object.path("id").asText()).compareTo(after) > 0)
                            .toList();
                    SyncCursor newest = archived.stream()
                            .map(object -> new SyncCursor(archivedAt(object), object.path("id").asText()))
                            .max(ORDER).orElse(null);
                    return StreamPage.unordered(normalizer.normalize(archived, false), newest);
                });
            });
        }

        /**
         * Search results carry no associations: read them and put them where list results have them. List results
         * already have them (and simply lack the key for an object without any), so they are left as they are.
         */
        private List<JsonNode> withAssociations(HubSpotObjectType type, List<HubSpotObjectType> targets,
                List<JsonNode> objects, boolean searched) {
            if (!searched || objects.isEmpty()) {
                return objects;
            }
            List<String> ids = objects.stream().map(o -> o.path("id").asText()).toList();
            for (HubSpotObjectType target : targets) {
                Map<String, List<String>> associated = client.associations(type, target, ids);
                for (JsonNode object : objects) {
                    var results = ((ObjectNode) object).withObject("associations").withObject(target.apiName())
                            .putArray("results");
                    associated.getOrDefault(object.path("id").asText(), List.of())
                            .forEach(id -> results.addObject().put("id", id));
                }
            }
            return objects;
        }

        /** The line items a page of deals or invoices is associated with, by id. */
        private Map<String, JsonNode> lineItemsOf(List<JsonNode> parents) {
            Set<String> ids = new LinkedHashSet<>();
            parents.forEach(parent -> parent.path("associations").path("line_items").path("results")
                    .forEach(result -> ids.add(result.path("id").asText())));
            if (ids.isEmpty()) {
                return Map.of();
            }
            return client.batchRead(HubSpotObjectType.LINE_ITEMS, ids, HubSpotProperties.of(HubSpotObjectType.LINE_ITEMS))
                    .stream().collect(Collectors.toMap(item -> item.path("id").asText(), Function.identity(),
                            (a, b) -> b));
        }
    }

    /** How a page of one object type becomes canonical records; {@code searched} pages lack their associations. */
    private interface PageNormalizer {
        NormalizedBatch<? extends SpecificRecord> normalize(List<JsonNode> page, boolean searched);
    }

    /** A stream in HubSpot's (modified time, numeric id) order. */
    private static EntityStream stream(String cursorKey, Function<Optional<SyncCursor>, Iterator<StreamPage>> pages) {
        return EntityStream.of(cursorKey, pages, ORDER);
    }

    private static String topicOf(HubSpotObjectType type) {
        return switch (type) {
            case CONTACTS -> Topics.CONTACTS;
            case COMPANIES -> Topics.ACCOUNTS;
            case DEALS -> Topics.DEALS;
            case PRODUCTS -> Topics.PRODUCTS;
            case LEADS -> Topics.LEADS;
            default -> null;
        };
    }

    /**
     * HubSpot answers 400 "Unable to infer object type from: …" for an object type the portal does not have; a 404
     * (no such path) means the same here.
     */
    private static boolean objectTypeUnknown(HubSpotException e) {
        return e.status() == 404 || (e.status() == 400 && e.getMessage().contains("Unable to infer object type"));
    }

    private static Instant archivedAt(JsonNode object) {
        String archivedAt = object.path("archivedAt").asText(null);
        return archivedAt == null ? Instant.EPOCH : HubSpotValues.instant(archivedAt);
    }

    /** The newest (last-modified, id) of a page. */
    private static SyncCursor newest(HubSpotObjectType type, List<JsonNode> results) {
        SyncCursor newest = null;
        for (JsonNode object : results) {
            String modified = object.path("properties").path(type.lastModifiedProperty()).asText(null);
            Instant modifiedAt = modified == null ? null : HubSpotValues.instant(modified);
            if (modifiedAt != null) {
                SyncCursor position = new SyncCursor(modifiedAt, object.path("id").asText());
                newest = newest == null || ORDER.compare(position, newest) > 0 ? position : newest;
            }
        }
        return newest;
    }
}
