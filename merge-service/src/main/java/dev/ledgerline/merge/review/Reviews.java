package dev.ledgerline.merge.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.merge.customer.CustomerEntity;
import dev.ledgerline.merge.customer.LinkRule;
import dev.ledgerline.merge.customer.SourceLinkEntity;
import dev.ledgerline.merge.resolve.CrmRecordEntity;
import dev.ledgerline.merge.resolve.Payloads;
import dev.ledgerline.merge.resolve.RecordState;
import dev.ledgerline.merge.resolve.Resolutions;
import dev.ledgerline.merge.rest.Paging;
import dev.ledgerline.merge.tenant.TenantLock;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Address;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.LinkDecision;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The review queue: listing, one item, and the reviewer's decisions. A decision takes the tenant's lock (so it never
 * interleaves with the consumer of that tenant on any instance), applies at once — the record is linked, its
 * customer published, the deals waiting for it released — and is recorded with who, when and what.
 */
@ApplicationScoped
public class Reviews {
    private final Resolutions resolutions;
    private final TenantLock lock;
    private final Clock clock;
    private final ObjectMapper json;

    Reviews(Resolutions resolutions, TenantLock lock, Clock clock, ObjectMapper json) {
        this.resolutions = resolutions;
        this.lock = lock;
        this.clock = clock;
        this.json = json;
    }

    @Transactional
    public Paging.Page<ReviewViews.Summary> list(String tenantId, ReviewState state, Paging paging) {
        var query = ReviewItemEntity.find("tenantId = ?1 and state = ?2", Sort.by("createdAt").and("id"), tenantId,
                state).page(Page.of(paging.page(), paging.size()));
        List<ReviewViews.Summary> items = query.<ReviewItemEntity>list().stream().map(this::summary).toList();
        return new Paging.Page<>(items, paging.page(), paging.size(), query.count());
    }

    @Transactional
    public ReviewViews.Item get(String tenantId, String id) {
        ReviewItemEntity item = find(tenantId, id);
        return new ReviewViews.Item(item.id, item.state.name(), item.reason.name(), record(item),
                item.customerId, parse(item.candidates), item.createdAt, item.decidedAt);
    }

    @Transactional
    public ReviewViews.Decided merge(String tenantId, String id, String customerId, String actor) {
        if (customerId == null || customerId.isBlank()) {
            throw ProblemException.badField("customerId", "names the customer to merge the record into; required");
        }
        lock.lock(tenantId);
        ReviewItemEntity item = open(tenantId, id);
        CustomerEntity target = CustomerEntity.find(tenantId, customerId);
        if (target == null) {
            throw ProblemException.badField("customerId", "no customer " + customerId + " in tenant " + tenantId);
        }
        while (target.mergedIntoId != null) {
            target = CustomerEntity.findById(target.mergedIntoId);
        }
        CrmRecordEntity record = CrmRecordEntity.findById(item.crmRecordId);
        SourceLinkEntity link = SourceLinkEntity.ofRecord(record.id);
        if (link == null) {
            resolutions.link(record, target.id, LinkDecision.REVIEW_MERGE, LinkRule.REVIEW_MERGE, null, actor,
                    resolutions.normalize(record));
        } else if (!link.customerId.equals(target.id)) {
            resolutions.move(link, record, target.id, LinkDecision.REVIEW_MERGE, LinkRule.REVIEW_MERGE, actor);
        }
        return decide(item, ReviewState.MERGED, "REVIEW_MERGE", target.id, actor, record);
    }

