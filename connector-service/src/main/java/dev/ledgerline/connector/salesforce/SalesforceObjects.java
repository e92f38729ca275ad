package dev.ledgerline.connector.salesforce;

import dev.ledgerline.connector.salesforce.SalesforceObject.Child;
import java.util.ArrayList;
import java.util.List;

/** The objects and fields the Salesforce sync reads (Salesforce's standard API names). */
final class SalesforceObjects {
    static final String SYSTEM_MODSTAMP = "SystemModstamp";
    static final String CURRENCY = "CurrencyIsoCode";

    static final SalesforceObject USER = new SalesforceObject("User",
            List.of("Id", "Name", "LastName", "IsActive", SYSTEM_MODSTAMP),
            List.of("FirstName", "Email", "Department", "UserRole.Name"),
            // Portal, guest and automated users own no sales records.
            "UserType = 'Standard'", List.of());

    static final SalesforceObject ACCOUNT = new SalesforceObject("Account",
            List.of("Id", "IsDeleted", "Name", "CreatedDate", SYSTEM_MODSTAMP),
            List.of("MasterRecordId", "Website", "Phone", "BillingStreet", "BillingCity", "BillingState",
                    "BillingPostalCode", "BillingCountry", "Industry", "NumberOfEmployees", "AnnualRevenue",
                    "ParentId", "OwnerId", CURRENCY),
            null, List.of());

    static final SalesforceObject CONTACT = new SalesforceObject("Contact",
            List.of("Id", "IsDeleted", "LastName", "CreatedDate", SYSTEM_MODSTAMP),
            List.of("MasterRecordId", "FirstName", "Name", "Email", "Phone", "MobilePhone", "Title", "AccountId",
                    "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry",
                    "LeadSource", "OwnerId"),
            null, List.of());

    static final SalesforceObject LEAD = new SalesforceObject("Lead",
            List.of("Id", "IsDeleted", "Status", "IsConverted", "CreatedDate", SYSTEM_MODSTAMP),
            List.of("MasterRecordId", "FirstName", "LastName", "Name", "Email", "Phone", "Company", "Title",
                    "ConvertedDate", "ConvertedContactId", "ConvertedAccountId", "ConvertedOpportunityId",
                    "LeadSource", "OwnerId"),
            null, List.of());

    static final Child LINE_ITEMS = new Child("OpportunityLineItems", "OpportunityLineItem", "OpportunityId",
            List.of("Id", "Quantity", "UnitPrice", SYSTEM_MODSTAMP),
            List.of("Product2Id", "Name", "ProductCode", "Discount", "TotalPrice", CURRENCY), null);

    static final Child CONTACT_ROLES = new Child("OpportunityContactRoles", "OpportunityContactRole",
            "OpportunityId", List.of("Id", "ContactId", SYSTEM_MODSTAMP), List.of("IsPrimary", "Role"), null);

    /**
     * Opportunities with their products and contact roles. {@code lossReasonFields} are the custom fields that may
     * hold why a deal was lost (Salesforce has no standard one); the first the org has is read.
     */
    static SalesforceObject opportunity(List<String> lossReasonFields) {
        List<String> optional = new ArrayList<>(List.of("Name", "Amount", CURRENCY, "Probability",
                "ForecastCategoryName", "CloseDate", "Type", "LeadSource", "OwnerId", "AccountId", "RecordTypeId",
                "RecordType.Name"));
        optional.addAll(lossReasonFields);
        return new SalesforceObject("Opportunity",
                List.of("Id", "IsDeleted", "StageName", "IsClosed", "IsWon", "CreatedDate", SYSTEM_MODSTAMP),
                optional, null, List.of(LINE_ITEMS, CONTACT_ROLES));
    }

    static final Child STANDARD_PRICES = new Child("PricebookEntries", "PricebookEntry", "Product2Id",
            List.of("Id", "UnitPrice", SYSTEM_MODSTAMP), List.of("IsActive", CURRENCY),
            "Pricebook2.IsStandard = true");

    static final SalesforceObject PRODUCT = new SalesforceObject("Product2",
            List.of("Id", "IsDeleted", "Name", "CreatedDate", SYSTEM_MODSTAMP),
            List.of("ProductCode", "Description", "IsActive"), null, List.of(STANDARD_PRICES));

    static final Child INVOICE_LINES = new Child("InvoiceLines", "InvoiceLine", "InvoiceId",
            List.of("Id", SYSTEM_MODSTAMP),
            List.of("Name", "Product2Id", "Quantity", "UnitPrice", "ChargeAmount", "TaxAmount", "LineAmount", "Type",
                    CURRENCY), null);

    static final SalesforceObject INVOICE = new SalesforceObject("Invoice",
            List.of("Id", "Status", "CreatedDate", SYSTEM_MODSTAMP),
            List.of("IsDeleted", "DocumentNumber", "InvoiceDate", "DueDate", "TotalAmount", "TotalAmountWithTax",
                    "TotalTaxAmount", "Balance", "BillingAccountId", "BillToContactId", CURRENCY),
            null, List.of(INVOICE_LINES));

    private SalesforceObjects() {
    }
}
