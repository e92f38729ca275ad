package dev.ledgerline.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.sync.InvalidObject;
import dev.ledgerline.connector.sync.MissingField;
import dev.ledgerline.connector.sync.NormalizedBatch;
import dev.ledgerline.connector.sync.Rejection;
import dev.ledgerline.connector.sync.WireValues;
import dev.ledgerline.connector.sync.SyncClock;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Address;
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
import dev.ledgerline.wire.Payment;
import dev.ledgerline.wire.PaymentKind;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns HubSpot CRM v3 objects into the canonical records of one connection. Each page is normalised object by
 * object: an object that cannot be normalised (no id, an unreadable number or date, an unmapped stage) becomes a
 * {@link Rejection} and the rest of the page goes on. An incomplete object is not invalid: a deal without a stage,
 * pipeline, amount, close date or owner is published, and what it lacks is reported with the batch
 * ({@link MissingField}). Archived objects become DELETE records carrying only the envelope, since a deletion must
 * get through even when the deleted state no longer normalises.
 */
public final class HubSpotNormalizer {


    /** Payment states in which the money arrived (and possibly went back in part or whole). */
    private static final Set<String> RECEIVED = Set.of("succeeded", "partially_refunded", "refunded",
            "processing_refund", "disputed_won", "disputed_lost", "disputed_action_required",
            "disputed_awaiting_decision");
    /** Payment states in which no money arrived (yet); such payments are published once they succeed. */
    private static final Set<String> NOT_RECEIVED = Set.of("processing", "failed");

    private final NormalizationSettings settings;
    private final SyncClock clock;