    @Transactional
    public ReviewViews.Decided createCustomer(String tenantId, String id, String actor) {
        lock.lock(tenantId);
        ReviewItemEntity item = open(tenantId, id);
        CrmRecordEntity record = CrmRecordEntity.findById(item.crmRecordId);
        SourceLinkEntity link = SourceLinkEntity.ofRecord(record.id);
        String customerId;
        if (link == null) {
            customerId = resolutions.createCustomer(record, LinkDecision.REVIEW_CREATE, LinkRule.REVIEW_CREATE, actor,
                    resolutions.normalize(record)).id;
        } else {
            customerId = resolutions.newCustomer(record).id;
            resolutions.move(link, record, customerId, LinkDecision.REVIEW_CREATE, LinkRule.REVIEW_CREATE, actor);
        }
        return decide(item, ReviewState.CREATED, "REVIEW_CREATE", customerId, actor, record);
    }

    @Transactional
    public ReviewViews.Decided dismiss(String tenantId, String id, String actor) {
        lock.lock(tenantId);
        ReviewItemEntity item = open(tenantId, id);
        CrmRecordEntity record = CrmRecordEntity.findById(item.crmRecordId);
        if (record.state == RecordState.IN_REVIEW) {
            record.state = RecordState.DISMISSED;
        }
        return decide(item, ReviewState.DISMISSED, "REVIEW_DISMISS", item.customerId, actor, record);
    }

    private ReviewViews.Decided decide(ReviewItemEntity item, ReviewState state, String action, String customerId,
            String actor, CrmRecordEntity record) {
        item.state = state;
        item.decidedAt = clock.instant();
        DecisionEntity decision = new DecisionEntity();
        decision.tenantId = item.tenantId;
        decision.action = action;
        decision.reviewItemId = item.id;
        decision.customerId = customerId;
        decision.actor = actor;
        decision.decidedAt = item.decidedAt;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("record", record.toString());
        details.put("reason", item.reason.name());
        details.put("customerId", customerId);
        decision.details = write(details);
        decision.persist();
        return new ReviewViews.Decided(item.id, state.name(), customerId);
    }

    private ReviewItemEntity open(String tenantId, String id) {
        ReviewItemEntity item = find(tenantId, id);
        if (item.state != ReviewState.OPEN) {
            throw ProblemException.conflict("Review item " + id + " is " + item.state + ", not OPEN");
        }
        return item;
    }

    private static ReviewItemEntity find(String tenantId, String id) {
        ReviewItemEntity item = ReviewItemEntity.find(tenantId, id);
        if (item == null) {
            throw ProblemException.notFound("review item " + id);
        }
        return item;
    }

    private ReviewViews.Summary summary(ReviewItemEntity item) {
        JsonNode candidates = parse(item.candidates);
        Double best = candidates.size() == 0 ? null : candidates.get(0).get("weight").asDouble();
        return new ReviewViews.Summary(item.id, item.state.name(), item.reason.name(), record(item), candidates.size(),
                best, item.createdAt, item.decidedAt);
    }

    private ReviewViews.SourceRecord record(ReviewItemEntity item) {
        CrmRecordEntity record = CrmRecordEntity.findById(item.crmRecordId);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (record.isContact()) {
            Contact contact = Payloads.contact(record.payload);
            fields.put("firstName", contact.getFirstName());
            fields.put("lastName", contact.getLastName());
            fields.put("name", contact.getName());
            fields.put("emails", contact.getEmails());
            fields.put("phones", contact.getPhones());
            fields.put("accountId", contact.getAccountId());
            fields.put("address", address(contact.getAddress()));
        } else {
            Account account = Payloads.account(record.payload);
            fields.put("name", account.getName());
            fields.put("domain", account.getDomain());
            fields.put("phone", account.getPhone());
            fields.put("address", address(account.getAddress()));
        }
        return new ReviewViews.SourceRecord(record.connectionId, record.source, record.entityType, record.externalId,
                json.valueToTree(fields));
    }

    private static Map<String, String> address(Address address) {
        if (address == null) {
            return null;
        }
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("street", address.getStreet());
        parts.put("postalCode", address.getPostalCode());
        parts.put("city", address.getCity());
        parts.put("countryCode", address.getCountryCode());
        return parts;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON does not parse", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
