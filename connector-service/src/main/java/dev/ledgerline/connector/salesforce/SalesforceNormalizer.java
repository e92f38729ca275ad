package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.mapping.LeadStatusMapping;
import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.sync.InvalidObject;
import dev.ledgerline.connector.sync.MissingField;
import dev.ledgerline.connector.sync.NormalizedBatch;
import dev.ledgerline.connector.sync.SyncClock;
import dev.ledgerline.connector.sync.WireValues;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.InvoiceLine;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns Salesforce records (REST {@code queryAll} rows or Bulk API result rows, see {@link SalesforceRecord}) into the
 * canonical records of one connection. A record with {@code IsDeleted = true} (deleted, or merged into another) is a
 * DELETE record carrying only the envelope. The version ({@code sourceUpdatedAt}) is {@code SystemModstamp}; for a
 * deal or product it is the newest of its own and its children's ({@code OpportunityLineItem}, contact roles, standard
 * price), and of a child change that made the sync read it again (a deleted line item leaves no row to date it), so
 * that a change of a child is a new version of the parent. As for every CRM, an incomplete record is published and
 * what it lacks is counted; only what cannot be read at all is rejected.
 */
public final class SalesforceNormalizer {

    /** Where the run reads the records from, and what it knows about the org and the connection. */
    public record Settings(String tenantId, String connectionId, OrgCurrencies currencies, ZoneId timeZone,
            StageMapping stages, LeadStatusMapping leadStatuses, String lossReasonField, Instant invoicesSince) {

        /** The currency of amounts that name none. */
        public String orgCurrency() {
            return currencies.corporate();
        }
    }

    private final Settings settings;
    private final SyncClock clock;

