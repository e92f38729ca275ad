package dev.ledgerline.ledger;

import dev.ledgerline.devstack.TopicInput;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CatalogItem;
import dev.ledgerline.wire.ConnectionSettings;
import dev.ledgerline.wire.ConnectionStatus;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.CustomerKind;
import dev.ledgerline.wire.CustomerScope;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.InvoiceLine;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.LinkDecision;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Payment;
import dev.ledgerline.wire.PaymentKind;
import dev.ledgerline.wire.ResolvedDeal;
import dev.ledgerline.wire.SourceEntityType;
import dev.ledgerline.wire.SourceLink;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Input records as the connector and merge-service publish them, with their topic and key. */
public final class Wire {
    public static final String CONNECTION = "conn-1";
    public static final Instant CONNECTED = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

    private Wire() {
    }

    /** A record bound for a topic under a key. */
    public record Input(String topic, String key, SpecificRecord value) implements TopicInput.Record {
    }

    public static Money money(String amount, String currency) {
        return new Money(new BigDecimal(amount).setScale(4, RoundingMode.UNNECESSARY), currency);
    }

    public static BigDecimal decimal(String value) {
        return new BigDecimal(value).setScale(4, RoundingMode.UNNECESSARY);
    }

    public static Input tenant(String tenant, String zone) {
        return new Input(Topics.TENANTS, tenant, TenantSettings.newBuilder().setTenantId(tenant).setHomeCurrency("EUR")
                .setTimeZone(zone).setUpdatedAt(CONNECTED).build());
    }

    public static Input connection(String tenant, Instant syncInvoicesSince, boolean invoiceOnWonDeal, Instant updatedAt) {
        return new Input(Topics.CONNECTIONS, Keys.of(tenant, CONNECTION), ConnectionSettings.newBuilder()
                .setTenantId(tenant).setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                .setDisplayName("HubSpot").setStatus(ConnectionStatus.ACTIVE).setExternalAccountId("4711")
                // Every field with a default is set: a builder's enum default resolves through the context class
                // loader, which in a Quarkus test is not the one that loaded the generated classes.
                .setAutoMerge(true).setCustomerScope(CustomerScope.DEALS_ONLY).setSyncProducts(true)
                .setSyncInvoicesSince(syncInvoicesSince).setInvoiceOnWonDeal(invoiceOnWonDeal)
                .setConnectedAt(CONNECTED).setUpdatedAt(updatedAt).build());
    }

    public static Input connection(String tenant) {
        return connection(tenant, CONNECTED, false, CONNECTED);
    }

    /**
     * Records that post a document of every kind but ADJUSTMENT: the connection, customer cust-1 (contact c-1), its
     * invoice inv-1 (10 × 100.00, 10 % discount, 19 % tax: 1,071.00) and a payment of 500.00, an invoice inv-2 of
     * "Beta" that is voided, and an order of "Gamma" paid without invoice (sales receipt SR-order-1, posted last).
     */
    public static List<Input> everyDocumentKind(String tenant) {
        return List.of(
                connection(tenant),
                customer(tenant, "cust-1", "Acme GmbH", "billing@acme.example", CONNECTED,
                        link(SourceEntityType.CONTACT, "c-1")),
                invoice(tenant, "inv-1").contact("c-1").line("p-1", "10", "100.00", "0.10", "0.19").build(),
                payment(tenant, "pay-1").invoice("inv-1").amount("500.00", "EUR").updatedAt(T0.plusSeconds(10)).build(),
                invoice(tenant, "inv-2").customer("Beta", "ap@beta.example").line("p-2", "1", "250.00", null, null)
                        .updatedAt(T0.plusSeconds(20)).build(),
                invoice(tenant, "inv-2").customer("Beta", "ap@beta.example").line("p-2", "1", "250.00", null, null)
                        .status(InvoiceStatus.VOID).updatedAt(T0.plusSeconds(30)).build(),
                payment(tenant, "order-1").kind(PaymentKind.ORDER).payer("Gamma", "pay@gamma.example")
                        .amount("99.00", "EUR").updatedAt(T0.plusSeconds(40)).build());
    }

