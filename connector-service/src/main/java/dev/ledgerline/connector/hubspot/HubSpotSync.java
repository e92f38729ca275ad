package dev.ledgerline.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.Crm;
import dev.ledgerline.connector.mapping.LeadStatusMappingEntity;
import dev.ledgerline.connector.mapping.StageMappingEntity;
import dev.ledgerline.connector.oauth.OAuthTokenClient;
import dev.ledgerline.connector.oauth.StoredAccessTokens;
import dev.ledgerline.connector.secret.SecretCipher;
import dev.ledgerline.connector.sync.CredentialsRejected;
import dev.ledgerline.connector.sync.CrmSync;
import dev.ledgerline.connector.sync.PrefetchingIterator;
import dev.ledgerline.connector.sync.RetryPolicy;
import dev.ledgerline.connector.sync.SyncClock;
import dev.ledgerline.connector.sync.SyncCursor;
import dev.ledgerline.connector.sync.SyncRun;
import dev.ledgerline.connector.tenant.TenantSettingsEntity;
import dev.ledgerline.schemas.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Syncs one HubSpot connection: owners, the stage mapping from the deal pipelines, then contacts, companies, deals
 * (with line items and associations), products, leads, invoices (with their line items) and payments. A first or
 * FULL run reads the list endpoints; later runs search from the stored cursor with a lookback overlap. Archived
 * objects are read on every run and published as DELETE records. An entity the connection may not read (missing
 * scope), or a commerce object the portal does not have, is skipped and reported.
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

    private HubSpotClient client(ConnectionEntity connection) {
        return new HubSpotClient(URI.create(connection.apiBaseUrl),
                new StoredAccessTokens(connection, cipher, tokenClient), http,
                new HubSpotRateLimiter(SyncClock.SYSTEM), RetryPolicy.defaults(), SyncClock.SYSTEM);
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
        HubSpotClient client = client(run.connection());
        try {
            HubSpotNormalizer normalizer = new HubSpotNormalizer(settings(run, client), SyncClock.SYSTEM);
            for (Changes change : changes) {
                String topic = topicOf(change.type());
                if (topic == null || (change.type() == HubSpotObjectType.PRODUCTS && !run.connection().syncProducts)) {
                    continue;
                }
                String entity = change.type().apiName();
                PageNormalizer pages = normalizerOf(change.type(), normalizer);
                perEntity(run, client, entity, () -> {
                    if (!change.changed().isEmpty()) {
                        List<String> properties = new ArrayList<>(HubSpotProperties.of(change.type()));
                        if (!properties.contains(change.type().lastModifiedProperty())) {
                            properties.add(change.type().lastModifiedProperty());
                        }
                        // Batch read, like search, returns no associations: they are read for deals (true).
                        List<JsonNode> read = client.batchRead(change.type(), change.changed(), properties);
                        if (!read.isEmpty()) {
                            run.publish(page(entity, topic, pages.normalize(read, client, true), 0, null));
                        }
                    }
                    if (!change.deleted().isEmpty()) {
                        List<JsonNode> archived = new ArrayList<>();
                        change.deleted().forEach((id, at) -> {
                            ObjectNode object = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                            object.put("id", id).put("archived", true).put("archivedAt", at.toString());
                            object.putObject("properties");
                            archived.add(object);
                        });
                        NormalizedBatch<? extends SpecificRecord> batch = pages.normalize(archived, client, false);
                        run.publish(page(entity, topic, batch, batch.records().size(), null));
                    }
                });
            }
        } catch (ReauthorizationRequired e) {
            throw new CredentialsRejected(e.getMessage(), e);
        } finally {
            run.countCalls(client.counters().calls(), client.counters().rateLimited());
        }
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

    private static PageNormalizer normalizerOf(HubSpotObjectType type, HubSpotNormalizer normalizer) {
        return switch (type) {
            case CONTACTS -> (page, c, searched) -> normalizer.contacts(page);
            case COMPANIES -> (page, c, searched) -> normalizer.accounts(page);
            case DEALS -> (page, c, searched) -> normalizer.deals(
                    withAssociations(c, HubSpotObjectType.DEALS, HubSpotProperties.DEAL_ASSOCIATIONS, page, searched),
                    lineItemsOf(c, page));
            case PRODUCTS -> (page, c, searched) -> normalizer.products(page);
            case LEADS -> (page, c, searched) -> normalizer.leads(page);
            default -> throw new IllegalArgumentException("no normaliser for " + type);
        };
    }

    @Override
    public void sync(SyncRun run) {
        ConnectionEntity connection = run.connection();
        HubSpotClient client = client(connection);
        try {
            HubSpotNormalizer normalizer = new HubSpotNormalizer(settings(run, client), SyncClock.SYSTEM);
            owners(run, client, normalizer);
            objects(run, client, HubSpotObjectType.CONTACTS, Topics.CONTACTS, List.of(),
                    (page, c, searched) -> normalizer.contacts(page));
            objects(run, client, HubSpotObjectType.COMPANIES, Topics.ACCOUNTS, List.of(),
                    (page, c, searched) -> normalizer.accounts(page));
            objects(run, client, HubSpotObjectType.DEALS, Topics.DEALS, HubSpotProperties.DEAL_ASSOCIATIONS,
                    normalizerOf(HubSpotObjectType.DEALS, normalizer));
            if (connection.syncProducts) {
                objects(run, client, HubSpotObjectType.PRODUCTS, Topics.PRODUCTS, List.of(),
                        (page, c, searched) -> normalizer.products(page));
            }
            objects(run, client, HubSpotObjectType.LEADS, Topics.LEADS, List.of(), (page, c, searched) -> normalizer.leads(page));
            objects(run, client, HubSpotObjectType.INVOICES, Topics.INVOICES, HubSpotProperties.INVOICE_ASSOCIATIONS,
                    (page, c, searched) -> normalizer.invoices(withAssociations(c, HubSpotObjectType.INVOICES,
                            HubSpotProperties.INVOICE_ASSOCIATIONS, page, searched), lineItemsOf(c, page),
                            connection.syncInvoicesSince));
            objects(run, client, HubSpotObjectType.PAYMENTS, Topics.PAYMENTS, HubSpotProperties.PAYMENT_ASSOCIATIONS,
                    (page, c, searched) -> normalizer.payments(withAssociations(c, HubSpotObjectType.PAYMENTS,
                            HubSpotProperties.PAYMENT_ASSOCIATIONS, page, searched)));
        } catch (ReauthorizationRequired e) {
            throw new CredentialsRejected(e.getMessage(), e);
        } finally {
            run.countCalls(client.counters().calls(), client.counters().rateLimited());
        }
    }

    /** Reads the pipelines, stores the derived stage mapping where the user has not edited it, and returns it. */
    private NormalizationSettings settings(SyncRun run, HubSpotClient client) {
        ConnectionEntity connection = run.connection();
        StageMapping stages = QuarkusTransaction.requiringNew().call(() -> storeStageMapping(connection, client));
        LeadStatusMapping leadStatuses = QuarkusTransaction.requiringNew().call(() -> storeLeadStatusMapping(connection));
        TenantSettingsEntity tenant = QuarkusTransaction.requiringNew()
                .call(() -> TenantSettingsEntity.findById(connection.tenantId));
        if (tenant == null) {
            throw new IllegalStateException("tenant " + connection.tenantId
                    + " has no settings yet: set its home currency and time zone (PUT /api/tenants/{tenant}/settings)");
        }
        return new NormalizationSettings(connection.tenantId, connection.id.toString(),
                portalCurrency(run, client, tenant), ZoneId.of(tenant.timeZone), stages, leadStatuses);
    }

    /**
     * HubSpot amounts without a currency of their own are in the portal's company currency, which need not be the
     * tenant's home currency. A portal whose account details cannot be read (403, 404) falls back to the home
     * currency, and the run says so.
     */
    private static String portalCurrency(SyncRun run, HubSpotClient client, TenantSettingsEntity tenant) {
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

    /**
     * The lead-stage mapping: HubSpot's default lead stages, overridden by what is stored for the connection (a
     * user's PUT). Default stages not stored yet are stored unedited, so that GET shows what the sync applies.
     */
    private static LeadStatusMapping storeLeadStatusMapping(ConnectionEntity connection) {
        LeadStatusMapping mapping = LeadStatusMapping.defaults();
        Set<String> stored = new HashSet<>();
        for (LeadStatusMappingEntity entry : LeadStatusMappingEntity.forConnection(connection.id)) {
            mapping = mapping.with(entry.rawStatus, dev.ledgerline.wire.LeadStatus.valueOf(entry.status.name()));
            stored.add(entry.rawStatus);
        }
        LeadStatusMapping.defaults().entries().forEach((stageId, status) -> {
            if (!stored.contains(stageId)) {
                LeadStatusMappingEntity.storeDefault(connection.id, stageId,
                        dev.ledgerline.connector.mapping.LeadStatus.valueOf(status.name()));
            }
        });
        return mapping;
    }

    private StageMapping storeStageMapping(ConnectionEntity connection, HubSpotClient client) {
        List<DealPipeline> pipelines = client.dealPipelines();
        StageMapping mapping = StageMapping.derivedFrom(pipelines);
        for (StageMappingEntity stored : StageMappingEntity.forConnection(connection.id)) {
            if (stored.edited) {
                mapping = mapping.with(stored.pipelineId, stored.stageId, new StageMapping.Stage(stored.pipelineLabel,
                        stored.stageLabel, dev.ledgerline.wire.StageCategory.valueOf(stored.category.name()),
                        stored.probability.doubleValue()));
            }
        }
        for (DealPipeline pipeline : pipelines) {
            for (DealPipeline.Stage stage : pipeline.stages()) {
                StageMappingEntity.Key key = new StageMappingEntity.Key();
                key.connectionId = connection.id;
                key.pipelineId = pipeline.id();
                key.stageId = stage.id();
                StageMappingEntity entity = StageMappingEntity.findById(key);
                if (entity != null && entity.edited) {
                    continue;
                }
                StageMapping.Stage mapped = mapping.lookup(pipeline.id(), stage.id()).orElseThrow();
                if (entity == null) {
                    entity = new StageMappingEntity();
                    entity.connectionId = connection.id;
                    entity.pipelineId = pipeline.id();
                    entity.stageId = stage.id();
                }
                entity.pipelineLabel = pipeline.label();
                entity.stageLabel = stage.label();
                entity.category = dev.ledgerline.connector.mapping.StageCategory.valueOf(mapped.category().name());
                entity.probability = BigDecimal.valueOf(mapped.probability() == null ? 0 : mapped.probability());
                entity.persist();
            }
        }
        return mapping;
    }

    private void owners(SyncRun run, HubSpotClient client, HubSpotNormalizer normalizer) {
        perEntity(run, client, "owners", () -> {
            for (boolean archived : new boolean[] {false, true}) {
                Iterator<ObjectPage> pages = client.owners(archived);
                while (pages.hasNext()) {
                    NormalizedBatch<? extends SpecificRecord> batch = normalizer.owners(pages.next().results());
                    run.publish(page("owners", Topics.OWNERS, batch, 0, null));
                }
            }
        });
    }

    /** Commerce objects exist only in portals that use them; elsewhere HubSpot does not know the object type. */
    private static final Set<HubSpotObjectType> OPTIONAL_OBJECTS = EnumSet.of(HubSpotObjectType.INVOICES,
            HubSpotObjectType.PAYMENTS);

    private static void perEntity(SyncRun run, HubSpotClient client, String entity, Runnable work) {
        perEntity(run, client, entity, false, work);
    }

    /**
     * One entity's share of a run: finished when the work completes, skipped and reported when the connection may
     * not read it (missing scope) or, for an object the portal may lack ({@code optional}), when HubSpot answers
     * that it does not know the object type; charged with the API calls it made either way.
     */
    private static void perEntity(SyncRun run, HubSpotClient client, String entity, boolean optional, Runnable work) {
        long calls = client.counters().calls();
        long rateLimited = client.counters().rateLimited();
        try {
            work.run();
            run.finish(entity);
        } catch (MissingScope e) {
            run.skip(entity, "missing HubSpot scopes " + e.requiredScopes() + ": " + e.getMessage());
        } catch (HubSpotException e) {
            if (!optional || !objectTypeUnknown(e)) {
                throw e;
            }
            run.skip(entity, "the HubSpot portal has no " + entity + " (not set up or not in its subscription): "
                    + e.getMessage());
        } finally {
            run.countEntityCalls(entity, client.counters().calls() - calls,
                    client.counters().rateLimited() - rateLimited);
        }
    }

    /**
     * HubSpot answers 400 "Unable to infer object type from: …" for an object type the portal does not have; a 404
     * (no such path) means the same here.
     */
    private static boolean objectTypeUnknown(HubSpotException e) {
        return e.status() == 404 || (e.status() == 400 && e.getMessage().contains("Unable to infer object type"));
    }

    /** How a page of one object type becomes canonical records, given the client for follow-up reads. */
    private interface PageNormalizer {
        NormalizedBatch<? extends SpecificRecord> normalize(List<JsonNode> page, HubSpotClient client, boolean searched);
    }

    private void objects(SyncRun run, HubSpotClient client, HubSpotObjectType type, String topic,
            List<HubSpotObjectType> associatedTypes, PageNormalizer normalizer) {
        String entity = type.apiName();
        List<String> properties = HubSpotProperties.of(type);
        List<String> associations = associatedTypes.stream().map(HubSpotObjectType::apiName).toList();
        perEntity(run, client, entity, OPTIONAL_OBJECTS.contains(type), () -> {
            var cursor = run.cursor(entity);
            if (cursor.isPresent()) {
                try (var pages = new PrefetchingIterator<>(client.search(SearchQuery.changedSince(type,
                        cursor.get().modifiedAt(), LOOKBACK, properties)), "hubspot-" + entity)) {
                    while (pages.hasNext()) {
                        List<JsonNode> results = pages.next().results();
                        run.publish(page(entity, topic, normalizer.normalize(results, client, true), 0,
                                newest(type, results)));
                    }
                }
            } else {
                // The list endpoint is not ordered by modification: the cursor moves only once all is published.
                SyncCursor newest = null;
                try (var pages = new PrefetchingIterator<>(
                        client.list(new ListQuery(type, properties, associations, false, null)), "hubspot-" + entity)) {
                    while (pages.hasNext()) {
                        List<JsonNode> results = pages.next().results();
                        run.publish(page(entity, topic, normalizer.normalize(results, client, false), 0, null));
                        newest = later(newest, newest(type, results));
                    }
                }
                if (newest != null) {
                    run.publish(new SyncRun.Page(entity, topic, List.of(), List.of(), 0, newest));
                }
            }
            deletions(run, client, type, topic, normalizer);
        });
    }

    /**
     * Archived objects become DELETE records. Archiving does not touch the last-modified time, so deletions have a
     * cursor of their own on (archivedAt, id); the list endpoint is not eventually consistent like search, so only
     * objects strictly after that cursor are published.
     */
    private void deletions(SyncRun run, HubSpotClient client, HubSpotObjectType type, String topic,
            PageNormalizer normalizer) {
        String entity = type.apiName();
        SearchPosition after = run.cursor(entity + ARCHIVED)
                .map(cursor -> new SearchPosition(cursor.modifiedAt(), cursor.lastId())).orElse(null);
        SyncCursor newest = null;
        Iterator<ObjectPage> pages = client.list(new ListQuery(type, List.of(type.lastModifiedProperty()), List.of(),
                true, null));
        while (pages.hasNext()) {
            List<JsonNode> archived = pages.next().results().stream()
                    .filter(object -> after == null
                            || new SearchPosition(archivedAt(object), object.path("id").asText()).compareTo(after) > 0)
                    .toList();
            if (!archived.isEmpty()) {
                NormalizedBatch<? extends SpecificRecord> batch = normalizer.normalize(archived, client, false);
                run.publish(page(entity, topic, batch, batch.records().size(), null));
            }
            for (JsonNode object : archived) {
                newest = later(newest, new SyncCursor(archivedAt(object), object.path("id").asText()));
            }
        }
        if (newest != null) {
            run.publish(new SyncRun.Page(entity + ARCHIVED, topic, List.of(), List.of(), 0, newest));
        }
    }

    private static Instant archivedAt(JsonNode object) {
        String archivedAt = object.path("archivedAt").asText(null);
        return archivedAt == null ? Instant.EPOCH : HubSpotValues.instant(archivedAt);
    }

    private static SyncRun.Page page(String entity, String topic, NormalizedBatch<? extends SpecificRecord> batch,
            long deleted, SyncCursor cursor) {
        List<SyncRun.Keyed> records = new ArrayList<>();
        for (SpecificRecord record : batch.records()) {
            String externalId = (String) record.get(record.getSchema().getField("externalId").pos());
            records.add(new SyncRun.Keyed(externalId, record, batch.missing(externalId)));
        }
        List<SyncRun.Rejected> rejected = batch.rejections().stream()
                .map(r -> new SyncRun.Rejected(r.externalId(), r.reason(), r.rawJson())).toList();
        return new SyncRun.Page(entity, topic, records, rejected, deleted, cursor);
    }

    /** The newest (last-modified, id) of a page. */
    private static SyncCursor newest(HubSpotObjectType type, List<JsonNode> results) {
        SearchPosition newest = null;
        for (JsonNode object : results) {
            String modified = object.path("properties").path(type.lastModifiedProperty()).asText(null);
            Instant modifiedAt = modified == null ? null : HubSpotValues.instant(modified);
            if (modifiedAt != null) {
                SearchPosition position = new SearchPosition(modifiedAt, object.path("id").asText());
                newest = newest == null || position.compareTo(newest) > 0 ? position : newest;
            }
        }
        return newest == null ? null : new SyncCursor(newest.modifiedAt(), newest.id());
    }

    private static SyncCursor later(SyncCursor a, SyncCursor b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new SearchPosition(b.modifiedAt(), b.lastId()).compareTo(new SearchPosition(a.modifiedAt(), a.lastId())) > 0
                ? b : a;
    }

    /**
     * Search results carry no associations: read them and put them where list results have them. List results
     * already have them (and simply lack the key for an object without any), so they are left as they are.
     */
    private static List<JsonNode> withAssociations(HubSpotClient client, HubSpotObjectType type,
            List<HubSpotObjectType> targets, List<JsonNode> objects, boolean searched) {
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
    private static Map<String, JsonNode> lineItemsOf(HubSpotClient client, List<JsonNode> parents) {
        Set<String> ids = new LinkedHashSet<>();
        parents.forEach(parent -> parent.path("associations").path("line_items").path("results")
                .forEach(result -> ids.add(result.path("id").asText())));
        if (ids.isEmpty()) {
            return Map.of();
        }
        return client.batchRead(HubSpotObjectType.LINE_ITEMS, ids, HubSpotProperties.of(HubSpotObjectType.LINE_ITEMS))
                .stream().collect(java.util.stream.Collectors.toMap(item -> item.path("id").asText(), Function.identity(),
                        (a, b) -> b));
    }
}
