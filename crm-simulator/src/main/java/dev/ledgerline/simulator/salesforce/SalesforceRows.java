package dev.ledgerline.simulator.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Account;
import dev.ledgerline.simulator.company.Address;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.Contact;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Deal;
import dev.ledgerline.simulator.company.DealStage;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.Lead;
import dev.ledgerline.simulator.company.LeadSource;
import dev.ledgerline.simulator.company.LineItem;
import dev.ledgerline.simulator.company.Owner;
import dev.ledgerline.simulator.company.Product;
import dev.ledgerline.simulator.company.StageCategory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Salesforce org's part of the company ({@link CrmSplit}) as rows of Salesforce's standard objects, every field the
 * org's describe lists: {@code User}, {@code Account}, {@code Contact}, {@code Lead}, {@code Opportunity} (with its
 * {@code OpportunityLineItems} and {@code OpportunityContactRoles}), {@code OpportunityLineItem},
 * {@code OpportunityContactRole}, {@code Product2} (with its standard {@code PricebookEntries}), {@code PricebookEntry},
 * and the metadata {@code OpportunityStage}, {@code LeadStatus} and {@code Organization}. The org has one currency,
 * the company's home currency (multi-currency is off, as in a new org): amounts are converted at the company's rates
 * and rounded to cents. It has no record types and no {@code Invoice} object (Salesforce Billing is not installed).
 * Read only inside {@link Company#read}.
 */
final class SalesforceRows {
    /** Salesforce's date-time spelling. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    static final String LOSS_REASON = "Loss_Reason__c";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Instant ORG_CREATED = Instant.parse("2023-01-02T09:00:00Z");

    /** An object of the org: its key prefix, its fields, its child relationships (relationship → child object). */
    record SObject(String name, String prefix, List<String> fields, Map<String, String> children) {
        boolean hasField(String path) {
            int dot = path.indexOf('.');
            return fields.contains(dot < 0 ? path : path.substring(0, dot) + "Id");
        }
    }

    static final Map<String, SObject> OBJECTS = objects();

    private final Company company;
    private final CrmSplit split;

    SalesforceRows(Company company, CrmSplit split) {
        this.company = company;
        this.split = split;
    }

    private static Map<String, SObject> objects() {
        Map<String, SObject> objects = new LinkedHashMap<>();
        List<String> audit = List.of("CreatedDate", "LastModifiedDate", "SystemModstamp");
        add(objects, "User", "005", List.of("Id", "Username", "Name", "FirstName", "LastName", "Email", "IsActive",
                "UserType", "Department", "UserRoleId"), audit, Map.of());
        add(objects, "Account", "001", List.of("Id", "IsDeleted", "MasterRecordId", "Name", "Website", "Phone",
                "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry", "Industry",
                "NumberOfEmployees", "AnnualRevenue", "ParentId", "OwnerId"), audit, Map.of());
        add(objects, "Contact", "003", List.of("Id", "IsDeleted", "MasterRecordId", "AccountId", "FirstName", "LastName",
                "Name", "Email", "Phone", "MobilePhone", "Title", "MailingStreet", "MailingCity", "MailingState",
                "MailingPostalCode", "MailingCountry", "LeadSource", "OwnerId"), audit, Map.of());
        add(objects, "Lead", "00Q", List.of("Id", "IsDeleted", "MasterRecordId", "FirstName", "LastName", "Name",
                "Email", "Phone", "Company", "Title", "Status", "IsConverted", "ConvertedDate", "ConvertedContactId",
                "ConvertedAccountId", "ConvertedOpportunityId", "LeadSource", "OwnerId"), audit, Map.of());
        add(objects, "Opportunity", "006", List.of("Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount",
                "Probability", "CloseDate", "Type", "LeadSource", "IsClosed", "IsWon", "ForecastCategoryName",
                "OwnerId", LOSS_REASON), audit, Map.of("OpportunityLineItems", "OpportunityLineItem",
                "OpportunityContactRoles", "OpportunityContactRole"));
        add(objects, "OpportunityLineItem", "00k", List.of("Id", "IsDeleted", "OpportunityId", "PricebookEntryId",
                "Product2Id", "ProductCode", "Name", "Quantity", "UnitPrice", "Discount", "TotalPrice", "ListPrice"),
                audit, Map.of());
        add(objects, "OpportunityContactRole", "00K", List.of("Id", "IsDeleted", "OpportunityId", "ContactId", "Role",
                "IsPrimary"), audit, Map.of());
        add(objects, "Product2", "01t", List.of("Id", "IsDeleted", "Name", "ProductCode", "Description", "IsActive",
                "Family"), audit, Map.of("PricebookEntries", "PricebookEntry"));
        add(objects, "PricebookEntry", "01u", List.of("Id", "IsDeleted", "Name", "Pricebook2Id", "Product2Id",
                "UnitPrice", "IsActive", "UseStandardPrice", "ProductCode"), audit, Map.of());
        add(objects, "OpportunityStage", "01J", List.of("Id", "ApiName", "MasterLabel", "IsActive", "SortOrder",
                "IsClosed", "IsWon", "ForecastCategoryName", "DefaultProbability"), audit, Map.of());
        add(objects, "LeadStatus", "01J", List.of("Id", "ApiName", "MasterLabel", "IsActive", "SortOrder",
                "IsDefault", "IsConverted"), audit, Map.of());
        add(objects, "Organization", "00D", List.of("Id", "Name", "DefaultCurrencyIsoCode", "IsSandbox",
                "OrganizationType", "TimeZoneSidKey"), audit, Map.of());
        return Map.copyOf(objects);
    }

    private static void add(Map<String, SObject> objects, String name, String prefix, List<String> fields,
            List<String> audit, Map<String, String> children) {
        List<String> all = new ArrayList<>(fields);
        all.addAll(audit);
        objects.put(name, new SObject(name, prefix, List.copyOf(all), children));
    }

    /** Every row of an object the org holds, deleted ones included (with {@code IsDeleted} true). */
    List<ObjectNode> all(SObject object) {
        List<ObjectNode> rows = new ArrayList<>();
        switch (object.name()) {
            case "User" -> company.<Owner>all(Kind.OWNER).values().forEach(owner -> rows.add(user(owner)));
            case "Account" -> held(Kind.ACCOUNT).forEach(account -> rows.add(account((Account) account)));
            case "Contact" -> held(Kind.CONTACT).forEach(contact -> rows.add(contact((Contact) contact)));
            case "Lead" -> held(Kind.LEAD).forEach(lead -> rows.add(lead((Lead) lead)));
            case "Opportunity" -> held(Kind.DEAL).forEach(deal -> rows.add(opportunity((Deal) deal)));
            case "OpportunityLineItem" -> held(Kind.DEAL).forEach(deal -> rows.addAll(lineItems((Deal) deal)));
            case "OpportunityContactRole" -> held(Kind.DEAL).forEach(deal -> rows.addAll(contactRoles((Deal) deal)));
            case "Product2" -> held(Kind.PRODUCT).forEach(product -> rows.add(product((Product) product)));
            case "PricebookEntry" -> held(Kind.PRODUCT).forEach(product -> rows.add(standardPrice((Product) product)));
            case "OpportunityStage" -> {
                for (DealStage stage : DealStage.values()) {
                    rows.add(stage(stage));
                }
            }
            case "LeadStatus" -> rows.addAll(leadStatuses());
            case "Organization" -> rows.add(organization());
            default -> throw new IllegalArgumentException("no rows for " + object.name());
        }
        return rows;
    }

    /** The rows of a child relationship of one parent row. */
    List<ObjectNode> children(String relationship, ObjectNode parent) {
        String id = parent.path("Id").asText();
        return switch (relationship) {
            case "OpportunityLineItems" -> deal(id) == null ? List.of() : lineItems(deal(id));
            case "OpportunityContactRoles" -> deal(id) == null ? List.of() : contactRoles(deal(id));
            case "PricebookEntries" -> {
                long number = SalesforceIds.number("01t", id).orElse(-1);
                Product product = company.get(Kind.PRODUCT, number);
                yield product == null ? List.of() : List.of(standardPrice(product));
            }
            default -> List.of();
        };
    }

    private Deal deal(String id) {
        return company.get(Kind.DEAL, SalesforceIds.number("006", id).orElse(-1));
    }

    private List<Entity> held(Kind kind) {
        List<Entity> held = new ArrayList<>();
        for (Entity entity : company.all(kind).values()) {
            if (split.holds(company, CrmSplit.Crm.SALESFORCE, kind, entity)) {
                held.add(entity);
            }
        }
        return held;
    }

    private boolean held(Kind kind, Long id) {
        if (id == null) {
            return false;
        }
        Entity entity = company.get(kind, id);
        return entity != null && split.holds(company, CrmSplit.Crm.SALESFORCE, kind, entity);
    }

    /** The Salesforce id of a company record of a kind the org serves. */
    static String id(Kind kind, long number) {
        return SalesforceIds.of(switch (kind) {
            case OWNER -> "005";
            case ACCOUNT -> "001";
            case CONTACT -> "003";
            case LEAD -> "00Q";
            case DEAL -> "006";
            case LINE_ITEM -> "00k";
            case PRODUCT -> "01t";
            default -> throw new IllegalArgumentException(kind + " is not in the Salesforce org");
        }, number);
    }

    private ObjectNode row(String type, String id, Entity entity) {
        ObjectNode row = JSON.objectNode();
        row.putObject("attributes").put("type", type).put("url", SalesforceApi.DATA + "/sobjects/" + type + "/" + id);
        row.put("Id", id);
        if (entity != null) {
            row.put("IsDeleted", entity.archived());
            row.put("CreatedDate", dateTime(entity.createdAt()));
            // Deleting a record moves its SystemModstamp: that is how queryAll readers see the deletion.
            Instant modified = entity.archived() && entity.archivedAt().isAfter(entity.modifiedAt())
                    ? entity.archivedAt() : entity.modifiedAt();
            row.put("LastModifiedDate", dateTime(modified)).put("SystemModstamp", dateTime(modified));
        }
        return row;
    }

    private ObjectNode audited(ObjectNode row, Instant at) {
        return row.put("CreatedDate", dateTime(at)).put("LastModifiedDate", dateTime(at))
                .put("SystemModstamp", dateTime(at));
    }

    private ObjectNode user(Owner owner) {
        ObjectNode row = row("User", id(Kind.OWNER, owner.id()), owner);
        row.remove("IsDeleted");
        String roleId = SalesforceIds.of("00E", owner.team().id());
        row.put("Username", owner.email()).put("Name", owner.firstName() + " " + owner.lastName())
                .put("FirstName", owner.firstName()).put("LastName", owner.lastName()).put("Email", owner.email())
                .put("IsActive", !owner.archived()).put("UserType", "Standard")
                .put("Department", owner.team().name()).put("UserRoleId", roleId);
        row.putObject("UserRole").put("Name", owner.team().name()).putObject("attributes").put("type", "UserRole")
                .put("url", SalesforceApi.DATA + "/sobjects/UserRole/" + roleId);
        return row;
    }

    private ObjectNode account(Account account) {
        Address address = account.address();
        return row("Account", id(Kind.ACCOUNT, account.id()), account).putNull("MasterRecordId")
                .put("Name", account.name()).put("Website", account.domain() == null ? null : "www." + account.domain())
                .put("Phone", account.phone())
                .put("BillingStreet", address == null ? null : address.street())
                .put("BillingCity", address == null ? null : address.city())
                .put("BillingState", address == null ? null : address.region())
                .put("BillingPostalCode", address == null ? null : address.postalCode())
                .put("BillingCountry", address == null ? null : address.country())
                .put("Industry", account.industry()).put("NumberOfEmployees", account.employees())
                .put("AnnualRevenue", money(account.annualRevenue())).putNull("ParentId")
                .put("OwnerId", owner(account.ownerId()));
    }

    private ObjectNode contact(Contact contact) {
        Address address = contact.address();
        ObjectNode row = row("Contact", id(Kind.CONTACT, contact.id()), contact);
        // A person of the other CRM's accounts is entered here with the org's first deal naming them: the record
        // changes then, so an incremental read finds it.
        Instant entered = null;
        for (long dealId : split.enteredAtCreation(company, CrmSplit.Crm.SALESFORCE, contact) ? List.<Long>of()
                : company.dealsOfContact(contact.id())) {
            Deal deal = company.get(Kind.DEAL, dealId);
            if (held(Kind.DEAL, dealId) && (entered == null || deal.createdAt().isBefore(entered))) {
                entered = deal.createdAt();
            }
        }
        if (entered != null && entered.isAfter(instant(row.path("SystemModstamp").asText()))) {
            row.put("LastModifiedDate", dateTime(entered)).put("SystemModstamp", dateTime(entered));
        }
        return row.putNull("MasterRecordId")
                .put("AccountId", held(Kind.ACCOUNT, contact.accountId()) ? id(Kind.ACCOUNT, contact.accountId()) : null)
                .put("FirstName", contact.firstName()).put("LastName", contact.lastName())
                .put("Name", contact.firstName() == null ? contact.lastName()
                        : contact.firstName() + " " + contact.lastName())
                .put("Email", contact.email()).put("Phone", contact.phone()).put("MobilePhone", contact.mobilePhone())
                .put("Title", contact.jobTitle())
                .put("MailingStreet", address == null ? null : address.street())
                .put("MailingCity", address == null ? null : address.city())
                .put("MailingState", address == null ? null : address.region())
                .put("MailingPostalCode", address == null ? null : address.postalCode())
                .put("MailingCountry", address == null ? null : address.country())
                .put("LeadSource", leadSource(contact.leadSource())).put("OwnerId", owner(contact.ownerId()));
    }

    private ObjectNode lead(Lead lead) {
        Contact contact = company.get(Kind.CONTACT, lead.contactId());
        Account account = contact.accountId() == null ? null : company.get(Kind.ACCOUNT, contact.accountId());
        boolean converted = converted(lead);
        return row("Lead", id(Kind.LEAD, lead.id()), lead).putNull("MasterRecordId")
                .put("FirstName", contact.firstName()).put("LastName", contact.lastName())
                .put("Name", contact.firstName() == null ? contact.lastName()
                        : contact.firstName() + " " + contact.lastName())
                .put("Email", contact.email()).put("Phone", contact.phone())
                // Company is required on a lead: Salesforce's own placeholder when nobody typed one.
                .put("Company", account == null ? "[not provided]" : account.name()).put("Title", contact.jobTitle())
                .put("Status", LeadStatuses.of(lead, converted)).put("IsConverted", converted)
                .put("ConvertedDate", converted ? date(lead.modifiedAt()) : null)
                .put("ConvertedContactId", converted ? id(Kind.CONTACT, contact.id()) : null)
                .put("ConvertedAccountId", converted && held(Kind.ACCOUNT, contact.accountId())
                        ? id(Kind.ACCOUNT, contact.accountId()) : null)
                .put("ConvertedOpportunityId", converted ? id(Kind.DEAL, lead.dealId()) : null)
                .put("LeadSource", leadSource(lead.leadSource())).put("OwnerId", owner(lead.ownerId()));
    }

    /** A qualified lead whose deal is in the org too was converted into it. */
    boolean converted(Lead lead) {
        return lead.status() == dev.ledgerline.simulator.company.LeadStatus.QUALIFIED && held(Kind.DEAL, lead.dealId());
    }

    private ObjectNode opportunity(Deal deal) {
        DealStage stage = deal.stage();
        StageCategory category = deal.category();
        return row("Opportunity", id(Kind.DEAL, deal.id()), deal)
                .put("AccountId", held(Kind.ACCOUNT, deal.accountId()) ? id(Kind.ACCOUNT, deal.accountId()) : null)
                .put("Name", deal.name()).put("StageName", Stages.name(stage)).put("Amount", amount(deal))
                .put("Probability", BigDecimal.valueOf(stage.probability()).movePointRight(2))
                .put("CloseDate", closeDate(deal).toString())
                .put("Type", deal.newBusiness() ? "New Customer" : "Existing Customer - Upgrade")
                .put("LeadSource", leadSource(deal.leadSource()))
                .put("IsClosed", category != StageCategory.OPEN).put("IsWon", category == StageCategory.WON)
                .put("ForecastCategoryName", Stages.forecastCategory(stage)).put("OwnerId", owner(deal.ownerId()))
                .put(LOSS_REASON, category == StageCategory.LOST ? deal.lossReason() : null);
    }

    /** The org's amount of a deal: in the home currency, to the cent, as a single-currency org stores it. */
    static BigDecimal amount(Deal deal) {
        return deal.amountInHomeCurrency() == null ? null
                : deal.amountInHomeCurrency().setScale(2, RoundingMode.HALF_UP);
    }

    /** A closed deal's close date is the day it closed (in UTC, the org's time zone); an open one's is expected. */
    static LocalDate closeDate(Deal deal) {
        Instant closedAt = deal.closedAt();
        return closedAt != null ? closedAt.atZone(ZoneOffset.UTC).toLocalDate()
                : deal.expectedCloseDate() != null ? deal.expectedCloseDate()
                : deal.createdAt().atZone(ZoneOffset.UTC).toLocalDate().plusDays(30);
    }

    private List<ObjectNode> lineItems(Deal deal) {
        List<ObjectNode> rows = new ArrayList<>();
        for (long lineId : deal.lineItemIds()) {
            LineItem line = company.get(Kind.LINE_ITEM, lineId);
            Product product = company.get(Kind.PRODUCT, line.productId());
            BigDecimal unitPrice = money(Company.inHomeCurrency(line.unitPrice(), line.currency()));
            BigDecimal discount = line.discountPercent();
            // Salesforce computes TotalPrice from quantity, sales price and discount.
            BigDecimal total = line.quantity().multiply(unitPrice).multiply(discount == null ? BigDecimal.ONE
                    : BigDecimal.ONE.subtract(discount.movePointLeft(2))).setScale(2, RoundingMode.HALF_UP);
            String id = id(Kind.LINE_ITEM, line.id());
            ObjectNode row = row("OpportunityLineItem", id, line);
            row.put("IsDeleted", deal.archived())
                    .put("OpportunityId", id(Kind.DEAL, deal.id()))
                    .put("PricebookEntryId", SalesforceIds.of("01u", line.productId()))
                    .put("Product2Id", id(Kind.PRODUCT, line.productId())).put("ProductCode", line.sku())
                    .put("Name", deal.name() + " " + line.name()).put("Quantity", line.quantity())
                    .put("UnitPrice", unitPrice).put("Discount", discount).put("TotalPrice", total)
                    .put("ListPrice", product == null ? null : money(product.price()));
            rows.add(row);
        }
        return rows;
    }

    private List<ObjectNode> contactRoles(Deal deal) {
        List<ObjectNode> rows = new ArrayList<>();
        List<Long> contacts = deal.contactIds();
        for (int i = 0; i < contacts.size(); i++) {
            // A role's number is its deal's and its place: roles are created with the deal and never change.
            String id = SalesforceIds.of("00K", deal.id() * 8 + i);
            ObjectNode row = row("OpportunityContactRole", id, null);
            audited(row, deal.createdAt()).put("IsDeleted", deal.archived())
                    .put("OpportunityId", id(Kind.DEAL, deal.id())).put("ContactId", id(Kind.CONTACT, contacts.get(i)))
                    .put("Role", i == 0 ? "Decision Maker" : "Evaluator").put("IsPrimary", i == 0);
            rows.add(row);
        }
        return rows;
    }

    private ObjectNode product(Product product) {
        return row("Product2", id(Kind.PRODUCT, product.id()), product).put("Name", product.name())
                .put("ProductCode", product.sku()).put("Description", product.description())
                .put("IsActive", !product.archived()).put("Family", product.recurring() ? "Subscription" : "Services");
    }

    private ObjectNode standardPrice(Product product) {
        String id = SalesforceIds.of("01u", product.id());
        ObjectNode row = row("PricebookEntry", id, product);
        String pricebook = SalesforceIds.of("01s", 1);
        row.put("Name", product.name()).put("Pricebook2Id", pricebook).put("Product2Id", id(Kind.PRODUCT, product.id()))
                .put("UnitPrice", money(product.price())).put("IsActive", !product.archived())
                .put("UseStandardPrice", false).put("ProductCode", product.sku());
        row.putObject("Pricebook2").put("IsStandard", true).putObject("attributes").put("type", "Pricebook2")
                .put("url", SalesforceApi.DATA + "/sobjects/Pricebook2/" + pricebook);
        return row;
    }

    private ObjectNode stage(DealStage stage) {
        ObjectNode row = row("OpportunityStage", SalesforceIds.of("01J", 100 + stage.ordinal()), null);
        return audited(row, ORG_CREATED).put("ApiName", Stages.name(stage)).put("MasterLabel", Stages.name(stage))
                .put("IsActive", true).put("SortOrder", stage.ordinal() + 1).put("IsClosed", stage.closed())
                .put("IsWon", stage == DealStage.WON).put("ForecastCategoryName", Stages.forecastCategory(stage))
                .put("DefaultProbability", BigDecimal.valueOf(stage.probability()).movePointRight(2));
    }

    private List<ObjectNode> leadStatuses() {
        List<ObjectNode> rows = new ArrayList<>();
        List<String> labels = LeadStatuses.LABELS;
        for (int i = 0; i < labels.size(); i++) {
            ObjectNode row = row("LeadStatus", SalesforceIds.of("01J", 200 + i), null);
            rows.add(audited(row, ORG_CREATED).put("ApiName", labels.get(i)).put("MasterLabel", labels.get(i))
                    .put("IsActive", true).put("SortOrder", i + 1).put("IsDefault", i == 0)
                    .put("IsConverted", labels.get(i).equals(LeadStatuses.CONVERTED)));
        }
        return rows;
    }

    private ObjectNode organization() {
        ObjectNode row = row("Organization", SalesforceIds.of("00D", company.seed() & 0xFFFFFFFL), null);
        return audited(row, ORG_CREATED).put("Name", "Simulated company " + company.seed())
                .put("DefaultCurrencyIsoCode", Company.HOME_CURRENCY).put("IsSandbox", false)
                .put("OrganizationType", "Enterprise Edition").put("TimeZoneSidKey", "GMT");
    }

    private String owner(Long ownerId) {
        return ownerId == null ? null : id(Kind.OWNER, ownerId);
    }

    private static String leadSource(LeadSource source) {
        if (source == null) {
            return null;
        }
        return switch (source) {
            case ORGANIC_SEARCH, PAID_SEARCH -> "Web";
            case EMAIL_MARKETING -> "Email";
            case SOCIAL_MEDIA, PAID_SOCIAL -> "Social Media";
            case REFERRALS -> "Partner Referral";
            case DIRECT_TRAFFIC -> "Web";
            case OFFLINE -> "Trade Show";
        };
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }

    static String dateTime(Instant instant) {
        return DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** A date-time in Salesforce's spelling ({@code +0000}) or ISO's. */
    static Instant instant(String text) {
        return OffsetDateTime.parse(COMPACT_OFFSET.matcher(text.trim()).replaceFirst("$1:$2")).toInstant();
    }

    /** The org's names of the company's stages (Salesforce's default sales process) and their forecast categories. */
    static final class Stages {
        private Stages() {
        }

        static String name(DealStage stage) {
            return switch (stage) {
                case FIRST_MEETING -> "Prospecting";
                case QUALIFIED -> "Qualification";
                case PRESENTATION -> "Value Proposition";
                case DECISION_MAKER_BOUGHT_IN -> "Id. Decision Makers";
                case CONTRACT_SENT -> "Negotiation/Review";
                case WON -> "Closed Won";
                case LOST -> "Closed Lost";
            };
        }

        static String forecastCategory(DealStage stage) {
            return switch (stage) {
                case FIRST_MEETING, QUALIFIED -> "Pipeline";
                case PRESENTATION, DECISION_MAKER_BOUGHT_IN -> "Best Case";
                case CONTRACT_SENT -> "Commit";
                case WON -> "Closed";
                case LOST -> "Omitted";
            };
        }
    }

    /**
     * The org's lead statuses: Salesforce's defaults plus "Qualified" (the org's convention for a lead sales accepted
     * that has no opportunity yet, or whose opportunity is worked in the other CRM).
     */
    static final class LeadStatuses {
        static final String CONVERTED = "Closed - Converted";
        static final List<String> LABELS = List.of("Open - Not Contacted", "Working - Contacted",
                "Working - Connected", "Qualified", CONVERTED, "Closed - Not Converted");

        private LeadStatuses() {
        }

        static String of(Lead lead, boolean converted) {
            if (converted) {
                return CONVERTED;
            }
            return switch (lead.status()) {
                case NEW -> LABELS.get(0);
                case ATTEMPTING -> LABELS.get(1);
                case CONNECTED -> LABELS.get(2);
                case QUALIFIED -> LABELS.get(3);
                case UNQUALIFIED -> LABELS.get(5);
            };
        }
    }
}