    public SalesforceNormalizer(Settings settings, SyncClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Users as owners: a deactivated user stays an UPSERT with {@code active} false, as it still owns records. */
    public NormalizedBatch<Owner> owners(List<ObjectNode> users) {
        return normalize("owner", users, (user, missing) -> {
            String firstName = user.text("FirstName");
            String lastName = user.text("LastName");
            String name = user.text("Name");
            Boolean active = user.bool("IsActive");
            String role = user.text("UserRole.Name");
            return Owner.newBuilder().setTenantId(settings.tenantId()).setConnectionId(settings.connectionId())
                    .setSource(CrmSource.SALESFORCE).setExternalId(user.id()).setOp(Op.UPSERT)
                    .setSourceUpdatedAt(modified(user)).setSyncedAt(clock.now())
                    .setFirstName(firstName).setLastName(lastName)
                    .setName(name != null ? name : WireValues.fullName(firstName, lastName))
                    .setEmail(user.text("Email"))
                    .setTeam(role != null ? role : user.text("Department"))
                    .setActive(active == null || active)
                    .build();
        });
    }

    public NormalizedBatch<Account> accounts(List<ObjectNode> accounts) {
        return normalize("account", accounts, (account, missing) -> {
            Account.Builder record = Account.newBuilder().setTenantId(settings.tenantId())
                    .setConnectionId(settings.connectionId()).setSource(CrmSource.SALESFORCE)
                    .setExternalId(account.id()).setSourceUpdatedAt(modified(account)).setSyncedAt(clock.now());
            if (account.deleted()) {
                return record.setOp(Op.DELETE).build();
            }
            return record.setOp(Op.UPSERT)
                    .setName(account.text("Name"))
                    .setDomain(domainOf(account.text("Website")))
                    .setPhone(account.text("Phone"))
                    .setAddress(WireValues.address(account.text("BillingStreet"), account.text("BillingCity"),
                            account.text("BillingState"), account.text("BillingPostalCode"),
                            account.text("BillingCountry")))
                    .setIndustry(account.text("Industry"))
                    .setEmployeeCount(account.integer("NumberOfEmployees"))
                    .setAnnualRevenue(money(account, "AnnualRevenue", currency(account)))
                    .setParentAccountId(account.text("ParentId"))
                    .setOwnerId(account.text("OwnerId"))
                    .setCreatedAt(account.instant("CreatedDate"))
                    .build();
        });
    }

    public NormalizedBatch<Contact> contacts(List<ObjectNode> contacts) {
        return normalize("contact", contacts, (contact, missing) -> {
            Contact.Builder record = Contact.newBuilder().setTenantId(settings.tenantId())
                    .setConnectionId(settings.connectionId()).setSource(CrmSource.SALESFORCE)
                    .setExternalId(contact.id()).setSourceUpdatedAt(modified(contact)).setSyncedAt(clock.now());
            if (contact.deleted()) {
                return record.setOp(Op.DELETE).build();
            }
            String firstName = contact.text("FirstName");
            String lastName = contact.text("LastName");
            String name = contact.text("Name");
            List<String> emails = WireValues.present(contact.text("Email"));
            if (emails.isEmpty()) {
                missing.add(MissingField.EMAIL);
            }
            return record.setOp(Op.UPSERT)
                    .setFirstName(firstName).setLastName(lastName)
                    .setName(name != null ? name : WireValues.fullName(firstName, lastName))
                    .setEmails(emails)
                    .setPhones(WireValues.present(contact.text("Phone"), contact.text("MobilePhone")))
                    .setTitle(contact.text("Title"))
                    .setAccountId(contact.text("AccountId"))
                    .setAddress(WireValues.address(contact.text("MailingStreet"), contact.text("MailingCity"),
                            contact.text("MailingState"), contact.text("MailingPostalCode"),
                            contact.text("MailingCountry")))
                    .setLeadSource(contact.text("LeadSource"))
                    .setOwnerId(contact.text("OwnerId"))
                    .setCreatedAt(contact.instant("CreatedDate"))
                    .build();
        });
    }

    /**
     * Leads: a converted lead is CONVERTED with what it became; otherwise its {@code Status} goes through the
     * connection's lead-status mapping (derived from Salesforce's lead statuses, editable), which says which statuses
     * count as QUALIFIED. A status the mapping does not know is a rejection.
     */
    public NormalizedBatch<Lead> leads(List<ObjectNode> leads) {
        return normalize("lead", leads, (lead, missing) -> {
            Lead.Builder record = Lead.newBuilder().setTenantId(settings.tenantId())
                    .setConnectionId(settings.connectionId()).setSource(CrmSource.SALESFORCE)
                    .setExternalId(lead.id()).setSourceUpdatedAt(modified(lead)).setSyncedAt(clock.now());
            if (lead.deleted()) {
                return record.setOp(Op.DELETE).build();
            }
            String rawStatus = lead.requiredText("Status");
            boolean converted = Boolean.TRUE.equals(lead.bool("IsConverted"));
            LeadStatus status = converted ? LeadStatus.CONVERTED : settings.leadStatuses().lookup(rawStatus)
                    .orElseThrow(() -> new InvalidObject("lead status '" + rawStatus
                            + "' is not in the connection's lead status mapping"));
            String ownerId = lead.text("OwnerId");
            if (ownerId == null) {
                missing.add(MissingField.OWNER);
            }
            String firstName = lead.text("FirstName");
            String lastName = lead.text("LastName");
            String name = lead.text("Name");
            return record.setOp(Op.UPSERT)
                    .setFirstName(firstName).setLastName(lastName)
                    .setName(name != null ? name : WireValues.fullName(firstName, lastName))
                    .setEmail(lead.text("Email"))
                    .setPhone(lead.text("Phone"))
                    .setCompany(lead.text("Company"))
                    .setTitle(lead.text("Title"))
                    .setStatus(status).setStatusLabel(rawStatus)
                    .setLeadSource(lead.text("LeadSource"))
                    .setOwnerId(ownerId)
                    .setCreatedAt(lead.instant("CreatedDate"))
                    .setConvertedAt(converted ? startOf(lead.date("ConvertedDate")) : null)
                    .setConvertedContactId(converted ? lead.text("ConvertedContactId") : null)
                    .setConvertedAccountId(converted ? lead.text("ConvertedAccountId") : null)
                    .setConvertedDealId(converted ? lead.text("ConvertedOpportunityId") : null)
                    .build();
        });
    }

    /**
     * Opportunities with their products ({@code OpportunityLineItems}) and contact roles. The stage category comes from
     * the opportunity's own {@code IsClosed}/{@code IsWon}, never from the stage name, unless a user edited the
     * stage's mapping; the probability is the opportunity's own while open (Salesforce's 0–100 as 0–1), 1 when won
     * and 0 when lost. A closed deal closed at the start of its {@code CloseDate} (Salesforce keeps no close time),
     * but never before it was created: a deal closed on the day it was created (or given an earlier close date)
     * closed at its {@code CreatedDate}, the earliest time it can have closed. {@code amountInHomeCurrency} is the
     * amount in the org's corporate currency ({@link OrgCurrencies}), which the KPIs use when it is the home currency.
     *
     * @param versionFloors per opportunity id, the time of the child change that made the run read it again
     */
    public NormalizedBatch<Deal> deals(List<ObjectNode> opportunities, Map<String, Instant> versionFloors) {
        return normalize("deal", opportunities, (opportunity, missing) -> deal(opportunity, missing,
                versionFloors.get(SalesforceRecord.idOf(opportunity.json()))));
    }

    private Deal deal(SalesforceRecord opportunity, Set<MissingField> missing, Instant floor) {
        List<SalesforceRecord> lines = opportunity.children(SalesforceObjects.LINE_ITEMS.relationship());
        List<SalesforceRecord> roles = opportunity.children(SalesforceObjects.CONTACT_ROLES.relationship());
        List<SalesforceRecord> children = new ArrayList<>(lines);
        children.addAll(roles);
        Deal.Builder record = Deal.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.SALESFORCE)
                .setExternalId(opportunity.id()).setSourceUpdatedAt(version(opportunity, children, floor))
                .setSyncedAt(clock.now());
        if (opportunity.deleted()) {
            return record.setOp(Op.DELETE).build();
        }
        String recordType = opportunity.text("RecordTypeId");
        String pipelineId = recordType != null ? recordType : StageMapping.DEFAULT_PIPELINE;
        String stageId = opportunity.requiredText("StageName");
        StageMapping.Stage mapped = settings.stages().lookup(pipelineId, stageId)
                .or(() -> settings.stages().lookup(StageMapping.DEFAULT_PIPELINE, stageId)).orElse(null);
        StageCategory category;
        Double probability;
        if (mapped != null && mapped.edited()) {
            category = mapped.category();
            probability = mapped.probability();
        } else {
            boolean closed = Boolean.TRUE.equals(opportunity.bool("IsClosed"));
            category = !closed ? StageCategory.OPEN
                    : Boolean.TRUE.equals(opportunity.bool("IsWon")) ? StageCategory.WON : StageCategory.LOST;
            probability = switch (category) {
                case WON -> 1.0;
                case LOST -> 0.0;
                case OPEN -> openProbability(opportunity, mapped);
            };
        }
        String currency = currency(opportunity);
        Money amount = money(opportunity, "Amount", currency);
        if (amount == null) {
            missing.add(MissingField.AMOUNT);
        }
        BigDecimal corporate = amount == null ? null
                : settings.currencies().inCorporate(amount.getAmount(), currency);
        Instant createdAt = opportunity.instant("CreatedDate");
        LocalDate closeDate = opportunity.date("CloseDate");
        if (closeDate == null) {
            missing.add(MissingField.CLOSE_DATE);
        }
        String ownerId = opportunity.text("OwnerId");
        if (ownerId == null) {
            missing.add(MissingField.OWNER);
        }
        String recordTypeName = opportunity.text("RecordType.Name");
        Set<String> contactIds = new LinkedHashSet<>();
        String primary = null;
        for (SalesforceRecord role : roles) {
            String contactId = role.text("ContactId");
            if (contactId != null && Boolean.TRUE.equals(role.bool("IsPrimary"))) {
                primary = contactId;
            }
        }
        if (primary != null) {
            contactIds.add(primary);
        }
        roles.forEach(role -> {
            if (role.text("ContactId") != null) {
                contactIds.add(role.text("ContactId"));
            }
        });
        return record.setOp(Op.UPSERT)
                .setName(opportunity.text("Name"))
                .setAmount(amount)
                .setAmountInHomeCurrency(corporate == null ? null
                        : WireValues.money(corporate, settings.orgCurrency(), "amount in the corporate currency"))
                .setPipelineId(pipelineId)
                .setPipelineLabel(recordTypeName != null ? recordTypeName
                        : settings.stages().pipelineLabel(pipelineId).orElse(null))
                .setStageId(stageId)
                .setStageLabel(mapped != null && mapped.stageLabel() != null ? mapped.stageLabel() : stageId)
                .setStageCategory(category).setProbability(probability)
                .setForecastCategory(opportunity.text("ForecastCategoryName"))
                .setDealType(opportunity.text("Type"))
                .setCreatedAt(createdAt)
                .setExpectedCloseDate(closeDate)
                .setClosedAt(category == StageCategory.OPEN ? null
                        : closeDate != null ? notBefore(startOf(closeDate), createdAt) : modified(opportunity))
                .setOwnerId(ownerId)
                .setLeadSource(opportunity.text("LeadSource"))
                .setLossReason(category == StageCategory.LOST && settings.lossReasonField() != null
                        ? opportunity.text(settings.lossReasonField()) : null)
                .setContactIds(new ArrayList<>(contactIds))
                .setPrimaryContactId(primary != null ? primary : WireValues.first(new ArrayList<>(contactIds)))
                .setAccountId(opportunity.text("AccountId"))
                .setLineItems(lineItems(lines, currency))
                .build();
    }

