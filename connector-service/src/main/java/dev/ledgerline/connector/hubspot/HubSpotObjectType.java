package dev.ledgerline.connector.hubspot;

/** The HubSpot CRM objects the connector reads, with their API names and last-modified properties. */
public enum HubSpotObjectType {
    CONTACTS("contacts", "lastmodifieddate"),
    COMPANIES("companies", "hs_lastmodifieddate"),
    DEALS("deals", "hs_lastmodifieddate"),
    LINE_ITEMS("line_items", "hs_lastmodifieddate"),
    PRODUCTS("products", "hs_lastmodifieddate"),
    LEADS("leads", "hs_lastmodifieddate"),
    INVOICES("invoices", "hs_lastmodifieddate"),
    /** Commerce Hub payments: present only in portals that collect payments through HubSpot or Stripe. */
    PAYMENTS("commerce_payments", "hs_lastmodifieddate");

    private final String apiName;
    private final String lastModifiedProperty;

    HubSpotObjectType(String apiName, String lastModifiedProperty) {
        this.apiName = apiName;
        this.lastModifiedProperty = lastModifiedProperty;
    }

    /** The name in API paths, e.g. {@code line_items}. */
    public String apiName() {
        return apiName;
    }

    /** The property incremental search filters and sorts on; contacts still use the legacy name. */
    public String lastModifiedProperty() {
        return lastModifiedProperty;
    }
}