    public static InvoiceBuilder invoice(String tenant, String id) {
        return new InvoiceBuilder(tenant, id);
    }

    public static PaymentBuilder payment(String tenant, String id) {
        return new PaymentBuilder(tenant, id);
    }

    public static Input customer(String tenant, String customerId, String name, String email, Instant updatedAt,
            SourceLink... links) {
        return new Input(Topics.CUSTOMERS, Keys.of(tenant, customerId), Customer.newBuilder().setTenantId(tenant)
                .setCustomerId(customerId).setOp(Op.UPSERT).setKind(CustomerKind.COMPANY).setDisplayName(name)
                .setCompanyName(name).setEmail(email).setEmails(email == null ? List.of() : List.of(email))
                .setSourceLinks(List.of(links)).setCreatedAt(CONNECTED).setUpdatedAt(updatedAt).build());
    }

    public static Input merged(String tenant, String customerId, String into, Instant updatedAt) {
        return new Input(Topics.CUSTOMERS, Keys.of(tenant, customerId), Customer.newBuilder().setTenantId(tenant)
                .setCustomerId(customerId).setOp(Op.DELETE).setKind(CustomerKind.COMPANY).setDisplayName(customerId)
                .setMergedIntoCustomerId(into).setCreatedAt(CONNECTED).setUpdatedAt(updatedAt).build());
    }