    /** An open deal's own probability; the stage's default when the deal has none. */
    private static Double openProbability(SalesforceRecord opportunity, StageMapping.Stage mapped) {
        BigDecimal percent = opportunity.decimal("Probability");
        if (percent != null) {
            return percent.movePointLeft(2).doubleValue();
        }
        return mapped == null ? null : mapped.probability();
    }

    /** Opportunity products: {@code TotalPrice} = quantity × sales price × (1 − {@code Discount} %). */
    private List<LineItem> lineItems(List<SalesforceRecord> lines, String dealCurrency) {
        List<LineItem> items = new ArrayList<>();
        for (SalesforceRecord line : lines) {
            try {
                String currency = line.text(SalesforceObjects.CURRENCY) == null ? dealCurrency
                        : WireValues.currencyCode(line.text(SalesforceObjects.CURRENCY), where(SalesforceObjects.CURRENCY));
                BigDecimal quantity = required(line, "Quantity");
                BigDecimal unitPrice = required(line, "UnitPrice");
                BigDecimal discountPercent = line.decimal("Discount");
                Money total = money(line, "TotalPrice", currency);
                String name = line.text("Name");
                items.add(LineItem.newBuilder()
                        .setLineItemId(line.id()).setProductId(line.text("Product2Id"))
                        .setName(name != null ? name : line.requiredText("ProductCode"))
                        .setSku(line.text("ProductCode"))
                        .setQuantity(WireValues.quantity(quantity, where("Quantity")))
                        .setUnitPrice(WireValues.money(unitPrice, currency, where("UnitPrice")))
                        .setDiscountRate(discountPercent == null ? null
                                : WireValues.rate(discountPercent.movePointLeft(2), where("Discount")))
                        .setDiscountAmount(discountPercent == null || total == null ? null : WireValues.money(
                                quantity.multiply(unitPrice).subtract(total.getAmount()), currency, where("Discount")))
                        .setAmount(total)
                        .build());
            } catch (InvalidObject invalid) {
                throw new InvalidObject("line item " + SalesforceRecord.idOf(line.json()) + ": " + invalid.getMessage());
            }
        }
        return items;
    }

