package dev.ledgerline.ledger.customer;

import dev.ledgerline.ledger.rest.CustomerRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Customers as the REST views show them: the surviving customer of a merge, with its customers.v1 id. */
@ApplicationScoped
public class CustomerRefs {

    /** The refs of the given ledger customers (nulls skipped), each the customer that absorbed it if merged. */
    public Map<UUID, CustomerRef> of(Collection<UUID> ids) {
        Set<UUID> wanted = ids.stream().filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        if (wanted.isEmpty()) {
            return Map.of();
        }
        List<LedgerCustomerEntity> customers = LedgerCustomerEntity.list("id in ?1", wanted);
        Set<UUID> survivors = customers.stream().map(c -> c.mergedIntoId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        Map<UUID, LedgerCustomerEntity> byId = new HashMap<>();
        customers.forEach(customer -> byId.put(customer.id, customer));
        if (!survivors.isEmpty()) {
            LedgerCustomerEntity.<LedgerCustomerEntity>list("id in ?1", survivors)
                    .forEach(customer -> byId.put(customer.id, customer));
        }
        Map<UUID, CustomerRef> refs = new HashMap<>();
        for (LedgerCustomerEntity customer : customers) {
            LedgerCustomerEntity shown = customer.mergedIntoId == null ? customer : byId.get(customer.mergedIntoId);
            refs.put(customer.id, new CustomerRef(shown.id, shown.customerId, shown.displayName, shown.origin.name()));
        }
        return refs;
    }
}
