package dev.ledgerline.simulator.hubspot;

import dev.ledgerline.simulator.company.Account;
import dev.ledgerline.simulator.company.Address;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.Contact;
import dev.ledgerline.simulator.company.Deal;
import dev.ledgerline.simulator.company.DealStage;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Invoice;
import dev.ledgerline.simulator.company.InvoiceStatus;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.Lead;
import dev.ledgerline.simulator.company.LineItem;
import dev.ledgerline.simulator.company.Payment;
import dev.ledgerline.simulator.company.PaymentSource;
import dev.ledgerline.simulator.company.Product;
import dev.ledgerline.simulator.company.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A record's HubSpot properties, every value a string as HubSpot sends them (numbers as decimal strings, dates as
 * ISO-8601 with milliseconds, booleans as "true"/"false"), null where the record has no value. Each object type has
 * the properties its HubSpot counterpart has that the company can fill.
 */
final class HubSpotProperties {
    /** Date-time properties: search compares them as instants. */
    static final Set<String> DATES = Set.of("createdate", "hs_createdate", "lastmodifieddate", "hs_lastmodifieddate",
            "closedate", "hs_invoice_date", "hs_due_date", "hs_payment_date", "hs_initiated_date");
    /** Number properties: search compares them as numbers. */
    static final Set<String> NUMBERS = Set.of("hs_object_id", "amount", "amount_in_home_currency",
            "hs_deal_stage_probability", "hs_closed_amount", "annualrevenue", "numberofemployees", "quantity", "price",
            "hs_total_discount", "hs_discount_percentage", "hs_cost_of_goods_sold", "hs_amount_billed",
            "hs_balance_due", "hs_amount_paid", "hs_initial_amount", "hs_refunds_amount", "hs_net_amount",
            "associatedcompanyid", "hubspot_owner_id", "hs_product_id", "num_associated_contacts");

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private HubSpotProperties() {
    }

    /** Every property of the record, in a stable order. */
    static Map<String, String> of(Company company, HubSpotObjectType type, Entity entity) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("hs_object_id", entity.id());
        switch (type) {
            case CONTACTS -> contact(company, (Contact) entity, values);
            case COMPANIES -> account((Account) entity, values);
            case DEALS -> deal((Deal) entity, values);
            case LINE_ITEMS -> lineItem(company, (LineItem) entity, values);
            case PRODUCTS -> product((Product) entity, values);
            case LEADS -> lead(company, (Lead) entity, values);
            case INVOICES -> invoice(company, (Invoice) entity, values);
            case COMMERCE_PAYMENTS -> payment((Payment) entity, values);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        values.forEach((name, value) -> properties.put(name, text(value)));
        return properties;
    }

