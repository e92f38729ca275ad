package dev.ledgerline.ledger.customer;

/**
 * What a document says about its customer, strongest first: a customers.v1 id, the CRM account and contact, an
 * email, a name. {@code recordKey} names the record a customer is created for when nothing matches.
 */
public record CustomerHint(String tenantId, String connectionId, String source, String customerId, String accountId,
        String contactId, String email, String name, CustomerOrigin origin, String recordKey) {
}