    public HubSpotNormalizer(NormalizationSettings settings, SyncClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Deals with their line items. {@code lineItemsById} holds the line items the deals are associated with, read
     * by the caller (batch read); an associated line item missing from it was deleted and is left out.
     */
    public NormalizedBatch<Deal> deals(List<JsonNode> deals, Map<String, JsonNode> lineItemsById) {
        return normalize("deal", deals, (deal, missing) -> deal(deal, lineItemsById, missing));
    }

    public NormalizedBatch<Contact> contacts(List<JsonNode> contacts) {
        return normalize("contact", contacts, this::contact);
    }

    /** HubSpot companies as accounts. */
    public NormalizedBatch<Account> accounts(List<JsonNode> companies) {
        return normalize("account", companies, (company, missing) -> account(company));
    }

    /** Owners from {@code /crm/v3/owners}: top-level fields, no properties. */
    public NormalizedBatch<Owner> owners(List<JsonNode> owners) {
        return normalize("owner", owners, (owner, missing) -> owner(owner));
    }

    public NormalizedBatch<Product> products(List<JsonNode> products) {
        return normalize("product", products, (product, missing) -> product(product));
    }

    public NormalizedBatch<Lead> leads(List<JsonNode> leads) {
        return normalize("lead", leads, this::lead);
    }

    /**
     * Invoices with their own line items ({@code lineItemsById}, read by the caller like a deal's). Invoices issued
     * before {@code issuedSince} (the connection's {@code syncInvoicesSince}) are left out; their deletions are not,
     * since a DELETE of a record never published is harmless.
     */
    public NormalizedBatch<Invoice> invoices(List<JsonNode> invoices, Map<String, JsonNode> lineItemsById,
            Instant issuedSince) {
        return normalize("invoice", invoices,
                (invoice, missing) -> invoice(invoice, lineItemsById, issuedSince));
    }

    /** Commerce payments; a payment whose money has not arrived (processing, failed) is left out until it has. */
    public NormalizedBatch<Payment> payments(List<JsonNode> payments) {
        return normalize("payment", payments, (payment, missing) -> payment(payment));
    }

    /**
     * Normalises object by object. A mapper answers null for an object that is deliberately not published, and adds
     * to its second argument the fields the object lacks.
     */
    private <T extends SpecificRecord> NormalizedBatch<T> normalize(String entity, List<JsonNode> objects,
            BiFunction<HubSpotObject, Set<MissingField>, T> mapper) {
        return NormalizedBatch.of(entity, objects, HubSpotObject::idOf, JsonNode::toString,
                (json, missing) -> mapper.apply(new HubSpotObject(json, settings.timeZone()), missing));
    }

    /** The identity and version every record carries. */
    private record Envelope(String externalId, Op op, Instant sourceUpdatedAt, Instant syncedAt) {
    }

    /**
     * The envelope of a CRM object: archived objects are deletions, versioned by {@code archivedAt} because
     * archiving leaves the last-modified property unchanged.
     */
    private Envelope envelope(HubSpotObject object, HubSpotObjectType type) {
        String id = object.id();
        Instant modified = object.instant(type.lastModifiedProperty());
        if (modified == null) {
            modified = object.instantField("updatedAt");
        }
        if (object.archived()) {
            Instant archivedAt = object.instantField("archivedAt");
            return new Envelope(id, Op.DELETE, required(archivedAt != null ? archivedAt : modified, type), clock.now());
        }
        return new Envelope(id, Op.UPSERT, required(modified, type), clock.now());
    }

    private static Instant required(Instant modified, HubSpotObjectType type) {
        if (modified == null) {
            throw new InvalidObject("no last-modified time: property '" + type.lastModifiedProperty()
                    + "' and field 'updatedAt' are empty");
        }
        return modified;
    }

    /**
     * A deal. Without a stage it is OPEN with no stage and no probability (it counts in the open pipeline, not in the
     * weighted one); without a pipeline it is in HubSpot's default pipeline, where HubSpot itself puts such deals,
     * and a stage is looked up there. A closed deal without a close date takes its last modification as closedAt,
     * the latest time it can have closed. Only a stage the mapping cannot place is a rejection.
     */
    private Deal deal(HubSpotObject deal, Map<String, JsonNode> lineItemsById, Set<MissingField> missing) {
        Envelope envelope = envelope(deal, HubSpotObjectType.DEALS);
        Deal.Builder record = Deal.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.HUBSPOT)
                .setExternalId(envelope.externalId()).setOp(envelope.op())
                .setSourceUpdatedAt(envelope.sourceUpdatedAt()).setSyncedAt(envelope.syncedAt());
        if (envelope.op() == Op.DELETE) {
            return record.build();
        }
        String pipelineId = deal.text("pipeline");
        if (pipelineId == null) {
            missing.add(MissingField.PIPELINE);
            pipelineId = StageMapping.DEFAULT_PIPELINE;
        }
        String stageId = deal.text("dealstage");
        StageMapping.Stage stage;
        if (stageId == null) {
            missing.add(MissingField.STAGE);
            stage = new StageMapping.Stage(settings.stages().pipelineLabel(pipelineId).orElse(null), null,
                    StageCategory.OPEN, null);
        } else {
            String pipeline = pipelineId;
            stage = settings.stages().lookup(pipeline, stageId).orElseThrow(() -> new InvalidObject("stage '"
                    + stageId + "' of pipeline '" + pipeline + "' is not in the connection's stage mapping"));
        }
        String currency = currency(deal, "deal_currency_code");
        Money amount = money(deal, "amount", currency);
        if (amount == null) {
            missing.add(MissingField.AMOUNT);
        }
        Instant closeDate = deal.instant("closedate");
        if (closeDate == null) {
            missing.add(MissingField.CLOSE_DATE);
        }
        String ownerId = deal.text("hubspot_owner_id");
        if (ownerId == null) {
            missing.add(MissingField.OWNER);
        }
        List<String> contactIds = deal.associatedIds("contacts");
        return record.setName(deal.text("dealname"))
                .setAmount(amount)
                .setAmountInHomeCurrency(money(deal, "amount_in_home_currency", portalCurrency()))
                .setPipelineId(pipelineId).setPipelineLabel(stage.pipelineLabel())
                .setStageId(stageId).setStageLabel(stage.stageLabel())
                .setStageCategory(stage.category()).setProbability(stage.probability())
                .setForecastCategory(deal.text("hs_forecast_category"))
                .setDealType(deal.text("dealtype"))
                .setCreatedAt(createdAt(deal))
                .setExpectedCloseDate(deal.date("closedate"))
                .setClosedAt(stage.category() == StageCategory.OPEN ? null
                        : Objects.requireNonNullElse(closeDate, envelope.sourceUpdatedAt()))
                .setOwnerId(ownerId)
                .setLeadSource(deal.text("hs_analytics_source"))
                .setLossReason(stage.category() == StageCategory.LOST ? deal.text("closed_lost_reason") : null)
                .setContactIds(contactIds)
                .setPrimaryContactId(contactIds.isEmpty() ? null : contactIds.get(0))
                .setAccountId(WireValues.first(deal.associatedIds("companies")))
                .setLineItems(lineItems(deal, lineItemsById, currency))
                .build();
    }

