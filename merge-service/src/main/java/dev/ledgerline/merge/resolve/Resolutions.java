package dev.ledgerline.merge.resolve;

import dev.ledgerline.merge.customer.CustomerEntity;
import dev.ledgerline.merge.customer.CustomerPublisher;
import dev.ledgerline.merge.customer.LinkRule;
import dev.ledgerline.merge.customer.SourceLinkEntity;
import dev.ledgerline.merge.deal.DealGate;
import dev.ledgerline.merge.identity.Candidate;
import dev.ledgerline.merge.identity.CrmIdentities;
import dev.ledgerline.merge.identity.IdentityKind;
import dev.ledgerline.merge.identity.IdentityNormalizer;
import dev.ledgerline.merge.identity.IdentityRecord;
import dev.ledgerline.merge.identity.IdentityResolver;
import dev.ledgerline.merge.identity.IndexedIdentity;
import dev.ledgerline.merge.identity.MatchSettings;
import dev.ledgerline.merge.identity.ModelParameters;
import dev.ledgerline.merge.identity.NormalizedIdentity;
import dev.ledgerline.merge.identity.RecordRef;
import dev.ledgerline.merge.identity.Resolution;
import dev.ledgerline.merge.review.ReviewItemEntity;
import dev.ledgerline.merge.review.ReviewReason;
import dev.ledgerline.merge.review.ReviewState;
import dev.ledgerline.merge.tenant.ConnectionRules;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.LinkDecision;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The identity rules (README "Rules") applied to one stored contact or account, inside the caller's transaction and
 * under the tenant's lock. {@link #reconsider} brings a record to the state the rules give it now — linked, in
 * review, waiting for its account or out of scope — and is safe to call again: the consumer calls it for every
 * version of a record, a setting change for the records it affects, a deal for the contacts it references.
 */
@ApplicationScoped
public class Resolutions {
    private static final Logger LOG = Logger.getLogger(Resolutions.class);
    /** Where a contact of an account waits, or a record stays until something about it changes. */
    private static final Set<RecordState> HOLDING_ACCOUNT = EnumSet.of(RecordState.LINKED, RecordState.IN_REVIEW,
            RecordState.WAITING_FOR_ACCOUNT);

    private final PostgresCandidateIndex index;
    private final IdentityResolver resolver;
    private final CustomerPublisher customers;
    private final DealGate deals;
    private final Clock clock;
    private final MatchSettings settings;

    Resolutions(PostgresCandidateIndex index, CustomerPublisher customers, DealGate deals, Clock clock,
            @ConfigProperty(name = "ledgerline.merge.default-region") Optional<String> defaultRegion) {
        this.index = index;
        this.resolver = new IdentityResolver(index);
        this.customers = customers;
        this.deals = deals;
        this.clock = clock;
        this.settings = MatchSettings.defaults(defaultRegion.orElse(null));
    }

    public void reconsider(CrmRecordEntity record) {
        reconsider(record, false);
    }

    /** A record deleted in the CRM: no longer a candidate for others; its link and customer stay. */
    public void deleted(CrmRecordEntity record) {
        index.remove(record.tenantId, ref(record));
        supersedeOpenReview(record);
        record.state = RecordState.DELETED;
    }

    private void reconsider(CrmRecordEntity record, boolean neededByContact) {
        if (record.deleted) {
            return;
        }
        SourceLinkEntity link = SourceLinkEntity.ofRecord(record.id);
        if (link != null) {
            refresh(record, link);
            return;
        }
        ConnectionRules rules = ConnectionRules.of(record.tenantId, record.connectionId);
        if (!neededByContact && !inScope(record, rules)) {
            record.state = RecordState.OUT_OF_SCOPE;
            return;
        }
        if (record.isContact() && record.accountId != null) {
            linkToAccount(record);
            return;
        }
        Resolution resolution = resolver.resolve(record.tenantId, identityRecord(record), model(record), settings);
        switch (resolution.outcome()) {
            case LINK -> link(record, resolution.customerId(),
                    resolution.linkReason() == Resolution.LinkReason.SCORE_ABOVE_AUTO_LINK_THRESHOLD
                            ? LinkDecision.SCORE_MATCH : LinkDecision.EXACT_MATCH,
                    LinkRule.valueOf(resolution.linkReason().name()), resolution.best().orElse(null), null,
                    resolution.identity());
            case REVIEW -> openReview(record, ReviewReason.PROBABLE_MATCH, resolution.candidates(), null);
            case NO_MATCH -> {
                if (rules.autoMerge()) {
                    createCustomer(record, LinkDecision.NEW_CUSTOMER, LinkRule.NEW_CUSTOMER, null, resolution.identity());
                } else {
                    openReview(record, ReviewReason.NO_MATCH_AUTO_MERGE_OFF, List.of(), null);
                }
            }
            case INSUFFICIENT_IDENTITY -> openReview(record, ReviewReason.INSUFFICIENT_IDENTITY, List.of(), null);
        }
    }

