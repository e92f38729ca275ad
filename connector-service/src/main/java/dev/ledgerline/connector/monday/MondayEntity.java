package dev.ledgerline.connector.monday;

import java.util.List;

/** What a monday board can hold for the connector, and the canonical fields its columns can map to. */
public enum MondayEntity {
    DEALS("deals", List.of("stage", "amount", "expectedCloseDate", "owner", "contacts", "account")),
    LEADS("leads", List.of("status", "email", "phone", "company", "title", "owner")),
    CONTACTS("contacts", List.of("email", "phone", "title", "account", "owner")),
    ACCOUNTS("accounts", List.of("domain", "phone", "industry", "owner")),
    PRODUCTS("products", List.of("price", "sku", "description"));

    private final String runName;
    private final List<String> fields;

    MondayEntity(String runName, List<String> fields) {
        this.runName = runName;
        this.fields = fields;
    }

    /** The entity's name in runs (and the prefix of its boards' cursor keys). */
    public String runName() {
        return runName;
    }

    /** The canonical fields a column of such a board may be mapped to. */
    public List<String> fields() {
        return fields;
    }
}
