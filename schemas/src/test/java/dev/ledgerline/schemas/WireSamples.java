package dev.ledgerline.schemas;

import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Address;
import dev.ledgerline.wire.CatalogItem;
import dev.ledgerline.wire.ConnectionSettings;
import dev.ledgerline.wire.ConnectionStatus;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.CustomerKind;
import dev.ledgerline.wire.CustomerScope;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.DeadLetterHeader;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.InvoiceLine;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.JournalLine;
import dev.ledgerline.wire.KpiDimension;
import dev.ledgerline.wire.KpiUnit;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.KpiWindow;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.LedgerAccount;
import dev.ledgerline.wire.LedgerDocument;
import dev.ledgerline.wire.LedgerDocumentKind;
import dev.ledgerline.wire.LedgerLine;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.LinkDecision;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.Payment;
import dev.ledgerline.wire.PaymentKind;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.ResolvedDeal;
import dev.ledgerline.wire.SourceEntityType;
import dev.ledgerline.wire.SourceLink;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;

/** Realistic records of every wire type, as the services will write them. */
final class WireSamples {

    static final String TENANT = "acme-gmbh";
    static final String CONNECTION = "conn-hubspot-eu";
    static final Instant UPDATED = Instant.parse("2025-03-14T09:26:53.589Z");
    static final Instant SYNCED = Instant.parse("2025-03-14T09:26:54.120Z");
    static final Instant CREATED = Instant.parse("2025-01-07T15:04:05.123Z");

    private WireSamples() {
    }

    /** One sample of every record published on a topic. */
    static List<SpecificRecord> all() {
        return List.of(tenantSettings(), connectionSettings(), owner(), lead(), contact(), account(), deal(3),
                product(), invoice(), payment(), customer(), resolvedDeal(), catalogItem(), ledgerDocument(),
                kpiValue(), deadLetter());
    }

    static Money eur(String amount) {
        return new Money(new BigDecimal(amount), "EUR");
    }

    static TenantSettings tenantSettings() {
        return TenantSettings.newBuilder().setTenantId(TENANT).setDisplayName("Acme Ångström GmbH")
                .setHomeCurrency("EUR").setTimeZone("Europe/Berlin").setFiscalYearStartMonth(4)
                .setUpdatedAt(UPDATED).build();
    }