    /**
     * Products with their price in the standard price book: the entry in the org's currency (multi-currency orgs
     * keep one per currency), else the first active one. A deleted product is a DELETE record with {@code active}
     * false.
     */
    public NormalizedBatch<Product> products(List<ObjectNode> products, Map<String, Instant> versionFloors) {
        return normalize("product", products, (product, missing) -> {
            List<SalesforceRecord> prices = product.children(SalesforceObjects.STANDARD_PRICES.relationship());
            Product.Builder record = Product.newBuilder().setTenantId(settings.tenantId())
                    .setConnectionId(settings.connectionId()).setSource(CrmSource.SALESFORCE)
                    .setExternalId(product.id())
                    .setSourceUpdatedAt(version(product, prices, versionFloors.get(SalesforceRecord.idOf(product.json()))))
                    .setSyncedAt(clock.now());
            if (product.deleted()) {
                return record.setOp(Op.DELETE).setActive(false).build();
            }
            Boolean active = product.bool("IsActive");
            return record.setOp(Op.UPSERT)
                    .setName(product.text("Name"))
                    .setSku(product.text("ProductCode"))
                    .setDescription(product.text("Description"))
                    .setUnitPrice(standardPrice(prices))
                    .setActive(active == null || active)
                    .setCreatedAt(product.instant("CreatedDate"))
                    .build();
        });
    }

