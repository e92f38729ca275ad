package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.Crm;
import dev.ledgerline.connector.mapping.DealPipeline;
import dev.ledgerline.connector.mapping.MappingStore;
import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.oauth.OAuthTokenClient;
import dev.ledgerline.connector.oauth.StoredAccessTokens;
import dev.ledgerline.connector.salesforce.OrgMetadata.Resolved;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.connector.sync.ApiCallCounters;
import dev.ledgerline.connector.sync.CrmEntity;
import dev.ledgerline.connector.sync.CrmSession;
import dev.ledgerline.connector.sync.CrmSync;
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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Salesforce's part of a run: users (owners), the stage mapping from {@code OpportunityStage} and the lead-status
 * mapping from {@code LeadStatus}, then accounts, contacts, leads, opportunities (with products and contact roles),
 * products (with their standard price) and invoices where the org has them. Every read is SOQL through
 * {@code queryAll}, so deleted and merged rows arrive as DELETE records:
 * <ul>
 *   <li>incremental: {@code SystemModstamp >= cursor − lookback}, ordered by ({@code SystemModstamp}, {@code Id}),
 *   the cursor stored after every acknowledged page; rows re-read at the boundary (many rows share one second) are
 *   not published again (the run's published versions). Rows of the last few seconds ({@code settle}) are left to
 *   the next run, so that a second in which a row is read is complete.</li>
 *   <li>first or FULL: the same query without the lower bound, or, above {@code bulk-threshold} rows, a Bulk API 2.0
 *   query job (children read by jobs of their own and joined in memory).</li>
 *   <li>children: a change of an opportunity product, a contact role or a standard price does not touch its parent's
 *   {@code SystemModstamp}; each has a stream of its own that reads its changes (deletions included) and publishes
 *   the parents again.</li>
 * </ul>
 * The run may spend a share of the org's remaining daily API calls ({@code api-budget-share}); then it stops,
 * INCOMPLETE, and the next run goes on. {@code REQUEST_LIMIT_EXCEEDED} pauses the connection.
 */
@ApplicationScoped
public class SalesforceSync implements CrmSync {
    /** The pipeline of opportunities without a record type. */
    static final String PIPELINE_LABEL = "Opportunities";
    /** The run entity that reports an org currency the sync could not read. */
    static final String ORG_CURRENCY = "org-currency";
    /** Parents read again per query: their ids keep the query's URL short. */
    static final int IDS_PER_QUERY = 200;

    private final SecretCipher cipher;
    private final OAuthTokenClient tokenClient;
    private final Settings settings;
    private final Map<UUID, OrgMetadata> metadata = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The connector's Salesforce settings ({@code ledgerline.salesforce.*}).
     *
     * @param apiBudgetShare   the share of the org's remaining daily API calls one run may spend
     * @param bulkThreshold    a full read of more rows than this goes through Bulk API 2.0
     * @param bulkPageSize     rows per Bulk API result set
     * @param limitPause       how long a connection pauses after {@code REQUEST_LIMIT_EXCEEDED}
     * @param lookback         how far before its cursor an incremental read starts again
     * @param settle           rows younger than this are left to the next run
     * @param metadataTtl      how long an org's describes are reused
     * @param lossReasonFields custom Opportunity fields that may say why a deal was lost, the first the org has wins
     */
    record Settings(double apiBudgetShare, long bulkThreshold, int bulkPageSize, Duration bulkPollInitial,
            Duration bulkPollMax, Duration limitPause, Duration lookback, Duration settle, Duration metadataTtl,
            List<String> lossReasonFields) {
    }

    SalesforceSync(SecretCipher cipher, OAuthTokenClient tokenClient,
            @ConfigProperty(name = "ledgerline.salesforce.api-budget-share", defaultValue = "0.5") double apiBudgetShare,
            @ConfigProperty(name = "ledgerline.salesforce.bulk-threshold", defaultValue = "10000") long bulkThreshold,
            @ConfigProperty(name = "ledgerline.salesforce.bulk-page-size", defaultValue = "10000") int bulkPageSize,
            @ConfigProperty(name = "ledgerline.salesforce.bulk-poll-initial", defaultValue = "1s") Duration pollInitial,
            @ConfigProperty(name = "ledgerline.salesforce.bulk-poll-max", defaultValue = "30s") Duration pollMax,
            @ConfigProperty(name = "ledgerline.salesforce.limit-pause", defaultValue = "1h") Duration limitPause,
            @ConfigProperty(name = "ledgerline.salesforce.lookback", defaultValue = "2m") Duration lookback,
            @ConfigProperty(name = "ledgerline.salesforce.settle", defaultValue = "5s") Duration settle,
            @ConfigProperty(name = "ledgerline.salesforce.metadata-ttl", defaultValue = "6h") Duration metadataTtl,
            @ConfigProperty(name = "ledgerline.salesforce.loss-reason-fields",
                    defaultValue = "Loss_Reason__c,Closed_Lost_Reason__c,Reason_Lost__c") List<String> lossReasonFields) {
        this.cipher = cipher;
        this.tokenClient = tokenClient;
        this.settings = new Settings(apiBudgetShare, bulkThreshold, bulkPageSize, pollInitial, pollMax, limitPause,
                lookback, settle, metadataTtl, List.copyOf(lossReasonFields));
    }

    @Override
    public Crm crm() {
        return Crm.SALESFORCE;
    }

    @Override
    public CrmSession open(SyncRun run) {
        ConnectionEntity connection = run.connection();
        if (connection.apiBaseUrl == null) {
            throw new IllegalStateException("the connection has no Salesforce instance URL yet: complete its consent");
        }
        return new Session(run, new SalesforceClient(URI.create(connection.apiBaseUrl),
                new StoredAccessTokens(connection, cipher, tokenClient), http, RetryPolicy.defaults(), SyncClock.SYSTEM,
                new ApiBudget(settings.apiBudgetShare()), settings.limitPause()));
    }

    /** One run's Salesforce client, the org as described, and the normaliser. */
    final class Session implements CrmSession {
        private final SyncRun run;
        private final SalesforceClient client;
        /** Rows modified from now on are left to the next run. */
        private final Instant settledBefore;
        /** Where the incremental reads of parent objects started in this run; absent after a full read. */
        private final Map<String, Optional<SyncCursor>> parentStarts = new ConcurrentHashMap<>();
        private OrgMetadata org;
        private SalesforceNormalizer normalizer;

        Session(SyncRun run, SalesforceClient client) {
            this.run = run;
            this.client = client;
            this.settledBefore = SyncClock.SYSTEM.now().minus(settings.settle());
        }

        @Override
        public ApiCallCounters counters() {
            return client.counters();
        }

        @Override
        public void prepare() {
            ConnectionEntity connection = run.connection();
            Instant now = SyncClock.SYSTEM.now();
            org = metadata.compute(connection.id, (id, cached) ->
                    cached != null && cached.readAt().plus(settings.metadataTtl()).isAfter(now) ? cached
                            : OrgMetadata.read(client, now));
            TenantSettingsEntity tenant = run.tenantSettings();
            StageMapping stages = MappingStore.stageMapping(connection.id, List.of(pipeline()));
            var leadStatuses = MappingStore.leadStatusMapping(connection.id, SalesforceLeadStatuses.defaults(
                    client.query("SELECT ApiName, MasterLabel, IsConverted, IsDefault FROM LeadStatus ORDER BY SortOrder")));
            String lossReason = settings.lossReasonFields().stream()
                    .filter(field -> org.hasField(client, "Opportunity", field)).findFirst().orElse(null);
            normalizer = new SalesforceNormalizer(new SalesforceNormalizer.Settings(connection.tenantId,
                    connection.id.toString(), orgCurrencies(tenant), ZoneId.of(tenant.timeZone), stages, leadStatuses,
                    lossReason, connection.syncInvoicesSince), SyncClock.SYSTEM);
        }

        /** Opportunity stages as one pipeline: category from IsClosed/IsWon, probability from DefaultProbability. */
        private DealPipeline pipeline() {
            List<DealPipeline.Stage> stages = new ArrayList<>();
            for (ObjectNode row : client.query("SELECT ApiName, MasterLabel, IsClosed, IsWon, DefaultProbability"
                    + " FROM OpportunityStage ORDER BY SortOrder")) {
                SalesforceRecord stage = new SalesforceRecord(row);
                var probability = stage.decimal("DefaultProbability");
                stages.add(new DealPipeline.Stage(stage.requiredText("ApiName"), stage.text("MasterLabel"),
                        Boolean.TRUE.equals(stage.bool("IsClosed")), Boolean.TRUE.equals(stage.bool("IsWon")),
                        probability == null ? null : probability.movePointLeft(2).doubleValue()));
            }
            return new DealPipeline(StageMapping.DEFAULT_PIPELINE, PIPELINE_LABEL, stages);
        }

        /**
         * The currency of amounts without one of their own — a multi-currency org's corporate currency, else the org's
         * one currency — and a multi-currency org's conversion rates. An org whose currency cannot be read falls back
         * on the home currency, and the run says so.
         */
        private OrgCurrencies orgCurrencies(TenantSettingsEntity tenant) {
            if (org.multiCurrency(client)) {
                String corporate = null;
                Map<String, BigDecimal> rates = new HashMap<>();
                for (ObjectNode row : client.query(
                        "SELECT IsoCode, ConversionRate, IsCorporate FROM CurrencyType WHERE IsActive = true")) {
                    SalesforceRecord currency = new SalesforceRecord(row);
                    if (Boolean.TRUE.equals(currency.bool("IsCorporate"))) {
                        corporate = currency.text("IsoCode");
                    }
                    BigDecimal rate = currency.decimal("ConversionRate");
                    if (currency.text("IsoCode") != null && rate != null) {
                        rates.put(currency.text("IsoCode").toUpperCase(Locale.ROOT), rate);
                    }
                }
                if (corporate != null) {
                    return new OrgCurrencies(corporate, rates);
                }
            } else if (org.has("Organization") && org.hasField(client, "Organization", "DefaultCurrencyIsoCode")) {
                String currency = client.query("SELECT DefaultCurrencyIsoCode FROM Organization").stream()
                        .map(row -> new SalesforceRecord(row).text("DefaultCurrencyIsoCode")).findFirst().orElse(null);
                if (currency != null) {
                    return OrgCurrencies.single(currency);
                }
            }
            run.skip(ORG_CURRENCY, "the org's currency is not readable: amounts are taken to be in the home currency "
                    + tenant.homeCurrency);
            return OrgCurrencies.single(tenant.homeCurrency);
        }

        @Override
        public List<CrmEntity> entities() {
            SalesforceObject opportunity = SalesforceObjects.opportunity(settings.lossReasonFields());
            List<CrmEntity> entities = new ArrayList<>();
            entities.add(entity(SalesforceObjects.USER, Topics.OWNERS, (records, floors) -> normalizer.owners(records)));
            entities.add(entity(SalesforceObjects.ACCOUNT, Topics.ACCOUNTS,
                    (records, floors) -> normalizer.accounts(records)));
            entities.add(entity(SalesforceObjects.CONTACT, Topics.CONTACTS,
                    (records, floors) -> normalizer.contacts(records)));
            entities.add(entity(SalesforceObjects.LEAD, Topics.LEADS, (records, floors) -> normalizer.leads(records)));
            PageNormalizer deals =
                    (records, floors) -> normalizer.deals(records, floors);
            entities.add(entity(opportunity, Topics.DEALS, deals));
            entities.add(children(opportunity, SalesforceObjects.LINE_ITEMS, Topics.DEALS, deals));
            entities.add(children(opportunity, SalesforceObjects.CONTACT_ROLES, Topics.DEALS, deals));
            if (run.connection().syncProducts) {
                PageNormalizer products =
                        (records, floors) -> normalizer.products(records, floors);
                entities.add(entity(SalesforceObjects.PRODUCT, Topics.PRODUCTS, products));
                entities.add(children(SalesforceObjects.PRODUCT, SalesforceObjects.STANDARD_PRICES, Topics.PRODUCTS,
                        products));
            }
            entities.add(entity(SalesforceObjects.INVOICE, Topics.INVOICES,
                    (records, floors) -> normalizer.invoices(records)));
            return entities;
        }

        @Override
        public FailureVerdict classify(RuntimeException failure, String entity) {
            if (failure instanceof OrgMetadata.ObjectUnavailable) {
                return FailureVerdict.skip(failure.getMessage());
            }
            if (failure instanceof SalesforceException e && entity != null && (e.status() == 403
                    || "INVALID_TYPE".equals(e.errorCode()) || "INSUFFICIENT_ACCESS".equals(e.errorCode()))) {
                return FailureVerdict.skip("Salesforce does not let the connected user read " + entity + ": "
                        + e.getMessage());
            }
            return FailureVerdict.fail();
        }

        /** An object's own rows: incrementally from the cursor, or all of them (through Bulk API when many). */
        private CrmEntity entity(SalesforceObject wanted, String topic,
                PageNormalizer pages) {
            EntityStream stream = EntityStream.of(wanted.name(), from -> {
                Resolved object = org.resolve(client, wanted);
                parentStarts.put(wanted.name(), from);
                List<String> conditions = new ArrayList<>(List.of(settledBound()));
                if (from.isPresent()) {
                    conditions.add(0, lowerBound(from.get()));
                } else {
                    long rows = client.count("SELECT COUNT() FROM " + object.object()
                            + Soql.where(object.filter(), conditions));
                    if (rows > settings.bulkThreshold()) {
                        return bulkRead(object, conditions, pages);
                    }
                }
                String soql = Soql.select(object, true, conditions, "SystemModstamp, Id");
                return Pages.map(client.queryAll(soql), page -> StreamPage.ordered(
                        pages.normalize(page.records(), Map.of()), lastOf(page.records())));
            });
            return CrmEntity.of(wanted.name(), topic, stream);
        }

        /**
         * A full read through Bulk API 2.0: each child relationship by a job of its own, held in memory by parent,
         * then the parents' job, set by set, each parent given its children as a subquery would.
         */
        private Iterator<StreamPage> bulkRead(Resolved object, List<String> conditions,
                PageNormalizer pages) {
            Map<String, Map<String, List<ObjectNode>>> childrenByRelationship = new LinkedHashMap<>();
            for (Resolved.Child child : object.children()) {
                List<String> fields = new ArrayList<>(child.fields());
                if (!fields.contains(child.wanted().parentField())) {
                    fields.add(child.wanted().parentField());
                }
                Map<String, List<ObjectNode>> byParent = new HashMap<>();
                try (BulkQuery rows = bulk("SELECT " + String.join(", ", fields) + " FROM " + child.wanted().object()
                        + Soql.where(child.filter(), List.of()))) {
                    rows.forEachRemaining(set -> set.forEach(row -> byParent.computeIfAbsent(
                            new SalesforceRecord(row).text(child.wanted().parentField()), id -> new ArrayList<>()).add(row)));
                }
                childrenByRelationship.put(child.wanted().relationship(), byParent);
            }
            BulkQuery parents = bulk(Soql.select(object, false, conditions, null));
            return new ClosingPages(parents, Pages.map(parents, set -> {
                for (ObjectNode parent : set) {
                    String id = SalesforceRecord.idOf(parent);
                    childrenByRelationship.forEach((relationship, byParent) -> {
                        List<ObjectNode> children = byParent.getOrDefault(id, List.of());
                        ObjectNode subquery = parent.putObject(relationship);
                        subquery.put("totalSize", children.size()).put("done", true).putArray("records").addAll(children);
                    });
                }
                return StreamPage.unordered(pages.normalize(set, Map.of()), newestOf(set));
            }));
        }

        /**
         * A child object's changes, deletions included, which publish their parents again: read in
         * ({@code SystemModstamp}, {@code Id}) order from the stream's cursor or, the first time, from where this run's
         * incremental read of the parent started. After a full read of the parent, which brought every child along,
         * the stream only takes its position at the newest child.
         */
        private CrmEntity children(SalesforceObject parentWanted, SalesforceObject.Child wanted, String topic,
                PageNormalizer pages) {
            String childObject = wanted.object();
            EntityStream stream = EntityStream.of(childObject, from -> {
                Resolved parent = org.resolve(client, parentWanted);
                Resolved.Child child = parent.children().stream().filter(c -> c.wanted() == wanted).findFirst()
                        .orElseThrow(() -> new OrgMetadata.ObjectUnavailable("the org has no " + childObject
                                + " object, or the connected user may not query it"));
                String filter = wanted.filter();
                Optional<SyncCursor> start = from.or(() -> parentStarts.getOrDefault(parentWanted.name(),
                        Optional.empty()));
                if (start.isEmpty()) {
                    String newest = "SELECT Id, SystemModstamp FROM " + childObject
                            + Soql.where(filter, List.of(settledBound())) + " ORDER BY SystemModstamp DESC, Id DESC LIMIT 1";
                    List<ObjectNode> rows = client.queryAll(newest).next().records();
                    SyncCursor position = rows.isEmpty() ? new SyncCursor(settledBefore, "") : lastOf(rows);
                    return List.of(StreamPage.ordered(pages.normalize(List.of(), Map.of()), position)).iterator();
                }
                String parentField = wanted.parentField();
                String changes = "SELECT Id, " + parentField + ", SystemModstamp FROM " + childObject
                        + Soql.where(filter, List.of(lowerBound(start.get()), settledBound()))
                        + " ORDER BY SystemModstamp, Id";
                return Pages.map(client.queryAll(changes), page -> {
                    Map<String, Instant> floors = new LinkedHashMap<>();
                    for (ObjectNode row : page.records()) {
                        SalesforceRecord changed = new SalesforceRecord(row);
                        SyncCursor position = new SyncCursor(changed.instant("SystemModstamp"), changed.id());
                        // The row the cursor names was published with its parent before the cursor moved to it.
                        if (from.isPresent() && position.equals(from.get()) || changed.text(parentField) == null) {
                            continue;
                        }
                        floors.merge(changed.text(parentField), position.modifiedAt(),
                                (a, b) -> a.isAfter(b) ? a : b);
                    }
                    List<ObjectNode> parents = new ArrayList<>();
                    List<String> ids = new ArrayList<>(floors.keySet());
                    for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
                        String soql = Soql.select(parent, true, List.of("Id IN (" + Soql.ids(ids.subList(i,
                                Math.min(i + IDS_PER_QUERY, ids.size()))) + ")"), null);
                        client.queryAll(soql).forEachRemaining(read -> parents.addAll(read.records()));
                    }
                    return StreamPage.ordered(pages.normalize(parents, floors), lastOf(page.records()));
                });
            });
            return CrmEntity.of(childObject, topic, stream);
        }

        private BulkQuery bulk(String soql) {
            return new BulkQuery(client, soql, settings.bulkPollInitial(), settings.bulkPollMax(),
                    settings.bulkPageSize());
        }

        private String lowerBound(SyncCursor from) {
            return "SystemModstamp >= " + Soql.dateTime(from.modifiedAt().minus(settings.lookback()));
        }

        private String settledBound() {
            return "SystemModstamp < " + Soql.dateTime(settledBefore);
        }
    }

    /** How a page of records becomes canonical records, given the child changes that made the run read them again. */
    private interface PageNormalizer {
        NormalizedBatch<? extends SpecificRecord> normalize(List<ObjectNode> records, Map<String, Instant> versionFloors);
    }

    /** The position of the last row of a page in the query's order. */
    private static SyncCursor lastOf(List<ObjectNode> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        SalesforceRecord last = new SalesforceRecord(rows.get(rows.size() - 1));
        Instant modified = last.instant(SalesforceObjects.SYSTEM_MODSTAMP);
        return modified == null ? null : new SyncCursor(modified, last.id());
    }

    /** The newest position among rows in no particular order. */
    private static SyncCursor newestOf(List<ObjectNode> rows) {
        SyncCursor newest = null;
        for (ObjectNode row : rows) {
            SalesforceRecord record = new SalesforceRecord(row);
            Instant modified = record.instant(SalesforceObjects.SYSTEM_MODSTAMP);
            String id = SalesforceRecord.idOf(row);
            if (modified != null && id != null) {
                SyncCursor position = new SyncCursor(modified, id);
                if (newest == null || position.modifiedAt().isAfter(newest.modifiedAt())
                        || position.modifiedAt().equals(newest.modifiedAt()) && id.compareTo(newest.lastId()) > 0) {
                    newest = position;
                }
            }
        }
        return newest;
    }

    /** Pages of a Bulk API read that delete the job when the run closes them before the end. */
    private record ClosingPages(BulkQuery job, Iterator<StreamPage> pages) implements Iterator<StreamPage>, AutoCloseable {
        @Override
        public boolean hasNext() {
            return pages.hasNext();
        }

        @Override
        public StreamPage next() {
            return pages.next();
        }

        @Override
        public void close() {
            job.close();
        }
    }
}