    /** A value as HubSpot writes it. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return ISO_MILLIS.format(instant);
        }
        if (value instanceof LocalDate date) {
            return ISO_MILLIS.format(date.atStartOfDay(ZoneOffset.UTC));
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private static void contact(Company company, Contact contact, Map<String, Object> values) {
        values.put("firstname", contact.firstName());
        values.put("lastname", contact.lastName());
        values.put("email", contact.email());
        values.put("hs_additional_emails", contact.additionalEmails().isEmpty() ? null
                : String.join(";", contact.additionalEmails()));
        values.put("phone", contact.phone());
        values.put("mobilephone", contact.mobilePhone());
        values.put("jobtitle", contact.jobTitle());
        values.put("associatedcompanyid", contact.accountId());
        values.put("company", contact.accountId() == null ? null
                : company.<Account>get(Kind.ACCOUNT, contact.accountId()).name());
        address(contact.address(), values);
        values.put("lifecyclestage", contact.lifecycleStage().name().toLowerCase(Locale.ROOT));
        values.put("hs_analytics_source", contact.leadSource());
        values.put("hubspot_owner_id", contact.ownerId());
        values.put("createdate", contact.createdAt());
        values.put("lastmodifieddate", contact.modifiedAt());
    }

    private static void account(Account account, Map<String, Object> values) {
        values.put("name", account.name());
        values.put("domain", account.domain());
        values.put("phone", account.phone());
        address(account.address(), values);
        values.put("address2", null);
        values.put("industry", account.industry() == null ? null
                : account.industry().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "_"));
        values.put("numberofemployees", account.employees());
        values.put("annualrevenue", account.annualRevenue());
        values.put("hs_parent_company_id", null);
        values.put("hubspot_owner_id", account.ownerId());
        values.put("createdate", account.createdAt());
        values.put("hs_lastmodifieddate", account.modifiedAt());
    }

    private static void address(Address address, Map<String, Object> values) {
        values.put("address", address == null ? null : address.street());
        values.put("city", address == null ? null : address.city());
        values.put("state", address == null ? null : address.region());
        values.put("zip", address == null ? null : address.postalCode());
        values.put("country", address == null ? null : address.country());
    }

    private static void deal(Deal deal, Map<String, Object> values) {
        DealStage stage = deal.stage();
        values.put("dealname", deal.name());
        values.put("amount", deal.amount());
        values.put("deal_currency_code", deal.currency());
        values.put("amount_in_home_currency", deal.amountInHomeCurrency());
        values.put("pipeline", deal.inPipeline() ? Pipelines.DEAL_PIPELINE : null);
        values.put("dealstage", stage == null ? null : Pipelines.stageId(stage));
        values.put("hs_deal_stage_probability", stage == null ? null : BigDecimal.valueOf(stage.probability()));
        values.put("hs_is_closed", stage != null && stage.closed());
        values.put("hs_is_closed_won", stage == DealStage.WON);
        values.put("hs_closed_amount", stage == DealStage.WON ? deal.amount() : null);
        // Once a deal is won or lost, HubSpot sets its close date to that moment; before, it is the rep's estimate.
        values.put("closedate", deal.closedAt() != null ? deal.closedAt() : deal.expectedCloseDate());
        values.put("closed_lost_reason", stage == DealStage.LOST ? deal.lossReason() : null);
        values.put("hs_forecast_category", stage == null ? null : Pipelines.forecastCategory(stage));
        values.put("dealtype", deal.newBusiness() ? "newbusiness" : "existingbusiness");
        values.put("hs_analytics_source", deal.leadSource());
        values.put("hubspot_owner_id", deal.ownerId());
        values.put("num_associated_contacts", deal.contactIds().size());
        for (DealStage each : DealStage.values()) {
            values.put("hs_date_entered_" + Pipelines.stageId(each), deal.history().stream()
                    .filter(change -> change.stage() == each).map(StageChange::at).reduce((a, b) -> b).orElse(null));
        }
        values.put("createdate", deal.createdAt());
        values.put("hs_lastmodifieddate", deal.modifiedAt());
    }

    private static void lineItem(Company company, LineItem line, Map<String, Object> values) {
        Product product = company.get(Kind.PRODUCT, line.productId());
        values.put("name", line.name());
        values.put("hs_product_id", line.productId());
        values.put("hs_sku", line.sku());
        values.put("quantity", line.quantity());
        values.put("price", line.unitPrice());
        values.put("amount", line.amount());
        values.put("hs_discount_percentage", line.discountPercent().signum() == 0 ? null : line.discountPercent());
        values.put("hs_total_discount", line.discount());
        values.put("hs_line_item_currency_code", line.currency());
        values.put("recurringbillingfrequency", product != null && product.recurring() ? "annually" : null);
        values.put("createdate", line.createdAt());
        values.put("hs_lastmodifieddate", line.modifiedAt());
    }

    private static void product(Product product, Map<String, Object> values) {
        values.put("name", product.name());
        values.put("hs_sku", product.sku());
        values.put("description", product.description());
        values.put("price", product.price());
        values.put("hs_cost_of_goods_sold", product.unitCost());
        values.put("recurringbillingfrequency", product.recurring() ? "annually" : null);
        values.put("createdate", product.createdAt());
        values.put("hs_lastmodifieddate", product.modifiedAt());
    }

    private static void lead(Company company, Lead lead, Map<String, Object> values) {
        Contact contact = company.get(Kind.CONTACT, lead.contactId());
        values.put("hs_lead_name", contact.firstName() + " " + contact.lastName());
        values.put("hs_pipeline", Pipelines.LEAD_PIPELINE);
        values.put("hs_pipeline_stage", Pipelines.leadStageId(lead.status()));
        values.put("hs_associated_contact_firstname", contact.firstName());
        values.put("hs_associated_contact_lastname", contact.lastName());
        values.put("hs_associated_contact_email", contact.email());
        values.put("hs_associated_company_name", contact.accountId() == null ? null
                : company.<Account>get(Kind.ACCOUNT, contact.accountId()).name());
        values.put("hubspot_owner_id", lead.ownerId());
        values.put("createdate", lead.createdAt());
        values.put("hs_lastmodifieddate", lead.modifiedAt());
    }

    private static void invoice(Company company, Invoice invoice, Map<String, Object> values) {
        Contact contact = invoice.contactId() == null ? null : company.get(Kind.CONTACT, invoice.contactId());
        values.put("hs_number", invoice.number());
        values.put("hs_invoice_status", invoice.status().name().toLowerCase(Locale.ROOT));
        values.put("hs_currency", invoice.currency());
        values.put("hs_invoice_date", invoice.invoiceDate());
        values.put("hs_due_date", invoice.dueDate());
        values.put("hs_amount_billed", invoice.billed());
        // Nothing is due on a voided invoice.
        values.put("hs_balance_due", invoice.status() == InvoiceStatus.VOIDED
                ? BigDecimal.ZERO.setScale(2) : invoice.balance());
        values.put("hs_amount_paid", invoice.paid());
        values.put("hs_payment_date", invoice.paidAt());
        values.put("hs_invoice_latest_contact_email", contact == null ? null : contact.email());
        values.put("hs_invoice_latest_contact_firstname", contact == null ? null : contact.firstName());
        values.put("hs_invoice_latest_contact_lastname", contact == null ? null : contact.lastName());
        values.put("hs_invoice_latest_company_name", invoice.accountId() == null ? null
                : company.<Account>get(Kind.ACCOUNT, invoice.accountId()).name());
        values.put("hs_createdate", invoice.createdAt());
        values.put("hs_lastmodifieddate", invoice.modifiedAt());
    }

    private static void payment(Payment payment, Map<String, Object> values) {
        values.put("hs_latest_status", payment.status().name().toLowerCase(Locale.ROOT));
        values.put("hs_initial_amount", payment.amount());
        values.put("hs_refunds_amount", payment.refunded());
        values.put("hs_net_amount", payment.amount().subtract(payment.refunded()));
        values.put("hs_currency_code", payment.currency());
        values.put("hs_initiated_date", payment.initiatedAt());
        values.put("hs_customer_email", payment.customerEmail());
        values.put("hs_payment_method_type", payment.method());
        values.put("hs_payment_source_app", payment.source() == PaymentSource.CHECKOUT ? "SALES_CHECKOUT" : "INVOICE");
        values.put("hs_reference_number", payment.reference());
        values.put("hs_createdate", payment.createdAt());
        values.put("hs_lastmodifieddate", payment.modifiedAt());
    }
}