    /** The values a deal's line item and an invoice line share, read once from a HubSpot line item. */
    private record Line(String id, String productId, String name, String sku, BigDecimal quantity, Money unitPrice,
                        Money discountAmount, BigDecimal discountRate, Money amount) {
    }

    /**
     * The associated line items of a deal or invoice, in association order, each built by {@code build}; an
     * associated line item missing from {@code lineItemsById} was deleted and is left out.
     */
    private <T> List<T> lines(HubSpotObject parent, Map<String, JsonNode> lineItemsById, String parentCurrency,
            Function<Line, T> build) {
        List<T> lines = new ArrayList<>();
        for (String id : parent.associatedIds("line_items")) {
            JsonNode json = lineItemsById.get(id);
            if (json != null) {
                try {
                    lines.add(build.apply(line(new HubSpotObject(json, settings.timeZone()), parentCurrency)));
                } catch (InvalidObject | AvroRuntimeException invalid) {
                    throw new InvalidObject("line item " + id + ": " + invalid.getMessage());
                }
            }
        }
        return lines;
    }

    private List<LineItem> lineItems(HubSpotObject deal, Map<String, JsonNode> lineItemsById, String dealCurrency) {
        return lines(deal, lineItemsById, dealCurrency, line -> LineItem.newBuilder()
                .setLineItemId(line.id()).setProductId(line.productId()).setName(line.name()).setSku(line.sku())
                .setQuantity(line.quantity()).setUnitPrice(line.unitPrice())
                .setDiscountAmount(line.discountAmount()).setDiscountRate(line.discountRate())
                .setAmount(line.amount())
                .build());
    }

    private Line line(HubSpotObject item, String parentCurrency) {
        String currency = item.text("hs_line_item_currency_code") == null ? parentCurrency
                : currency(item, "hs_line_item_currency_code");
        BigDecimal discountPercentage = item.decimal("hs_discount_percentage");
        return new Line(item.id(), item.text("hs_product_id"), item.requiredText("name"), item.text("hs_sku"),
                WireValues.quantity(item.requiredDecimal("quantity"), where("quantity")),
                toMoney(item.requiredDecimal("price"), currency, "price"),
                money(item, "hs_total_discount", currency),
                discountPercentage == null ? null
                        : WireValues.rate(discountPercentage.movePointLeft(2), where("hs_discount_percentage")),
                money(item, "amount", currency));
    }

