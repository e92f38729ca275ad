package dev.ledgerline.ledger.customer;

import dev.ledgerline.ledger.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finds the ledger customer of a document: by its customers.v1 id, else the customer linked to the document's CRM
 * account or contact (customers.v1 source links), else by email, else creates one, counts it
 * ({@code ledgerline_ledger_customers_created_total}) and logs it. A created customer keeps the email and the
 * account/contact, so that the customers.v1 record naming them later claims it instead of making a second one.
 */
@ApplicationScoped
public class CustomerResolver {
    private static final Logger LOG = Logger.getLogger(CustomerResolver.class);

    private final MeterRegistry registry;
    private final Clock clock;

    CustomerResolver(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Trimmed, lower-case email, or null for none (customers.v1 emails are normalised the same way). */
    public static String normalise(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID resolve(CustomerHint hint) {
        if (hint.customerId() != null) {
            LedgerCustomerEntity known = LedgerCustomerEntity.byCustomerId(hint.tenantId(), hint.customerId());
            return known != null ? canonical(known).id : placeholder(hint).id;
        }
        UUID linked = linked(hint, CustomerLinkEntity.ACCOUNT, hint.accountId());
        if (linked == null) {
            linked = linked(hint, CustomerLinkEntity.CONTACT, hint.contactId());
        }
        if (linked != null) {
            return canonical(linked);
        }
        String email = normalise(hint.email());
        if (email != null) {
            CustomerEmailEntity known = CustomerEmailEntity.findById(new CustomerEmailEntity.Key(hint.tenantId(), email));
            if (known != null) {
                return canonical(known.customer);
            }
        }
        return create(hint, email).id;
    }

    /** The ledger id of the customers.v1 customer with the given id, when the ledger made it for that id. */
    static UUID idOf(String tenantId, String customerId) {
        return Ids.of("customer", tenantId, "id", customerId);
    }

    /** The customer that absorbed the given one (itself when it was never merged). */
    public UUID canonical(UUID customer) {
        return canonical((LedgerCustomerEntity) LedgerCustomerEntity.findById(customer)).id;
    }

    private static LedgerCustomerEntity canonical(LedgerCustomerEntity customer) {
        return customer.mergedIntoId == null ? customer : LedgerCustomerEntity.findById(customer.mergedIntoId);
    }

    private UUID linked(CustomerHint hint, String entityType, String externalId) {
        if (externalId == null || hint.connectionId() == null) {
            return null;
        }
        CustomerLinkEntity link = CustomerLinkEntity.findById(new CustomerLinkEntity.Key(hint.tenantId(),
                hint.connectionId(), hint.source(), entityType, externalId));
        return link == null ? null : link.customer;
    }

    /** A customer named by its customers.v1 id before that record arrived; the record fills it in. */
    private LedgerCustomerEntity placeholder(CustomerHint hint) {
        LedgerCustomerEntity customer = newCustomer(idOf(hint.tenantId(), hint.customerId()), hint,
                hint.name() != null ? hint.name() : "Customer " + hint.customerId());
        customer.customerId = hint.customerId();
        customer.persist();
        return customer;
    }

    private LedgerCustomerEntity create(CustomerHint hint, String email) {
        UUID id = email != null
                ? Ids.of("customer", hint.tenantId(), "email", email)
                : Ids.of("customer", hint.tenantId(), "record", hint.recordKey());
        LedgerCustomerEntity existing = LedgerCustomerEntity.findById(id);
        if (existing != null) {
            return canonical(existing);
        }
        String name = hint.name() != null && !hint.name().isBlank() ? hint.name().trim()
                : email != null ? email : "Unnamed customer of " + hint.recordKey();
        LedgerCustomerEntity customer = newCustomer(id, hint, name);
        customer.email = email;
        customer.persist();
        if (email != null) {
            CustomerEmailEntity row = new CustomerEmailEntity();
            row.tenantId = hint.tenantId();
            row.email = email;
            row.customer = id;
            row.persist();
        }
        link(hint, CustomerLinkEntity.ACCOUNT, hint.accountId(), id);
        link(hint, CustomerLinkEntity.CONTACT, hint.contactId(), id);
        registry.counter("ledgerline.ledger.customers.created", "origin", hint.origin().name()).increment();
        LOG.infof("Created ledger customer %s of tenant %s for %s: no customer link or email matched", id,
                hint.tenantId(), hint.recordKey());
        return customer;
    }

    private void link(CustomerHint hint, String entityType, String externalId, UUID customer) {
        if (externalId == null || hint.connectionId() == null) {
            return;
        }
        CustomerLinkEntity link = new CustomerLinkEntity();
        link.tenantId = hint.tenantId();
        link.connectionId = hint.connectionId();
        link.source = hint.source();
        link.entityType = entityType;
        link.externalId = externalId;
        link.customer = customer;
        link.persist();
    }

    private LedgerCustomerEntity newCustomer(UUID id, CustomerHint hint, String name) {
        Instant now = clock.instant();
        LedgerCustomerEntity customer = new LedgerCustomerEntity();
        customer.id = id;
        customer.tenantId = hint.tenantId();
        customer.displayName = name;
        customer.origin = hint.origin();
        customer.createdAt = now;
        customer.updatedAt = now;
        return customer;
    }
}