    static ConnectionSettings connectionSettings() {
        return ConnectionSettings.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION)
                .setSource(CrmSource.HUBSPOT).setDisplayName("HubSpot EU").setStatus(ConnectionStatus.ACTIVE)
                .setExternalAccountId("145098731").setCustomerScope(CustomerScope.ALL_CONTACTS)
                .setSyncInvoicesSince(CREATED).setConnectedAt(CREATED).setUpdatedAt(UPDATED).build();
    }

    static Owner owner() {
        return Owner.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                .setExternalId("owner-77").setOp(Op.UPSERT).setSourceUpdatedAt(UPDATED).setSyncedAt(SYNCED)
                .setFirstName("Zoë").setLastName("Ångström").setName("Zoë Ångström")
                .setEmail("zoe.angstrom@acme.example").setTeam("DACH Enterprise").build();
    }

    static Lead lead() {
        return Lead.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION).setSource(CrmSource.SALESFORCE)
                .setExternalId("00Q5e00000AbCdEFGH").setOp(Op.UPSERT).setSourceUpdatedAt(UPDATED)
                .setSyncedAt(SYNCED).setFirstName("太郎").setLastName("山田").setName("山田 太郎")
                .setEmail("t.yamada@example.co.jp").setPhone("+81 3-1234-5678").setCompany("株式会社サンプル")
                .setStatus(LeadStatus.CONVERTED).setStatusLabel("Closed - Converted").setLeadSource("Web")
                .setOwnerId("owner-77").setCreatedAt(CREATED).setQualifiedAt(CREATED.plusSeconds(86_400))
                .setConvertedAt(UPDATED).setConvertedContactId("0035e00000XyZabCDE")
                .setConvertedAccountId("0015e00000QrStuVWX").setConvertedDealId("0065e00000LmNopQRS").build();
    }

    static Contact contact() {
        return Contact.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                .setExternalId("51").setOp(Op.UPSERT).setSourceUpdatedAt(UPDATED).setSyncedAt(SYNCED)
                .setFirstName("Zoë").setLastName("Ångström").setName("Zoë Ångström")
                .setEmails(List.of("Zoe.Angstrom@Example.com", "zoe@privat.example"))
                .setPhones(List.of("+49 30 1234567")).setTitle("Head of Procurement").setAccountId("9001")
                .setAddress(address()).setLifecycleStage("customer").setOwnerId("owner-77").setCreatedAt(CREATED)
                .setDealIds(List.of("3301", "3302")).build();
    }

    static Account account() {
        return Account.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                .setExternalId("9001").setOp(Op.UPSERT).setSourceUpdatedAt(UPDATED).setSyncedAt(SYNCED)
                .setName("株式会社サンプル").setDomain("sample.co.jp").setPhone("+81 3-1234-5678")
                .setAddress(address()).setIndustry("COMPUTER_SOFTWARE").setRegion("APAC").setEmployeeCount(250)
                .setAnnualRevenue(new Money(new BigDecimal("1250000000.0000"), "JPY")).setOwnerId("owner-77")
                .setCreatedAt(CREATED).build();
    }

    /** A won deal with the given number of line items (0 is legal). */
    static Deal deal(int lineItems) {
        return Deal.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                .setExternalId("3301").setOp(Op.UPSERT).setSourceUpdatedAt(UPDATED).setSyncedAt(SYNCED)
                .setName("Ångström Lizenzen 2025").setAmount(eur("12345.6789"))
                .setAmountInHomeCurrency(eur("12345.6789")).setPipelineId("default").setPipelineLabel("Sales")
                .setStageId("closedwon").setStageLabel("Closed Won").setStageCategory(StageCategory.WON)
                .setProbability(1.0).setForecastCategory("CLOSED").setDealType("newbusiness").setCreatedAt(CREATED)
                .setExpectedCloseDate(LocalDate.of(2025, 3, 31)).setClosedAt(UPDATED).setOwnerId("owner-77")
                .setLeadSource("ORGANIC_SEARCH").setContactIds(List.of("51", "52")).setPrimaryContactId("51")
                .setAccountId("9001")
                .setLineItems(IntStream.range(0, lineItems).mapToObj(WireSamples::lineItem).toList()).build();
    }

    static LineItem lineItem(int i) {
        return LineItem.newBuilder().setLineItemId("li-" + i).setProductId("prod-" + (i % 7))
                .setName("Lizenz Größe " + i).setSku("SKU-" + i).setQuantity(new BigDecimal("1.5000"))
                .setUnitPrice(eur("999.9900")).setDiscountAmount(i % 2 == 0 ? eur("10.0000") : null)
                .setDiscountRate(new BigDecimal("0.100000")).setTaxRate(new BigDecimal("0.190000"))
                .setAmount(eur("1489.9850")).build();
    }

    static Product product() {
        return Product.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION).setSource(CrmSource.SALESFORCE)
                .setExternalId("01t5e000003AbCdAAK").setOp(Op.UPSERT).setSourceUpdatedAt(UPDATED)
                .setSyncedAt(SYNCED).setName("Support Premium (jährlich)").setSku("SUP-PREM-Y")
                .setDescription("24/7 support, 1 h response").setUnitPrice(eur("4800.0000"))
                .setUnitCost(eur("1200.5000")).setCreatedAt(CREATED).build();
    }

    static Invoice invoice() {
        InvoiceLine line = InvoiceLine.newBuilder().setLineId("il-1").setProductId("prod-1").setName("Lizenz")
                .setQuantity(new BigDecimal("2.0000")).setUnitPrice(eur("500.0000")).setDiscountAmount(eur("100.0000"))
                .setTaxRate(new BigDecimal("0.190000")).setTaxAmount(eur("171.0000")).setAmount(eur("900.0000"))
                .build();
        return Invoice.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                .setExternalId("inv-4711").setOp(Op.UPSERT).setSourceUpdatedAt(UPDATED).setSyncedAt(SYNCED)
                .setNumber("INV-2025-0042").setStatus(InvoiceStatus.PARTIALLY_PAID).setStatusLabel("open")
                .setCustomerName("Zoë Ångström").setCustomerEmail("zoe.angstrom@example.com").setContactId("51")
                .setAccountId("9001").setDealId("3301").setIssueDate(LocalDate.of(2025, 3, 1))
                .setDueDate(LocalDate.of(2025, 3, 31)).setCurrency("EUR").setLines(List.of(line))
                .setSubtotal(eur("1000.0000")).setDiscountTotal(eur("100.0000")).setTaxTotal(eur("171.0000"))
                .setTotal(eur("1071.0000")).setAmountPaid(eur("500.0000")).setAmountDue(eur("571.0000"))
                .setCreatedAt(CREATED).build();
    }

    static Payment payment() {
        return Payment.newBuilder().setTenantId(TENANT).setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT)
                .setExternalId("pay-88").setOp(Op.UPSERT).setSourceUpdatedAt(UPDATED).setSyncedAt(SYNCED)
                .setInvoiceId("inv-4711").setDealId("3301").setContactId("51").setCustomerName("Zoë Ångström")
                .setCustomerEmail("zoe.angstrom@example.com").setAmount(eur("500.0000")).setMethod("card")
                .setKind(PaymentKind.INVOICE).setReference("ch_3Mxyz").setPaidAt(UPDATED).build();
    }

    static Customer customer() {
        return Customer.newBuilder().setTenantId(TENANT).setCustomerId("cust-0001").setOp(Op.UPSERT)
                .setKind(CustomerKind.COMPANY).setDisplayName("株式会社サンプル").setCompanyName("株式会社サンプル")
                .setFirstName("Zoë").setLastName("Ångström").setEmail("zoe.angstrom@example.com")
                .setEmails(List.of("zoe.angstrom@example.com")).setPhones(List.of("+81 3-1234-5678"))
                .setAddress(address()).setPrimaryContactId("51")
                .setSourceLinks(List.of(link(SourceEntityType.ACCOUNT, "9001", LinkDecision.NEW_CUSTOMER),
                        link(SourceEntityType.CONTACT, "51", LinkDecision.REVIEW_MERGE)))
                .setCreatedAt(CREATED).setUpdatedAt(UPDATED).build();
    }

    static ResolvedDeal resolvedDeal() {
        return ResolvedDeal.newBuilder().setTenantId(TENANT).setCustomerId("cust-0001").setDeal(deal(2))
                .setResolvedAt(UPDATED).build();
    }

    static CatalogItem catalogItem() {
        return CatalogItem.newBuilder().setTenantId(TENANT).setItemId("item-17").setOp(Op.UPSERT)
                .setName("Support Premium (jährlich)").setSku("SUP-PREM-Y").setUnitPrice(eur("4800.0000"))
                .setUnitCost(eur("1200.5000"))
                .setSourceLinks(List.of(link(SourceEntityType.PRODUCT, "01t5e000003AbCdAAK", LinkDecision.EXACT_MATCH)))
                .setUpdatedAt(UPDATED).build();
    }

    static LedgerDocument ledgerDocument() {
        LedgerLine line = LedgerLine.newBuilder().setItemId("item-17").setDescription("Lizenz")
                .setQuantity(new BigDecimal("2.0000")).setUnitPrice(eur("500.0000")).setDiscountAmount(eur("100.0000"))
                .setTaxAmount(eur("171.0000")).setAmount(eur("900.0000")).build();
        return LedgerDocument.newBuilder().setTenantId(TENANT).setDocumentId("doc-2025-000042")
                .setKind(LedgerDocumentKind.INVOICE).setNumber("INV-2025-0042").setDate(LocalDate.of(2025, 3, 1))
                .setDueDate(LocalDate.of(2025, 3, 31)).setCustomerId("cust-0001").setConnectionId(CONNECTION)
                .setSource(CrmSource.HUBSPOT).setSourceExternalId("inv-4711").setDealId("3301").setCurrency("EUR")
                .setLines(List.of(line)).setTotal(eur("1071.0000"))
                .setJournal(List.of(
                        journal(LedgerAccount.ACCOUNTS_RECEIVABLE, "1071.0000", "0.0000"),
                        journal(LedgerAccount.DISCOUNTS, "100.0000", "0.0000"),
                        journal(LedgerAccount.SALES_REVENUE, "0.0000", "1000.0000"),
                        journal(LedgerAccount.SALES_TAX_PAYABLE, "0.0000", "171.0000")))
                .setPostedAt(UPDATED).build();
    }

    static KpiValue kpiValue() {
        return KpiValue.newBuilder().setTenantId(TENANT).setKpi("WIN_RATE").setDimension(KpiDimension.OWNER)
                .setDimensionValue("owner-77").setWindow(KpiWindow.QUARTER).setPeriod("FY2025-Q4")
                .setPeriodStart(LocalDate.of(2025, 1, 1)).setPeriodEnd(LocalDate.of(2025, 3, 31))
                .setAsOf(LocalDate.of(2025, 3, 14)).setValue(new BigDecimal("0.6666666667"))
                .setNumerator(new BigDecimal("2.0000000000")).setDenominator(3L).setUnit(KpiUnit.RATIO)
                .setUnconvertedDealCount(1).setComputedAt(SYNCED).build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setOriginalTopic(Topics.DEALS).setOriginalPartition(7)
                .setOriginalOffset(1_234_567_890_123L).setOriginalTimestamp(UPDATED)
                .setOriginalKey(utf8(Keys.of(TENANT, "HUBSPOT", "3301")))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0x00, (byte) 0xFF}))
                .setHeaders(List.of(new DeadLetterHeader("traceparent", utf8("00-4bf92f-00f067-01")),
                        new DeadLetterHeader("empty", null)))
                .setTenantId(TENANT).setReasonCode("UNKNOWN_FINGERPRINT")
                .setErrorMessage("no known schema has fingerprint 255").setExceptionClass(
                        AvroDecodingException.class.getName())
                .setStage("kpi-service/deals-in").setFingerprint(255L).setFailedAt(SYNCED).build();
    }

    private static Address address() {
        return Address.newBuilder().setStreet("Straße des 17. Juni 135\nGebäude B").setCity("Berlin")
                .setPostalCode("10623").setCountry("Deutschland").setCountryCode("DE").build();
    }

    private static SourceLink link(SourceEntityType type, String externalId, LinkDecision decision) {
        return SourceLink.newBuilder().setConnectionId(CONNECTION).setSource(CrmSource.HUBSPOT).setEntityType(type)
                .setExternalId(externalId).setLinkedAt(UPDATED).setDecision(decision)
                .setDecidedBy(decision == LinkDecision.REVIEW_MERGE ? "user-3" : null).build();
    }

    private static JournalLine journal(LedgerAccount account, String debit, String credit) {
        return new JournalLine(account, eur(debit), eur(credit), null);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
