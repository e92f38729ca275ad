package dev.ledgerline.connector.salesforce;

import java.util.List;

/**
 * A Salesforce object the sync reads, as wanted: the fields it needs ({@code required}: without them the object is
 * skipped and reported), the fields it uses where the org has them ({@code optional}: {@code CurrencyIsoCode} only in
 * multi-currency orgs, {@code RecordTypeId} only with record types, custom fields, fields the user may not see), a
 * filter, and child relationships read as subqueries. {@link OrgMetadata#resolve} turns it into what the org has.
 *
 * @param filter SOQL condition every read adds, null for none
 */
record SalesforceObject(String name, List<String> required, List<String> optional, String filter,
        List<Child> children) {

    /**
     * A child relationship read with its parent ({@code (SELECT … FROM OpportunityLineItems)}); only its live rows.
     *
     * @param relationship the relationship name in the parent's query, e.g. {@code OpportunityLineItems}
     * @param object       the child object, e.g. {@code OpportunityLineItem}
     * @param parentField  the child's reference to the parent, e.g. {@code OpportunityId}
     */
    record Child(String relationship, String object, String parentField, List<String> required,
            List<String> optional, String filter) {
    }

    SalesforceObject {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
        children = List.copyOf(children);
    }
}
