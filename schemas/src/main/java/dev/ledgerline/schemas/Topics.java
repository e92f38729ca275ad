package dev.ledgerline.schemas;

import java.util.List;

/** Names of every topic of the suite (DESIGN.md §4). A breaking schema change makes a new major version. */
public final class Topics {
    public static final String TENANTS = "tenants.v1";
    public static final String CONNECTIONS = "crm.connections.v1";
    public static final String OWNERS = "crm.owners.v1";
    public static final String LEADS = "crm.leads.v1";
    public static final String CONTACTS = "crm.contacts.v1";
    public static final String ACCOUNTS = "crm.accounts.v1";
    public static final String DEALS = "crm.deals.v1";
    public static final String PRODUCTS = "crm.products.v1";
    public static final String INVOICES = "crm.invoices.v1";
    public static final String PAYMENTS = "crm.payments.v1";
    public static final String CUSTOMERS = "customers.v1";
    public static final String RESOLVED_DEALS = "deals.resolved.v1";
    public static final String CATALOG_ITEMS = "catalog.items.v1";
    public static final String LEDGER_DOCUMENTS = "ledger.documents.v1";
    public static final String KPI_VALUES = "kpi.values.v1";

    /** Every entity and output topic; each has a dead-letter topic named by {@link #dlq(String)}. */
    public static final List<String> ALL = List.of(
            TENANTS, CONNECTIONS, OWNERS, LEADS, CONTACTS, ACCOUNTS, DEALS, PRODUCTS, INVOICES, PAYMENTS,
            CUSTOMERS, RESOLVED_DEALS, CATALOG_ITEMS, LEDGER_DOCUMENTS, KPI_VALUES);

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of a topic: same key, value a DeadLetter record. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
