package dev.ledgerline.ledger.customer;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.SourceLink;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * customers.v1: the customers postings are matched with, by source link and email. A customer the ledger created
 * earlier for the same email or CRM contact/account is claimed (gets the customers.v1 id) rather than duplicated; a
 * customer merged into another hands its emails and links to the survivor, on which its receivables are reported.
 */
@Singleton
public class CustomerHandler extends RecordHandler<Customer> {
    private final Clock clock;

    CustomerHandler(Clock clock) {
        super(Topics.CUSTOMERS, Customer.class, Customer::getTenantId);
        this.clock = clock;
    }

    @Override
    public Outcome handle(Customer record) {
        LedgerCustomerEntity customer = LedgerCustomerEntity.byCustomerId(record.getTenantId(), record.getCustomerId());
        if (customer != null && customer.sourceUpdatedAt != null
                && record.getUpdatedAt().isBefore(customer.sourceUpdatedAt)) {
            return Outcome.STALE;
        }
        return record.getOp() == Op.DELETE ? delete(record, customer) : upsert(record, customer);
    }

    private Outcome upsert(Customer record, LedgerCustomerEntity known) {
        Instant now = clock.instant();
        LedgerCustomerEntity customer = known != null ? known : claimable(record);
        boolean created = customer == null;
        if (created) {
            customer = new LedgerCustomerEntity();
            customer.id = CustomerResolver.idOf(record.getTenantId(), record.getCustomerId());
            customer.tenantId = record.getTenantId();
            customer.createdAt = now;
        }
        customer.customerId = record.getCustomerId();
        customer.origin = CustomerOrigin.CUSTOMERS;
        customer.displayName = record.getDisplayName();
        customer.email = CustomerResolver.normalise(record.getEmail());
        customer.sourceUpdatedAt = record.getUpdatedAt();
        customer.updatedAt = now;
        if (created) {
            customer.persist();
        }
        for (String email : emails(record)) {
            CustomerEmailEntity row = CustomerEmailEntity.findById(new CustomerEmailEntity.Key(record.getTenantId(), email));
            if (row == null) {
                row = new CustomerEmailEntity();
                row.tenantId = record.getTenantId();
                row.email = email;
                row.customer = customer.id;
                row.persist();
            }
            row.customer = customer.id;
        }
        for (SourceLink source : record.getSourceLinks()) {
            var key = linkKey(record.getTenantId(), source);
            CustomerLinkEntity link = CustomerLinkEntity.findById(key);
            if (link == null) {
                link = new CustomerLinkEntity();
                link.tenantId = key.tenantId();
                link.connectionId = key.connectionId();
                link.source = key.source();
                link.entityType = key.entityType();
                link.externalId = key.externalId();
                link.customer = customer.id;
                link.persist();
            }
            link.customer = customer.id;
        }
        return Outcome.APPLIED;
    }

    /** A customer the ledger created (no customers.v1 id yet) for one of the record's emails or source links. */
    private static LedgerCustomerEntity claimable(Customer record) {
        for (String email : emails(record)) {
            CustomerEmailEntity row = CustomerEmailEntity.findById(new CustomerEmailEntity.Key(record.getTenantId(), email));
            LedgerCustomerEntity candidate = row == null ? null : LedgerCustomerEntity.findById(row.customer);
            if (candidate != null && candidate.customerId == null) {
                return candidate;
            }
        }
        for (SourceLink source : record.getSourceLinks()) {
            CustomerLinkEntity link = CustomerLinkEntity.findById(linkKey(record.getTenantId(), source));
            LedgerCustomerEntity candidate = link == null ? null : LedgerCustomerEntity.findById(link.customer);
            if (candidate != null && candidate.customerId == null) {
                return candidate;
            }
        }
        return null;
    }

    private Outcome delete(Customer record, LedgerCustomerEntity absorbed) {
        if (absorbed == null) {
            return Outcome.IGNORED;
        }
        absorbed.sourceUpdatedAt = record.getUpdatedAt();
        absorbed.updatedAt = clock.instant();
        String survivorId = record.getMergedIntoCustomerId();
        if (survivorId == null) {
            // Gone from the CRM: its documents stay, but new postings no longer find it.
            CustomerEmailEntity.delete("customer", absorbed.id);
            CustomerLinkEntity.delete("customer", absorbed.id);
            return Outcome.APPLIED;
        }
        LedgerCustomerEntity survivor = LedgerCustomerEntity.byCustomerId(record.getTenantId(), survivorId);
        if (survivor == null) {
            survivor = new LedgerCustomerEntity();
            survivor.id = CustomerResolver.idOf(record.getTenantId(), survivorId);
            survivor.tenantId = record.getTenantId();
            survivor.customerId = survivorId;
            survivor.displayName = absorbed.displayName;
            survivor.origin = CustomerOrigin.CUSTOMERS;
            survivor.createdAt = absorbed.updatedAt;
            survivor.updatedAt = absorbed.updatedAt;
            survivor.persist();
        }
        UUID target = survivor.mergedIntoId != null ? survivor.mergedIntoId : survivor.id;
        if (target.equals(absorbed.id)) {
            return Outcome.IGNORED;
        }
        absorbed.mergedIntoId = target;
        LedgerCustomerEntity.update("mergedIntoId = ?1 where mergedIntoId = ?2", target, absorbed.id);
        CustomerEmailEntity.update("customer = ?1 where customer = ?2", target, absorbed.id);
        CustomerLinkEntity.update("customer = ?1 where customer = ?2", target, absorbed.id);
        return Outcome.APPLIED;
    }

    private static Set<String> emails(Customer record) {
        Set<String> emails = new LinkedHashSet<>();
        String primary = CustomerResolver.normalise(record.getEmail());
        if (primary != null) {
            emails.add(primary);
        }
        record.getEmails().forEach(email -> {
            String normalised = CustomerResolver.normalise(email);
            if (normalised != null) {
                emails.add(normalised);
            }
        });
        return emails;
    }

    private static CustomerLinkEntity.Key linkKey(String tenantId, SourceLink source) {
        return new CustomerLinkEntity.Key(tenantId, source.getConnectionId(), source.getSource().name(),
                source.getEntityType().name(), source.getExternalId());
    }
}