    private Money standardPrice(List<SalesforceRecord> prices) {
        SalesforceRecord chosen = null;
        for (SalesforceRecord price : prices) {
            boolean active = !Boolean.FALSE.equals(price.bool("IsActive"));
            String currency = price.text(SalesforceObjects.CURRENCY);
            if (active && (currency == null || currency.equalsIgnoreCase(settings.orgCurrency()))) {
                chosen = price;
                break;
            }
            if (chosen == null && active) {
                chosen = price;
            }
        }
        return chosen == null ? null : money(chosen, "UnitPrice", currency(chosen));
    }

    /**
     * Invoices (Salesforce Billing and Order Management) with their lines. {@code Status} Draft is DRAFT, Posted is
     * SENT, PARTIALLY_PAID or PAID by its {@code Balance}, Canceled is VOID; another status is a rejection. Invoices
     * dated before the connection's {@code syncInvoicesSince} are left out; their deletions are not.
     */
    public NormalizedBatch<Invoice> invoices(List<ObjectNode> invoices) {
        return normalize("invoice", invoices, (invoice, missing) -> {
            Instant modified = modified(invoice);
            Invoice.Builder record = Invoice.newBuilder().setTenantId(settings.tenantId())
                    .setConnectionId(settings.connectionId()).setSource(CrmSource.SALESFORCE)
                    .setExternalId(invoice.id()).setSourceUpdatedAt(modified).setSyncedAt(clock.now());
            if (invoice.deleted()) {
                return record.setOp(Op.DELETE).build();
            }
            Instant createdAt = invoice.instant("CreatedDate");
            LocalDate issueDate = invoice.date("InvoiceDate");
            Instant issued = issueDate != null ? startOf(issueDate) : createdAt;
            if (issued != null && issued.isBefore(settings.invoicesSince())) {
                return null;
            }
            String currency = currency(invoice);
            Money total = money(invoice, "TotalAmountWithTax", currency);
            if (total == null) {
                total = money(invoice, "TotalAmount", currency);
            }
            Money balance = money(invoice, "Balance", currency);
            String statusLabel = invoice.requiredText("Status");
            InvoiceStatus status = invoiceStatus(statusLabel, total, balance);
            List<InvoiceLine> lines = invoiceLines(invoice.children(SalesforceObjects.INVOICE_LINES.relationship()),
                    currency);
            return record.setOp(Op.UPSERT)
                    .setNumber(invoice.text("DocumentNumber"))
                    .setStatus(status).setStatusLabel(statusLabel)
                    .setContactId(invoice.text("BillToContactId"))
                    .setAccountId(invoice.text("BillingAccountId"))
                    .setIssueDate(issueDate)
                    .setDueDate(invoice.date("DueDate"))
                    .setCurrency(currency)
                    .setLines(lines)
                    .setSubtotal(lines.isEmpty() ? null : subtotal(lines, currency))
                    .setTaxTotal(money(invoice, "TotalTaxAmount", currency))
                    .setTotal(total)
                    .setAmountDue(balance)
                    .setAmountPaid(total == null || balance == null || status == InvoiceStatus.VOID ? null
                            : WireValues.money(total.getAmount().subtract(balance.getAmount()), currency, where("Balance")))
                    .setCreatedAt(createdAt)
                    // Salesforce keeps no payment or cancellation time on the invoice: its last change is the latest.
                    .setPaidAt(status == InvoiceStatus.PAID ? modified : null)
                    .setVoidedAt(status == InvoiceStatus.VOID ? modified : null)
                    .build();
        });
    }