    private Contact contact(HubSpotObject contact, Set<MissingField> missing) {
        Envelope envelope = envelope(contact, HubSpotObjectType.CONTACTS);
        Contact.Builder record = Contact.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.HUBSPOT)
                .setExternalId(envelope.externalId()).setOp(envelope.op())
                .setSourceUpdatedAt(envelope.sourceUpdatedAt()).setSyncedAt(envelope.syncedAt());
        if (envelope.op() == Op.DELETE) {
            return record.build();
        }
        String firstName = contact.text("firstname");
        String lastName = contact.text("lastname");
        String companyId = contact.text("associatedcompanyid");
        List<String> emails = new ArrayList<>(WireValues.present(contact.text("email")));
        String additionalEmails = contact.text("hs_additional_emails");
        if (additionalEmails != null) {
            // HubSpot keeps further addresses in one property, separated by semicolons.
            Arrays.stream(additionalEmails.split(";")).map(String::trim).filter(email -> !email.isEmpty())
                    .forEach(emails::add);
        }
        if (emails.isEmpty()) {
            missing.add(MissingField.EMAIL);
        }
        return record.setFirstName(firstName).setLastName(lastName).setName(WireValues.fullName(firstName, lastName))
                .setEmails(emails)
                .setPhones(WireValues.present(contact.text("phone"), contact.text("mobilephone")))
                .setTitle(contact.text("jobtitle"))
                .setAccountId(companyId != null ? companyId : WireValues.first(contact.associatedIds("companies")))
                .setAddress(address(contact.text("address"), contact))
                .setLifecycleStage(contact.text("lifecyclestage"))
                .setLeadSource(contact.text("hs_analytics_source"))
                .setOwnerId(contact.text("hubspot_owner_id"))
                .setCreatedAt(createdAt(contact))
                .setDealIds(contact.associatedIds("deals"))
                .build();
    }

    private Account account(HubSpotObject company) {
        Envelope envelope = envelope(company, HubSpotObjectType.COMPANIES);
        Account.Builder record = Account.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.HUBSPOT)
                .setExternalId(envelope.externalId()).setOp(envelope.op())
                .setSourceUpdatedAt(envelope.sourceUpdatedAt()).setSyncedAt(envelope.syncedAt());
        if (envelope.op() == Op.DELETE) {
            return record.build();
        }
        return record.setName(company.text("name"))
                .setDomain(company.text("domain"))
                .setPhone(company.text("phone"))
                .setAddress(address(WireValues.joined("\n", company.text("address"), company.text("address2")), company))
                .setIndustry(company.text("industry"))
                .setEmployeeCount(company.integer("numberofemployees"))
                .setAnnualRevenue(money(company, "annualrevenue", portalCurrency()))
                .setParentAccountId(company.text("hs_parent_company_id"))
                .setOwnerId(company.text("hubspot_owner_id"))
                .setCreatedAt(createdAt(company))
                .build();
    }

    /** Archived owners stay UPSERTs with {@code active} false: they still own deals that KPIs attribute to them. */
    private Owner owner(HubSpotObject owner) {
        String firstName = owner.field("firstName");
        String lastName = owner.field("lastName");
        Instant updatedAt = owner.instantField("updatedAt");
        if (updatedAt == null) {
            throw new InvalidObject("no last-modified time: field 'updatedAt' is empty");
        }
        return Owner.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.HUBSPOT)
                .setExternalId(owner.id()).setOp(Op.UPSERT)
                .setSourceUpdatedAt(updatedAt).setSyncedAt(clock.now())
                .setFirstName(firstName).setLastName(lastName).setName(WireValues.fullName(firstName, lastName))
                .setEmail(owner.field("email"))
                .setTeam(primaryTeam(owner))
                .setActive(!owner.archived())
                .build();
    }

    private Product product(HubSpotObject product) {
        Envelope envelope = envelope(product, HubSpotObjectType.PRODUCTS);
        Product.Builder record = Product.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.HUBSPOT)
                .setExternalId(envelope.externalId()).setOp(envelope.op())
                .setSourceUpdatedAt(envelope.sourceUpdatedAt()).setSyncedAt(envelope.syncedAt());
        if (envelope.op() == Op.DELETE) {
            return record.setActive(false).build();
        }
        return record.setName(product.text("name"))
                .setSku(product.text("hs_sku"))
                .setDescription(product.text("description"))
                .setUnitPrice(money(product, "price", portalCurrency()))
                .setUnitCost(money(product, "hs_cost_of_goods_sold", portalCurrency()))
                .setActive(true)
                .setCreatedAt(createdAt(product))
                .build();
    }

    private Lead lead(HubSpotObject lead, Set<MissingField> missing) {
        Envelope envelope = envelope(lead, HubSpotObjectType.LEADS);
        Lead.Builder record = Lead.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.HUBSPOT)
                .setExternalId(envelope.externalId()).setOp(envelope.op())
                .setSourceUpdatedAt(envelope.sourceUpdatedAt()).setSyncedAt(envelope.syncedAt());
        if (envelope.op() == Op.DELETE) {
            return record.build();
        }
        String stageId = lead.requiredText("hs_pipeline_stage");
        LeadStatus status = settings.leadStatuses().lookup(stageId).orElseThrow(() -> new InvalidObject(
                "lead stage '" + stageId + "' is not in the connection's lead status mapping"));
        String firstName = lead.text("hs_associated_contact_firstname");
        String lastName = lead.text("hs_associated_contact_lastname");
        String leadName = lead.text("hs_lead_name");
        String ownerId = lead.text("hubspot_owner_id");
        if (ownerId == null) {
            missing.add(MissingField.OWNER);
        }
        return record.setFirstName(firstName).setLastName(lastName)
                .setName(leadName != null ? leadName : WireValues.fullName(firstName, lastName))
                .setEmail(lead.text("hs_associated_contact_email"))
                .setCompany(lead.text("hs_associated_company_name"))
                .setStatus(status).setStatusLabel(stageId)
                .setOwnerId(ownerId)
                .setCreatedAt(createdAt(lead))
                .build();
    }

    private Invoice invoice(HubSpotObject invoice, Map<String, JsonNode> lineItemsById, Instant issuedSince) {
        Envelope envelope = envelope(invoice, HubSpotObjectType.INVOICES);
        Invoice.Builder record = Invoice.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.HUBSPOT)
                .setExternalId(envelope.externalId()).setOp(envelope.op())
                .setSourceUpdatedAt(envelope.sourceUpdatedAt()).setSyncedAt(envelope.syncedAt());
        if (envelope.op() == Op.DELETE) {
            return record.build();
        }
        Instant createdAt = createdAt(invoice);
        Instant issuedAt = invoice.instant("hs_invoice_date");
        Instant issued = issuedAt != null ? issuedAt : createdAt;
        if (issued != null && issued.isBefore(issuedSince)) {
            return null;
        }
        String currency = currency(invoice, "hs_currency");
        Money total = money(invoice, "hs_amount_billed", currency);
        Money amountDue = money(invoice, "hs_balance_due", currency);
        String statusLabel = invoice.requiredText("hs_invoice_status");
        InvoiceStatus status = invoiceStatus(statusLabel, total, amountDue);
        Money amountPaid = money(invoice, "hs_amount_paid", currency);
        if (amountPaid == null && total != null && amountDue != null && status != InvoiceStatus.VOID) {
            // What was billed and is no longer due was paid; a voided invoice's balance says nothing about that.
            amountPaid = new Money(total.getAmount().subtract(amountDue.getAmount()), currency);
        }
        List<InvoiceLine> lines = lines(invoice, lineItemsById, currency, HubSpotNormalizer::invoiceLine);
        String companyName = invoice.text("hs_invoice_latest_company_name");
        Instant paymentDate = invoice.instant("hs_payment_date");
        return record.setNumber(invoice.text("hs_number"))
                .setStatus(status).setStatusLabel(statusLabel)
                .setCustomerName(companyName != null ? companyName : WireValues.fullName(
                        invoice.text("hs_invoice_latest_contact_firstname"),
                        invoice.text("hs_invoice_latest_contact_lastname")))
                .setCustomerEmail(invoice.text("hs_invoice_latest_contact_email"))
                .setContactId(WireValues.first(invoice.associatedIds("contacts")))
                .setAccountId(WireValues.first(invoice.associatedIds("companies")))
                .setDealId(WireValues.first(invoice.associatedIds("deals")))
                .setIssueDate(invoice.date("hs_invoice_date"))
                .setDueDate(invoice.date("hs_due_date"))
                .setCurrency(currency)
                .setLines(lines)
                .setSubtotal(lines.isEmpty() ? null : listTotal(lines, currency))
                .setTotal(total)
                .setAmountPaid(amountPaid)
                .setAmountDue(amountDue)
                .setCreatedAt(createdAt)
                // HubSpot documents no void date and may leave the payment date empty: a paid or voided invoice
                // then takes its last modification, which is when it changed state unless edited since.
                .setPaidAt(status == InvoiceStatus.PAID
                        ? Objects.requireNonNullElse(paymentDate, envelope.sourceUpdatedAt()) : null)
                .setVoidedAt(status == InvoiceStatus.VOID ? envelope.sourceUpdatedAt() : null)
                .build();
    }

    /** An invoice line must state its net amount: the ledger books it as is. */
    private static InvoiceLine invoiceLine(Line line) {
        if (line.amount() == null) {
            throw new InvalidObject("property 'amount' is empty");
        }
        return InvoiceLine.newBuilder()
                .setLineId(line.id()).setProductId(line.productId()).setName(line.name()).setSku(line.sku())
                .setQuantity(line.quantity()).setUnitPrice(line.unitPrice())
                .setDiscountAmount(line.discountAmount()).setDiscountRate(line.discountRate())
                .setAmount(line.amount())
                .build();
    }

    /** HubSpot's four invoice states; an open invoice whose balance is below what it billed is partially paid. */
    private static InvoiceStatus invoiceStatus(String label, Money total, Money amountDue) {
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "draft" -> InvoiceStatus.DRAFT;
            case "open" -> total != null && amountDue != null && amountDue.getAmount().signum() > 0
                    && amountDue.getAmount().compareTo(total.getAmount()) < 0
                    ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.SENT;
            case "paid" -> InvoiceStatus.PAID;
            case "voided" -> InvoiceStatus.VOID;
            default -> throw new InvalidObject("property 'hs_invoice_status' has an unknown value: \"" + label + "\"");
        };
    }

    /** Sum of quantity × unit price over the lines, before discounts and tax. */
    private static Money listTotal(List<InvoiceLine> lines, String currency) {
        BigDecimal sum = BigDecimal.ZERO;
        for (InvoiceLine line : lines) {
            sum = sum.add(line.getQuantity().multiply(line.getUnitPrice().getAmount()));
        }
        return toMoney(sum, currency, "subtotal");
    }

    private Payment payment(HubSpotObject payment) {
        Envelope envelope = envelope(payment, HubSpotObjectType.PAYMENTS);
        Payment.Builder record = Payment.newBuilder().setTenantId(settings.tenantId())
                .setConnectionId(settings.connectionId()).setSource(CrmSource.HUBSPOT)
                .setExternalId(envelope.externalId()).setOp(envelope.op())
                .setSourceUpdatedAt(envelope.sourceUpdatedAt()).setSyncedAt(envelope.syncedAt());
        if (envelope.op() == Op.DELETE) {
            return record.build();
        }
        String status = payment.requiredText("hs_latest_status").trim().toLowerCase(Locale.ROOT);
        if (NOT_RECEIVED.contains(status)) {
            return null;
        }
        if (!RECEIVED.contains(status)) {
            throw new InvalidObject("property 'hs_latest_status' has an unknown value: \"" + status + "\"");
        }
        String currency = currency(payment, "hs_currency_code");
        BigDecimal refunded = payment.decimal("hs_refunds_amount");
        BigDecimal gross = payment.requiredDecimal("hs_initial_amount");
        String invoiceId = WireValues.first(payment.associatedIds("invoices"));
        return record.setInvoiceId(invoiceId)
                .setDealId(WireValues.first(payment.associatedIds("deals")))
                .setContactId(WireValues.first(payment.associatedIds("contacts")))
                .setCustomerEmail(payment.text("hs_customer_email"))
                .setAmount(toMoney(refunded == null ? gross : gross.subtract(refunded), currency, "hs_initial_amount"))
                .setMethod(payment.text("hs_payment_method_type"))
                .setKind(paymentKind(payment.text("hs_payment_source_app"), invoiceId))
                .setReference(payment.text("hs_reference_number"))
                .setPaidAt(payment.instant("hs_initiated_date"))
                .build();
    }

    /** What created the payment (checkout, quote, invoice, subscription); else whether it settles an invoice. */
    private static PaymentKind paymentKind(String sourceApp, String invoiceId) {
        String source = sourceApp == null ? "" : sourceApp.trim().toUpperCase(Locale.ROOT);
        return switch (source) {
            case "SALES_CHECKOUT", "QUOTE" -> PaymentKind.ORDER;
            case "SUBSCRIPTION" -> PaymentKind.SUBSCRIPTION;
            case "INVOICE" -> PaymentKind.INVOICE;
            default -> invoiceId != null ? PaymentKind.INVOICE : PaymentKind.OTHER;
        };
    }

    private String portalCurrency() {
        return settings.portalCurrency();
    }

    /** The object's currency property, or the portal currency when the object has none. */
    private String currency(HubSpotObject object, String property) {
        String code = object.text(property);
        if (code == null) {
            return portalCurrency();
        }
        return WireValues.currencyCode(code, where(property));
    }

    private static Money money(HubSpotObject object, String property, String currency) {
        BigDecimal amount = object.decimal(property);
        return amount == null ? null : toMoney(amount, currency, property);
    }

    private static Money toMoney(BigDecimal amount, String currency, String property) {
        return WireValues.money(amount, currency, where(property));
    }

    private static String where(String property) {
        return "property '" + property + "'";
    }

    /** Commerce objects (invoices, payments) name the creation time {@code hs_createdate}. */
    private static Instant createdAt(HubSpotObject object) {
        Instant created = object.instant("createdate");
        if (created == null) {
            created = object.instant("hs_createdate");
        }
        return created != null ? created : object.instantField("createdAt");
    }

    private static Address address(String street, HubSpotObject object) {
        return WireValues.address(street, object.text("city"), object.text("state"), object.text("zip"),
                object.text("country"));
    }

    private static String primaryTeam(HubSpotObject owner) {
        String firstTeam = null;
        for (JsonNode team : owner.teams()) {
            if (team.path("primary").asBoolean(false)) {
                return team.path("name").asText(null);
            }
            if (firstTeam == null) {
                firstTeam = team.path("name").asText(null);
            }
        }
        return firstTeam;
    }
}