    public static SourceLink link(SourceEntityType type, String externalId) {
        return SourceLink.newBuilder().setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT).setEntityType(type)
                .setExternalId(externalId).setLinkedAt(CONNECTED).setDecision(LinkDecision.EXACT_MATCH).build();
    }

    public static Input item(String tenant, String itemId, String name, String productId, String unitCost,
            String currency) {
        return new Input(Topics.CATALOG_ITEMS, Keys.of(tenant, itemId), CatalogItem.newBuilder().setTenantId(tenant)
                .setItemId(itemId).setOp(Op.UPSERT).setName(name)
                .setUnitCost(unitCost == null ? null : money(unitCost, currency))
                .setSourceLinks(List.of(SourceLink.newBuilder().setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                        .setEntityType(SourceEntityType.PRODUCT).setExternalId(productId).setLinkedAt(CONNECTED)
                        .setDecision(LinkDecision.EXACT_MATCH).build()))
                .setUpdatedAt(CONNECTED).build());
    }

    /** A resolved deal at a stage, with line items (product, quantity, unit price, discount rate, tax rate). */
    public static Input deal(String tenant, String dealId, String customerId, StageCategory stage, Instant updatedAt,
            String currency, List<LineItem> lines) {
        Deal deal = Deal.newBuilder().setTenantId(tenant).setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                .setExternalId(dealId).setOp(Op.UPSERT).setSourceUpdatedAt(updatedAt).setSyncedAt(updatedAt)
                .setName("Deal " + dealId).setStageCategory(stage).setCreatedAt(CONNECTED)
                .setClosedAt(stage == StageCategory.OPEN ? null : updatedAt).setLineItems(lines)
                .setAmount(money(lines.stream().map(line -> line.getQuantity().multiply(line.getUnitPrice().getAmount()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(4, RoundingMode.HALF_UP).toPlainString(), currency))
                .build();
        return new Input(Topics.RESOLVED_DEALS, Keys.of(tenant, "HUBSPOT", dealId), ResolvedDeal.newBuilder()
                .setTenantId(tenant).setCustomerId(customerId).setDeal(deal).setResolvedAt(updatedAt).build());
    }

    public static LineItem lineItem(String productId, String quantity, String unitPrice, String currency,
            String discountRate, String taxRate) {
        return LineItem.newBuilder().setProductId(productId).setName("Product " + productId)
                .setQuantity(decimal(quantity)).setUnitPrice(money(unitPrice, currency))
                .setDiscountRate(discountRate == null ? null : new BigDecimal(discountRate).setScale(6))
                .setTaxRate(taxRate == null ? null : new BigDecimal(taxRate).setScale(6)).build();
    }

    /** A CRM invoice: lines (net amounts computed), with the totals the CRM would state. */
    public static final class InvoiceBuilder {
        private final String tenant;
        private final Invoice.Builder invoice;
        private final List<InvoiceLine> lines = new ArrayList<>();
        private String currency = "EUR";
        private BigDecimal discounts = BigDecimal.ZERO;
        private BigDecimal taxes = BigDecimal.ZERO;
        private BigDecimal net = BigDecimal.ZERO;
        private BigDecimal paid;
        private String total;

        InvoiceBuilder(String tenant, String id) {
            this.tenant = tenant;
            this.invoice = Invoice.newBuilder().setTenantId(tenant).setConnectionId(CONNECTION)
                    .setSource(CrmSource.HUBSPOT).setExternalId(id).setOp(Op.UPSERT).setSourceUpdatedAt(T0)
                    .setSyncedAt(T0).setNumber("INV-" + id).setStatus(InvoiceStatus.SENT).setStatusLabel("open")
                    .setCustomerName("Acme GmbH").setCustomerEmail("billing@acme.example")
                    .setIssueDate(LocalDate.parse("2025-03-03")).setDueDate(LocalDate.parse("2025-04-02"))
                    .setCreatedAt(T0);
        }

        public InvoiceBuilder currency(String code) {
            currency = code;
            invoice.setCurrency(code);
            return this;
        }

        /** A line: quantity × unit price, less a discount rate, taxed at a rate (null for none). */
        public InvoiceBuilder line(String productId, String quantity, String unitPrice, String discountRate,
                String taxRate) {
            BigDecimal list = decimal(quantity).multiply(decimal(unitPrice));
            BigDecimal discount = discountRate == null ? BigDecimal.ZERO : list.multiply(new BigDecimal(discountRate));
            BigDecimal amount = list.subtract(discount).setScale(4, RoundingMode.HALF_UP);
            BigDecimal tax = taxRate == null ? BigDecimal.ZERO : amount.multiply(new BigDecimal(taxRate))
                    .setScale(4, RoundingMode.HALF_UP);
            discounts = discounts.add(discount);
            taxes = taxes.add(tax);
            net = net.add(amount);
            lines.add(InvoiceLine.newBuilder().setProductId(productId).setName("Product " + productId)
                    .setQuantity(decimal(quantity)).setUnitPrice(money(unitPrice, currency))
                    .setDiscountAmount(discountRate == null ? null : new Money(discount.setScale(4, RoundingMode.HALF_UP), currency))
                    .setDiscountRate(discountRate == null ? null : new BigDecimal(discountRate).setScale(6))
                    .setTaxRate(taxRate == null ? null : new BigDecimal(taxRate).setScale(6))
                    .setTaxAmount(taxRate == null ? null : new Money(tax, currency))
                    .setAmount(new Money(amount, currency)).build());
            return this;
        }

        public InvoiceBuilder status(InvoiceStatus status) {
            invoice.setStatus(status);
            return this;
        }

        public InvoiceBuilder paid(String amount) {
            paid = decimal(amount);
            return this;
        }

        /** States a total other than what the lines add up to. */
        public InvoiceBuilder total(String amount) {
            total = amount;
            return this;
        }

        public InvoiceBuilder updatedAt(Instant at) {
            invoice.setSourceUpdatedAt(at).setSyncedAt(at);
            return this;
        }

        public InvoiceBuilder createdAt(Instant at) {
            invoice.setCreatedAt(at);
            return this;
        }

        public InvoiceBuilder issued(LocalDate date) {
            invoice.setIssueDate(date);
            return this;
        }

        public InvoiceBuilder customer(String name, String email) {
            invoice.setCustomerName(name).setCustomerEmail(email);
            return this;
        }

        public InvoiceBuilder contact(String contactId) {
            invoice.setContactId(contactId);
            return this;
        }

        public InvoiceBuilder deal(String dealId) {
            invoice.setDealId(dealId);
            return this;
        }

        public InvoiceBuilder number(String number) {
            invoice.setNumber(number);
            return this;
        }

        public Input deleted() {
            Invoice deleted = Invoice.newBuilder().setTenantId(tenant).setConnectionId(CONNECTION)
                    .setSource(CrmSource.HUBSPOT).setExternalId(invoice.getExternalId()).setOp(Op.DELETE)
                    .setSourceUpdatedAt(invoice.getSourceUpdatedAt()).setSyncedAt(invoice.getSyncedAt()).build();
            return new Input(Topics.INVOICES, Keys.of(tenant, "HUBSPOT", invoice.getExternalId()), deleted);
        }

        public Input build() {
            BigDecimal stated = total != null ? decimal(total) : net.add(taxes).setScale(4, RoundingMode.HALF_UP);
            BigDecimal amountPaid = paid != null ? paid : invoice.getStatus() == InvoiceStatus.PAID ? stated
                    : BigDecimal.ZERO.setScale(4);
            invoice.setCurrency(currency).setLines(List.copyOf(lines))
                    .setSubtotal(new Money(net.add(discounts).setScale(4, RoundingMode.HALF_UP), currency))
                    .setDiscountTotal(new Money(discounts.setScale(4, RoundingMode.HALF_UP), currency))
                    .setTaxTotal(new Money(taxes.setScale(4, RoundingMode.HALF_UP), currency))
                    .setTotal(new Money(stated, currency))
                    .setAmountPaid(new Money(amountPaid, currency))
                    .setAmountDue(new Money(stated.subtract(amountPaid), currency));
            return new Input(Topics.INVOICES, Keys.of(tenant, "HUBSPOT", invoice.getExternalId()), invoice.build());
        }
    }

    /** A CRM payment. */
    public static final class PaymentBuilder {
        private final String tenant;
        private final Payment.Builder payment;

        PaymentBuilder(String tenant, String id) {
            this.tenant = tenant;
            this.payment = Payment.newBuilder().setTenantId(tenant).setConnectionId(CONNECTION)
                    .setSource(CrmSource.HUBSPOT).setExternalId(id).setOp(Op.UPSERT).setSourceUpdatedAt(T0)
                    .setSyncedAt(T0).setCustomerName("Acme GmbH").setCustomerEmail("billing@acme.example")
                    .setMethod("card").setKind(PaymentKind.INVOICE).setPaidAt(T0);
        }

        public PaymentBuilder invoice(String invoiceId) {
            payment.setInvoiceId(invoiceId).setKind(PaymentKind.INVOICE);
            return this;
        }

        public PaymentBuilder kind(PaymentKind kind) {
            payment.setKind(kind);
            return this;
        }

        public PaymentBuilder deal(String dealId) {
            payment.setDealId(dealId);
            return this;
        }

        public PaymentBuilder amount(String amount, String currency) {
            payment.setAmount(money(amount, currency));
            return this;
        }

        public PaymentBuilder updatedAt(Instant at) {
            payment.setSourceUpdatedAt(at).setSyncedAt(at).setPaidAt(at);
            return this;
        }

        public PaymentBuilder payer(String name, String email) {
            payment.setCustomerName(name).setCustomerEmail(email);
            return this;
        }

        public Input deleted() {
            Payment deleted = Payment.newBuilder().setTenantId(tenant).setConnectionId(CONNECTION)
                    .setSource(CrmSource.HUBSPOT).setExternalId(payment.getExternalId()).setOp(Op.DELETE)
                    .setSourceUpdatedAt(payment.getSourceUpdatedAt()).setSyncedAt(payment.getSyncedAt())
                    .setKind(payment.getKind()).build();
            return new Input(Topics.PAYMENTS, Keys.of(tenant, "HUBSPOT", payment.getExternalId()), deleted);
        }

        public Input build() {
            return new Input(Topics.PAYMENTS, Keys.of(tenant, "HUBSPOT", payment.getExternalId()), payment.build());
        }
    }
}
