package dev.ledgerline.simulator.hubspot;

import dev.ledgerline.simulator.company.Kind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CRM objects this HubSpot portal serves, with their API names, the company records behind them, the names
 * HubSpot gives their creation and last-modified properties, and the properties a read returns when it names none.
 */
enum HubSpotObjectType {
    CONTACTS("contacts", "contact", Kind.CONTACT, "createdate", "lastmodifieddate",
            List.of("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname")),
    COMPANIES("companies", "company", Kind.ACCOUNT, "createdate", "hs_lastmodifieddate",
            List.of("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name")),
    DEALS("deals", "deal", Kind.DEAL, "createdate", "hs_lastmodifieddate",
            List.of("amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate",
                    "hs_object_id", "pipeline")),
    LINE_ITEMS("line_items", "line_item", Kind.LINE_ITEM, "createdate", "hs_lastmodifieddate",
            List.of("amount", "createdate", "hs_lastmodifieddate", "hs_object_id", "hs_product_id", "name", "price",
                    "quantity")),
    PRODUCTS("products", "product", Kind.PRODUCT, "createdate", "hs_lastmodifieddate",
            List.of("createdate", "description", "hs_lastmodifieddate", "hs_object_id", "name", "price")),
    LEADS("leads", "lead", Kind.LEAD, "createdate", "hs_lastmodifieddate",
            List.of("createdate", "hs_lastmodifieddate", "hs_lead_name", "hs_object_id", "hs_pipeline",
                    "hs_pipeline_stage")),
    INVOICES("invoices", "invoice", Kind.INVOICE, "hs_createdate", "hs_lastmodifieddate",
            List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id")),
    COMMERCE_PAYMENTS("commerce_payments", "commerce_payment", Kind.PAYMENT, "hs_createdate", "hs_lastmodifieddate",
            List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"));

    private final String apiName;
    private final String singular;
    private final Kind kind;
    private final String createdProperty;
    private final String modifiedProperty;
    private final List<String> defaultProperties;

    HubSpotObjectType(String apiName, String singular, Kind kind, String createdProperty, String modifiedProperty,
            List<String> defaultProperties) {
        this.apiName = apiName;
        this.singular = singular;
        this.kind = kind;
        this.createdProperty = createdProperty;
        this.modifiedProperty = modifiedProperty;
        this.defaultProperties = defaultProperties;
    }

    String apiName() {
        return apiName;
    }

    /** The name in association types ({@code deal_to_contact}) and webhook subscriptions ({@code deal.creation}). */
    String singular() {
        return singular;
    }

    Kind kind() {
        return kind;
    }

    String modifiedProperty() {
        return modifiedProperty;
    }

    /** Properties every read returns, asked for or not. */
    Set<String> alwaysReturned() {
        return Set.of(createdProperty, modifiedProperty, "hs_object_id");
    }

    List<String> defaultProperties() {
        return defaultProperties;
    }

    /** The type an API path segment names, by its plural or singular name. */
    static Optional<HubSpotObjectType> of(String name) {
        for (HubSpotObjectType type : values()) {
            if (type.apiName.equals(name) || type.singular.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    static Optional<HubSpotObjectType> of(Kind kind) {
        for (HubSpotObjectType type : values()) {
            if (type.kind == kind) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
