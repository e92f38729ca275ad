package dev.ledgerline.merge.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.merge.deal.DealGate;
import dev.ledgerline.merge.resolve.CrmRecordEntity;
import dev.ledgerline.merge.resolve.PostgresCandidateIndex;
import dev.ledgerline.merge.resolve.Resolutions;
import dev.ledgerline.merge.rest.Paging;
import dev.ledgerline.merge.review.DecisionEntity;
import dev.ledgerline.merge.tenant.TenantLock;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.wire.LinkDecision;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Customers as the API shows them, and the two decisions on existing customers: merging a duplicate found late into
 * another customer, and splitting a wrongly linked source record off into a customer of its own. Both take the
 * tenant's lock, re-publish what they change (customers and the deals that follow them) and are recorded.
 */
@ApplicationScoped
public class Customers {
    private final Resolutions resolutions;
    private final CustomerPublisher publisher;
    private final PostgresCandidateIndex index;
    private final DealGate deals;
    private final TenantLock lock;
    private final Clock clock;
    private final ObjectMapper json;

    Customers(Resolutions resolutions, CustomerPublisher publisher, PostgresCandidateIndex index, DealGate deals,
            TenantLock lock, Clock clock, ObjectMapper json) {
        this.resolutions = resolutions;
        this.publisher = publisher;
        this.index = index;
        this.deals = deals;
        this.lock = lock;
        this.clock = clock;
        this.json = json;
    }

    /** Customers of the tenant (merged ones left out), by name; {@code search} matches name or email. */
    @Transactional
    public Paging.Page<CustomerViews.Summary> list(String tenantId, String search, Paging paging) {
        String term = search == null || search.isBlank() ? null
                : "%" + search.trim().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
        var query = term == null
                ? CustomerEntity.find("tenantId = ?1 and mergedIntoId is null", Sort.by("displayName").and("id"), tenantId)
                : CustomerEntity.find("tenantId = ?1 and mergedIntoId is null and searchText like ?2",
                        Sort.by("displayName").and("id"), tenantId, term);
        query.page(Page.of(paging.page(), paging.size()));
        List<CustomerViews.Summary> items = query.<CustomerEntity>list().stream()
                .map(c -> new CustomerViews.Summary(c.id, c.kind, c.displayName, c.email,
                        (int) SourceLinkEntity.count("customerId", c.id), c.updatedAt))
                .toList();
        return new Paging.Page<>(items, paging.page(), paging.size(), query.count());
    }

    @Transactional
    public CustomerViews.Detail get(String tenantId, String id) {
        CustomerEntity customer = find(tenantId, id, "id");
        List<CustomerViews.Link> links = SourceLinkEntity.ofCustomer(id).stream().map(this::view).toList();
        return new CustomerViews.Detail(customer.id, customer.kind, customer.displayName, customer.email,
                customer.mergedIntoId, links, customer.createdAt, customer.updatedAt);
    }

    @Transactional
    public CustomerViews.Detail merge(String tenantId, String id, String intoId, String actor) {
        if (intoId == null || intoId.isBlank()) {
            throw ProblemException.badField("intoCustomerId", "names the customer that absorbs this one; required");
        }
        if (intoId.equals(id)) {
            throw ProblemException.badField("intoCustomerId", "must be another customer than " + id);
        }
        lock.lock(tenantId);
        CustomerEntity merged = active(find(tenantId, id, "id"));
        CustomerEntity survivor = active(find(tenantId, intoId, "intoCustomerId"));
        for (SourceLinkEntity link : SourceLinkEntity.ofCustomer(merged.id)) {
            link.customerId = survivor.id;
            link.rule = LinkRule.CUSTOMER_MERGE.name();
            link.decidedBy = actor;
        }
        SourceLinkEntity.flush();
        index.reassign(tenantId, merged.id, survivor.id);
        publisher.publish(survivor);
        publisher.publishMerged(merged, survivor.id);
        deals.republishCustomer(tenantId, merged.id, survivor.id);
        record(tenantId, "CUSTOMER_MERGE", survivor.id, actor, Map.of("merged", merged.id, "into", survivor.id));
        return get(tenantId, survivor.id);
    }

    /** Splits one source link off its customer into a new customer; returns the new customer. */
    @Transactional
    public CustomerViews.Detail split(String tenantId, String id, long linkId, String actor) {
        lock.lock(tenantId);
        CustomerEntity customer = active(find(tenantId, id, "id"));
        SourceLinkEntity link = SourceLinkEntity.findById(linkId);
        if (link == null || !link.customerId.equals(customer.id)) {
            throw ProblemException.notFound("source link " + linkId + " of customer " + id);
        }
        if (SourceLinkEntity.count("customerId", customer.id) < 2) {
            throw ProblemException.conflict("Source link " + linkId + " is the only one of customer " + id
                    + "; there is nothing to split it from");
        }
        CrmRecordEntity record = CrmRecordEntity.findById(link.crmRecordId);
        CustomerEntity created = resolutions.newCustomer(record);
        resolutions.move(link, record, created.id, LinkDecision.REVIEW_CREATE, LinkRule.SPLIT, actor);
        record(tenantId, "LINK_SPLIT", created.id, actor, Map.of("from", customer.id, "record", record.toString()));
        return get(tenantId, created.id);
    }

    private void record(String tenantId, String action, String customerId, String actor, Map<String, String> what) {
        DecisionEntity decision = new DecisionEntity();
        decision.tenantId = tenantId;
        decision.action = action;
        decision.customerId = customerId;
        decision.actor = actor;
        decision.decidedAt = clock.instant();
        try {
            decision.details = json.writeValueAsString(new LinkedHashMap<>(what));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        decision.persist();
    }

    private CustomerViews.Link view(SourceLinkEntity link) {
        CrmRecordEntity record = CrmRecordEntity.findById(link.crmRecordId);
        try {
            return new CustomerViews.Link(link.id, record.connectionId, record.source, record.entityType,
                    record.externalId, link.decision, link.rule, link.weight,
                    link.explanation == null ? null : json.readTree(link.explanation), link.decidedBy, link.linkedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored explanation does not parse", e);
        }
    }

    private static CustomerEntity find(String tenantId, String id, String field) {
        CustomerEntity customer = CustomerEntity.find(tenantId, id);
        if (customer == null) {
            if ("id".equals(field)) {
                throw ProblemException.notFound("customer " + id);
            }
            throw ProblemException.badField(field, "no customer " + id + " in tenant " + tenantId);
        }
        return customer;
    }

    private static CustomerEntity active(CustomerEntity customer) {
        if (customer.mergedIntoId != null) {
            throw ProblemException.conflict("Customer " + customer.id + " was merged into " + customer.mergedIntoId);
        }
        return customer;
    }
}