    /** A contact with an account belongs to the company's customer: resolve the account, then follow it. */
    private void linkToAccount(CrmRecordEntity contact) {
        CrmRecordEntity account = CrmRecordEntity.find(contact.tenantId, contact.connectionId, CrmRecordEntity.ACCOUNT,
                contact.accountId);
        if (account == null || account.deleted) {
            contact.state = RecordState.WAITING_FOR_ACCOUNT;
            return;
        }
        contact.state = RecordState.WAITING_FOR_ACCOUNT;
        SourceLinkEntity accountLink = SourceLinkEntity.ofRecord(account.id);
        if (accountLink == null) {
            // Linking the account links its waiting contacts, this one included.
            reconsider(account, true);
            return;
        }
        link(contact, accountLink.customerId, LinkDecision.EXACT_MATCH, LinkRule.CONTACT_OF_ACCOUNT, null, null,
                normalize(contact));
    }

    /**
     * A linked record changed: its customer is re-published, and if it now matches another customer (a new email
     * or phone that another customer has) a review item says so; the link stays until a reviewer moves it.
     */
    private void refresh(CrmRecordEntity record, SourceLinkEntity link) {
        record.state = RecordState.LINKED;
        index.remove(record.tenantId, ref(record));
        Resolution resolution = resolver.resolve(record.tenantId, identityRecord(record), model(record), settings);
        index.put(record.tenantId, new IndexedIdentity(link.customerId, resolution.identity()));
        List<Candidate> others = resolution.candidates().stream()
                .filter(candidate -> !candidate.customerId().equals(link.customerId)).toList();
        boolean collides = resolution.outcome() == Resolution.Outcome.LINK ? !link.customerId.equals(resolution.customerId())
                : resolution.outcome() == Resolution.Outcome.REVIEW && !others.isEmpty();
        if (collides) {
            openReview(record, ReviewReason.UPDATE_COLLISION, others, link.customerId);
        } else {
            supersedeOpenReview(record);
        }
        customers.publish(CustomerEntity.findById(link.customerId));
    }

    /** Links a record to an existing customer and applies what follows: index, customer, waiting contacts, deals. */
    public SourceLinkEntity link(CrmRecordEntity record, String customerId, LinkDecision decision, LinkRule rule,
            Candidate candidate, String decidedBy, NormalizedIdentity identity) {
        SourceLinkEntity link = new SourceLinkEntity();
        link.tenantId = record.tenantId;
        link.customerId = customerId;
        link.crmRecordId = record.id;
        link.decision = decision.name();
        link.rule = rule.name();
        link.weight = candidate == null ? null : candidate.weight();
        link.explanation = candidate == null ? null : PostgresCandidateIndex.json(ExplainedCandidate.of(candidate));
        link.decidedBy = decidedBy;
        link.linkedAt = clock.instant();
        link.persist();
        record.state = RecordState.LINKED;
        supersedeOpenReview(record);
        index.put(record.tenantId, new IndexedIdentity(customerId, identity));
        customers.publish(CustomerEntity.findById(customerId));
        LOG.debugf("Linked %s to customer %s (%s)", record, customerId, rule);
        if (!record.isContact()) {
            for (CrmRecordEntity contact : CrmRecordEntity.contactsOf(record)) {
                if (contact.state == RecordState.WAITING_FOR_ACCOUNT) {
                    reconsider(contact, true);
                }
            }
        }
        deals.release(record);
        return link;
    }

    /** A new customer made of this record. */
    public CustomerEntity createCustomer(CrmRecordEntity record, LinkDecision decision, LinkRule rule, String decidedBy,
            NormalizedIdentity identity) {
        CustomerEntity customer = newCustomer(record);
        link(record, customer.id, decision, rule, null, decidedBy, identity);
        return customer;
    }

