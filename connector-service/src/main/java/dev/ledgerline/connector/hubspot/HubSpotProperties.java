package dev.ledgerline.connector.hubspot;

import java.util.List;

/** The properties the normaliser reads, per object type: HubSpot returns only a few defaults unless asked. */
final class HubSpotProperties {
    /** Objects a deal is associated with that the canonical Deal carries. */
    static final List<HubSpotObjectType> DEAL_ASSOCIATIONS = List.of(
            HubSpotObjectType.CONTACTS, HubSpotObjectType.COMPANIES, HubSpotObjectType.LINE_ITEMS);
    /** Objects an invoice is associated with that the canonical Invoice carries; its line items are its own. */
    static final List<HubSpotObjectType> INVOICE_ASSOCIATIONS = List.of(HubSpotObjectType.CONTACTS,
            HubSpotObjectType.COMPANIES, HubSpotObjectType.DEALS, HubSpotObjectType.LINE_ITEMS);
    static final List<HubSpotObjectType> PAYMENT_ASSOCIATIONS = List.of(HubSpotObjectType.INVOICES,
            HubSpotObjectType.DEALS, HubSpotObjectType.CONTACTS);

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
    private static final List<String> INVOICES = List.of("hs_number", "hs_invoice_status", "hs_currency",
            "hs_invoice_date", "hs_due_date", "hs_amount_billed", "hs_balance_due", "hs_amount_paid",
            "hs_payment_date", "hs_invoice_latest_contact_email", "hs_invoice_latest_contact_firstname",
            "hs_invoice_latest_contact_lastname", "hs_invoice_latest_company_name", "hs_createdate",
            "hs_lastmodifieddate");
    private static final List<String> PAYMENTS = List.of("hs_latest_status", "hs_initial_amount",
            "hs_refunds_amount", "hs_currency_code", "hs_initiated_date", "hs_customer_email",
            "hs_payment_method_type", "hs_payment_source_app", "hs_reference_number", "hs_createdate",
            "hs_lastmodifieddate");

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
            case INVOICES -> INVOICES;
            case PAYMENTS -> PAYMENTS;
        };
    }
}
