package dev.ledgerline.connector.hubspot;

import java.util.List;

/** The properties the normaliser reads, per object type: HubSpot returns only a few defaults unless asked. */
final class HubSpotProperties {
    /** Objects a deal is associated with that the canonical Deal carries. */
    static final List<HubSpotObjectType> DEAL_ASSOCIATIONS = List.of(
            HubSpotObjectType.CONTACTS, HubSpotObjectType.COMPANIES, HubSpotObjectType.LINE_ITEMS);

    private static final List<String> DEALS = List.of("dealname", "amount", "deal_currency_code",
            "amount_in_home_currency", "pipeline", "dealstage", "closedate", "createdate", "hs_lastmodifieddate",
            "hubspot_owner_id", "hs_analytics_source", "closed_lost_reason", "hs_forecast_category", "dealtype");
    private static final List<String> CONTACTS = List.of("firstname", "lastname", "email", "hs_additional_emails",
            "phone", "mobilephone", "jobtitle", "associatedcompanyid", "address", "city", "state", "zip", "country",
            "lifecyclestage", "hs_analytics_source", "hubspot_owner_id", "createdate", "lastmodifieddate");
    private static final List<String> COMPANIES = List.of("name", "domain", "phone", "address", "city", "state", "zip",
            "country", "industry", "annualrevenue", "hs_parent_company_id", "hubspot_owner_id", "createdate",
            "hs_lastmodifieddate");
    private static final List<String> LINE_ITEMS = List.of("name", "hs_product_id", "hs_sku", "quantity", "price",
            "amount", "hs_total_discount", "hs_discount_percentage", "hs_line_item_currency_code", "createdate",
            "hs_lastmodifieddate");
    private static final List<String> PRODUCTS = List.of("name", "hs_sku", "description", "price",
            "hs_cost_of_goods_sold", "createdate", "hs_lastmodifieddate");
    private static final List<String> LEADS = List.of("hs_lead_name", "hs_pipeline_stage",
            "hs_associated_contact_firstname", "hs_associated_contact_lastname", "hs_associated_contact_email",
            "hs_associated_company_name", "hubspot_owner_id", "createdate", "hs_lastmodifieddate");

    private HubSpotProperties() {
    }

    static List<String> of(HubSpotObjectType type) {
        return switch (type) {
            case DEALS -> DEALS;
            case CONTACTS -> CONTACTS;
            case COMPANIES -> COMPANIES;
            case LINE_ITEMS -> LINE_ITEMS;
            case PRODUCTS -> PRODUCTS;
            case LEADS -> LEADS;
            case INVOICES -> List.of("hs_lastmodifieddate");
        };
    }
}