    /** An empty customer for this record, stored at once (links refer to it); published once linked. */
    public CustomerEntity newCustomer(CrmRecordEntity record) {
        CustomerEntity customer = new CustomerEntity();
        customer.id = UUID.randomUUID().toString();
        customer.tenantId = record.tenantId;
        customer.kind = record.isContact() ? "PERSON" : "COMPANY";
        customer.displayName = record.externalId;
        customer.searchText = "";
        customer.createdAt = clock.instant();
        customer.updatedAt = customer.createdAt;
        customer.persistAndFlush();
        return customer;
    }

    /**
     * Moves a linked record to another customer (a reviewer's decision on a collision, or a split): both customers
     * are re-published, a customer left without links is published as merged into the one that took them, and the
     * deals that follow the record are re-published with their new customer.
     */
    public void move(SourceLinkEntity link, CrmRecordEntity record, String toCustomerId, LinkDecision decision,
            LinkRule rule, String decidedBy) {
        String fromCustomerId = link.customerId;
        link.customerId = toCustomerId;
        link.decision = decision.name();
        link.rule = rule.name();
        link.decidedBy = decidedBy;
        link.linkedAt = clock.instant();
        index.put(record.tenantId, new IndexedIdentity(toCustomerId, normalize(record)));
        CustomerEntity from = CustomerEntity.findById(fromCustomerId);
        SourceLinkEntity.flush();
        if (SourceLinkEntity.ofCustomer(fromCustomerId).isEmpty()) {
            customers.publishMerged(from, toCustomerId);
        } else {
            customers.publish(from);
        }
        customers.publish(CustomerEntity.findById(toCustomerId));
        deals.republishFollowing(record);
    }

    public NormalizedIdentity normalize(CrmRecordEntity record) {
        return new IdentityNormalizer(settings.defaultRegion()).normalize(identityRecord(record));
    }

    private boolean inScope(CrmRecordEntity record, ConnectionRules rules) {
        if (rules.allContacts()) {
            return true;
        }
        if (record.isContact()) {
            return !Payloads.contact(record.payload).getDealIds().isEmpty()
                    || deals.referencesContact(record.tenantId, record.connectionId, record.externalId);
        }
        return deals.referencesAccount(record.tenantId, record.connectionId, record.externalId)
                || CrmRecordEntity.contactsOf(record).stream().anyMatch(contact -> HOLDING_ACCOUNT.contains(contact.state));
    }

    private void openReview(CrmRecordEntity record, ReviewReason reason, List<Candidate> candidates, String customerId) {
        ReviewItemEntity item = ReviewItemEntity.openFor(record.id);
        if (item == null) {
            item = new ReviewItemEntity();
            item.id = UUID.randomUUID().toString();
            item.tenantId = record.tenantId;
            item.crmRecordId = record.id;
            item.state = ReviewState.OPEN;
            item.createdAt = clock.instant();
        }
        item.reason = reason;
        item.customerId = customerId;
        item.candidates = PostgresCandidateIndex.json(candidates.stream().map(ExplainedCandidate::of).toList());
        if (!item.isPersistent()) {
            item.persist();
        }
        if (customerId == null) {
            record.state = RecordState.IN_REVIEW;
        }
    }

    private void supersedeOpenReview(CrmRecordEntity record) {
        ReviewItemEntity open = ReviewItemEntity.openFor(record.id);
        if (open != null) {
            open.state = ReviewState.SUPERSEDED;
            open.decidedAt = clock.instant();
        }
    }

    private IdentityRecord identityRecord(CrmRecordEntity record) {
        if (!record.isContact()) {
            return CrmIdentities.company(Payloads.account(record.payload));
        }
        Contact contact = Payloads.contact(record.payload);
        Account account = null;
        if (record.accountId != null) {
            CrmRecordEntity accountRecord = CrmRecordEntity.find(record.tenantId, record.connectionId,
                    CrmRecordEntity.ACCOUNT, record.accountId);
            account = accountRecord == null ? null : Payloads.account(accountRecord.payload);
        }
        return CrmIdentities.person(contact, account);
    }

    private static ModelParameters model(CrmRecordEntity record) {
        return ModelParameters.priors(record.isContact() ? IdentityKind.PERSON : IdentityKind.COMPANY);
    }

    static RecordRef ref(CrmRecordEntity record) {
        return new RecordRef(record.connectionId, record.source,
                record.isContact() ? IdentityKind.PERSON : IdentityKind.COMPANY, record.externalId);
    }
}