    private static InvoiceStatus invoiceStatus(String label, Money total, Money balance) {
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "draft" -> InvoiceStatus.DRAFT;
            case "posted" -> {
                if (balance == null || total == null || balance.getAmount().compareTo(total.getAmount()) >= 0) {
                    yield InvoiceStatus.SENT;
                }
                yield balance.getAmount().signum() <= 0 ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID;
            }
            case "canceled", "cancelled" -> InvoiceStatus.VOID;
            default -> throw new InvalidObject("field 'Status' has an unknown value: \"" + label + "\"");
        };
    }

    /** Charge lines (tax and adjustment lines are in the invoice's totals); each must state its amount. */
    private List<InvoiceLine> invoiceLines(List<SalesforceRecord> lines, String invoiceCurrency) {
        List<InvoiceLine> invoiceLines = new ArrayList<>();
        for (SalesforceRecord line : lines) {
            String type = line.text("Type");
            if (type != null && !type.equalsIgnoreCase("Charge")) {
                continue;
            }
            try {
                String currency = line.text(SalesforceObjects.CURRENCY) == null ? invoiceCurrency : currency(line);
                Money amount = money(line, "LineAmount", currency);
                if (amount == null) {
                    amount = money(line, "ChargeAmount", currency);
                }
                if (amount == null) {
                    throw new InvalidObject("fields 'LineAmount' and 'ChargeAmount' are empty");
                }
                BigDecimal quantity = line.decimal("Quantity");
                BigDecimal unitPrice = line.decimal("UnitPrice");
                invoiceLines.add(InvoiceLine.newBuilder()
                        .setLineId(line.id()).setProductId(line.text("Product2Id"))
                        .setName(line.requiredText("Name"))
                        .setQuantity(WireValues.quantity(quantity == null ? BigDecimal.ONE : quantity, where("Quantity")))
                        .setUnitPrice(unitPrice != null ? WireValues.money(unitPrice, currency, where("UnitPrice"))
                                : amount)
                        .setTaxAmount(money(line, "TaxAmount", currency))
                        .setAmount(amount)
                        .build());
            } catch (InvalidObject invalid) {
                throw new InvalidObject("invoice line " + SalesforceRecord.idOf(line.json()) + ": " + invalid.getMessage());
            }
        }
        return invoiceLines;
    }

    private static Money subtotal(List<InvoiceLine> lines, String currency) {
        BigDecimal sum = BigDecimal.ZERO;
        for (InvoiceLine line : lines) {
            sum = sum.add(line.getQuantity().multiply(line.getUnitPrice().getAmount()));
        }
        return WireValues.money(sum.setScale(4, RoundingMode.HALF_EVEN), currency, "the lines' subtotal");
    }

    private <T extends SpecificRecord> NormalizedBatch<T> normalize(String entity, List<ObjectNode> records,
            NormalizedBatch.Mapper<SalesforceRecord, T> mapper) {
        return NormalizedBatch.of(entity, records, SalesforceRecord::idOf, JsonNode::toString,
                (json, missing) -> mapper.map(new SalesforceRecord(json), missing));
    }

    private static Instant modified(SalesforceRecord record) {
        Instant modified = record.instant(SalesforceObjects.SYSTEM_MODSTAMP);
        if (modified == null) {
            throw new InvalidObject("no last-modified time: field 'SystemModstamp' is empty");
        }
        return modified;
    }

    /** The newest of the record's own, its children's and the floor's times. */
    private static Instant version(SalesforceRecord record, List<SalesforceRecord> children, Instant floor) {
        Instant version = modified(record);
        for (SalesforceRecord child : children) {
            Instant changed = child.instant(SalesforceObjects.SYSTEM_MODSTAMP);
            if (changed != null && changed.isAfter(version)) {
                version = changed;
            }
        }
        return floor != null && floor.isAfter(version) ? floor : version;
    }

    /** The record's currency in a multi-currency org, else the org's one currency. */
    private String currency(SalesforceRecord record) {
        String code = record.text(SalesforceObjects.CURRENCY);
        return code == null ? settings.orgCurrency() : WireValues.currencyCode(code, where(SalesforceObjects.CURRENCY));
    }

    private static Money money(SalesforceRecord record, String field, String currency) {
        BigDecimal amount = record.decimal(field);
        return amount == null ? null : WireValues.money(amount, currency, where(field));
    }

    private static BigDecimal required(SalesforceRecord record, String field) {
        BigDecimal value = record.decimal(field);
        if (value == null) {
            throw new InvalidObject("field '" + field + "' is empty");
        }
        return value;
    }

    /** A calendar date as the start of that day in the tenant's time zone, where the KPIs count it. */
    private static Instant notBefore(Instant instant, Instant earliest) {
        return earliest != null && instant.isBefore(earliest) ? earliest : instant;
    }

    private Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay(settings.timeZone()).toInstant();
    }

    /** {@code https://www.acme.com/about} → {@code acme.com}. */
    private static String domainOf(String website) {
        if (website == null) {
            return null;
        }
        String host = website.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "")
                .replaceFirst("[/?#:].*$", "").replaceFirst("^www\\.", "");
        return host.isEmpty() ? null : host;
    }

    private static String where(String field) {
        return "field '" + field + "'";
    }
}
