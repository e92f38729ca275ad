package dev.ledgerline.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.mapping.DealPipeline;
import dev.ledgerline.connector.mapping.LeadStatusMapping;
import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.sync.FakeSyncClock;
import dev.ledgerline.connector.sync.MissingField;
import dev.ledgerline.connector.sync.NormalizedBatch;
import dev.ledgerline.connector.sync.Rejection;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.StageCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SalesforceNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-07-04T12:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final StageMapping STAGES = StageMapping.derivedFrom(List.of(new DealPipeline("default",
            "Opportunities", List.of(
                    new DealPipeline.Stage("Prospecting", "Prospecting", false, false, 0.1),
                    new DealPipeline.Stage("Qualification", "Qualification", false, false, 0.2),
                    new DealPipeline.Stage("Negotiation/Review", "Negotiation/Review", false, false, 0.9),
                    new DealPipeline.Stage("Closed Won", "Closed Won", true, true, 1.0),
                    new DealPipeline.Stage("Closed Lost", "Closed Lost", true, false, 0.0)))));
    private static final LeadStatusMapping LEAD_STATUSES = SalesforceLeadStatuses.defaults(records("lead-statuses.json"));

    private final SalesforceNormalizer normalizer = normalizer(STAGES);

    /** A multi-currency org whose corporate currency is EUR, as its CurrencyType rows say. */
    private static final OrgCurrencies CURRENCIES = new OrgCurrencies("EUR",
            Map.of("EUR", BigDecimal.ONE, "USD", new BigDecimal("1.085000"), "GBP", new BigDecimal("0.853500")));

    private static SalesforceNormalizer normalizer(StageMapping stages) {
        return normalizer(stages, CURRENCIES);
    }

    private static SalesforceNormalizer normalizer(StageMapping stages, OrgCurrencies currencies) {
        return new SalesforceNormalizer(new SalesforceNormalizer.Settings("acme", "conn-sf", currencies, BERLIN, stages,
                LEAD_STATUSES, "Loss_Reason__c", Instant.parse("2024-01-01T00:00:00Z")), new FakeSyncClock(NOW));
    }

    @Test
    void aMultiCurrencyOrgsDealsCarryTheirAmountInTheCorporateCurrency() {
        Map<String, Deal> deals = byId(normalizer.deals(List.of(
                opportunity("006Dn00000Cur1AIAR", "4800.0", "\"USD\""),
                opportunity("006Dn00000Cur2AIAR", "1200.0", "\"GBP\""),
                opportunity("006Dn00000Cur3AIAR", "900.0", "\"EUR\""),
                opportunity("006Dn00000Cur4AIAR", "300.0", "\"CHF\""),
                opportunity("006Dn00000Cur5AIAR", "null", "\"USD\"")), Map.of()).records(), Deal::getExternalId);

        assertThat(deals.get("006Dn00000Cur1AIAR").getAmount()).isEqualTo(new Money(new BigDecimal("4800.0000"), "USD"));
        // 4800 USD at 1.085 USD per EUR.
        assertThat(deals.get("006Dn00000Cur1AIAR").getAmountInHomeCurrency())
                .isEqualTo(new Money(new BigDecimal("4423.9631"), "EUR"));
        assertThat(deals.get("006Dn00000Cur2AIAR").getAmountInHomeCurrency())
                .isEqualTo(new Money(new BigDecimal("1405.9754"), "EUR"));
        assertThat(deals.get("006Dn00000Cur3AIAR").getAmountInHomeCurrency())
                .isEqualTo(new Money(new BigDecimal("900.0000"), "EUR"));
        // A currency without an active rate, or no amount: nothing to convert.
        assertThat(deals.get("006Dn00000Cur4AIAR").getAmountInHomeCurrency()).isNull();
        assertThat(deals.get("006Dn00000Cur5AIAR").getAmountInHomeCurrency()).isNull();
    }

    @Test
    void aSingleCurrencyOrgsAmountIsItsAmountInTheOrgsCurrency() {
        Deal deal = normalizer(STAGES, OrgCurrencies.single("GBP"))
                .deals(List.of(opportunity("006Dn00000Cur6AIAR", "2500.0", "null")), Map.of()).records().get(0);

        assertThat(deal.getAmount()).isEqualTo(new Money(new BigDecimal("2500.0000"), "GBP"));
        assertThat(deal.getAmountInHomeCurrency()).isEqualTo(deal.getAmount());
    }

    @Test
    void aDealClosedOnTheDayItWasCreatedClosedNoEarlierThanItsCreation() {
        ObjectNode sameDay = opportunity("006Dn00000Day1AIAR", "500.0", "\"EUR\"");
        sameDay.put("CreatedDate", "2024-07-03T14:20:05.000+0000");
        sameDay.put("CloseDate", "2024-07-03");
        ObjectNode backdated = opportunity("006Dn00000Day2AIAR", "500.0", "\"EUR\"");
        backdated.put("CreatedDate", "2024-07-03T14:20:05.000+0000");
        backdated.put("CloseDate", "2024-06-30");
        ObjectNode later = opportunity("006Dn00000Day3AIAR", "500.0", "\"EUR\"");
        later.put("CreatedDate", "2024-07-03T14:20:05.000+0000");
        later.put("CloseDate", "2024-07-04");

        Map<String, Deal> deals = byId(normalizer.deals(List.of(sameDay, backdated, later), Map.of()).records(),
                Deal::getExternalId);

        Instant created = Instant.parse("2024-07-03T14:20:05Z");
        assertThat(deals.get("006Dn00000Day1AIAR").getClosedAt()).isEqualTo(created);
        assertThat(deals.get("006Dn00000Day1AIAR").getExpectedCloseDate()).isEqualTo(LocalDate.parse("2024-07-03"));
        assertThat(deals.get("006Dn00000Day2AIAR").getClosedAt()).isEqualTo(created);
        // A later close date is the start of that day where the tenant is, as before.
        assertThat(deals.get("006Dn00000Day3AIAR").getClosedAt()).isEqualTo(Instant.parse("2024-07-03T22:00:00Z"));
        deals.values().forEach(deal -> assertThat(deal.getClosedAt()).isAfterOrEqualTo(deal.getCreatedAt()));
    }

    /** A won opportunity as {@code queryAll} answers it, with this amount and currency (JSON literals). */
    private static ObjectNode opportunity(String id, String amount, String currency) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/%1$s"},
                     "Id":"%1$s","IsDeleted":false,"CreatedDate":"2024-03-01T09:15:22.000+0000",
                     "SystemModstamp":"2024-07-03T15:00:00.000+0000","LastModifiedDate":"2024-07-03T15:00:00.000+0000",
                     "Name":"Deal %1$s","Amount":%2$s,"CurrencyIsoCode":%3$s,"StageName":"Closed Won","IsClosed":true,
                     "IsWon":true,"Probability":100.0,"ForecastCategoryName":"Closed","CloseDate":"2024-07-03",
                     "Type":"New Customer","LeadSource":"Web","OwnerId":"005Dn00000AbCdEIA1",
                     "AccountId":"001Dn00000Xy7aBIAR","Loss_Reason__c":null,"OpportunityLineItems":null,
                     "OpportunityContactRoles":null}""".formatted(id, amount, currency));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void opportunitiesTakeTheirCategoryFromIsClosedAndIsWonWithProductsAndThePrimaryContact() {
        List<ObjectNode> page = new ArrayList<>(records("opportunities-page-1.json"));
        page.addAll(records("opportunities-page-2.json"));

        NormalizedBatch<Deal> batch = normalizer.deals(page, Map.of());
        Map<String, Deal> deals = byId(batch.records(), Deal::getExternalId);

        Deal won = deals.get("006Dn00000Op1aAIAR");
        assertThat(won.getSource()).isEqualTo(CrmSource.SALESFORCE);
        assertThat(won.getOp()).isEqualTo(Op.UPSERT);
        assertThat(won.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(won.getStageId()).isEqualTo("Closed Won");
        assertThat(won.getProbability()).isEqualTo(1.0);
        assertThat(won.getAmount()).isEqualTo(new Money(new BigDecimal("12500.5000"), "EUR"));
        assertThat(won.getPipelineId()).isEqualTo("default");
        assertThat(won.getPipelineLabel()).isEqualTo("Opportunities");
        // Closed on its close date, at the start of that day where the tenant is.
        assertThat(won.getClosedAt()).isEqualTo(Instant.parse("2024-06-27T22:00:00Z"));
        assertThat(won.getExpectedCloseDate()).isEqualTo(LocalDate.parse("2024-06-28"));
        // The newest of the opportunity and its children: the licence line changed after the opportunity.
        assertThat(won.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-06-29T09:00:00Z"));
        assertThat(won.getPrimaryContactId()).isEqualTo("003Dn00000Qw3rTIAA");
        assertThat(won.getContactIds()).containsExactly("003Dn00000Qw3rTIAA", "003Dn00000Qw3rUIAA");
        assertThat(won.getAccountId()).isEqualTo("001Dn00000Xy7aBIAR");
        assertThat(won.getOwnerId()).isEqualTo("005Dn00000AbCdEIA1");
        assertThat(won.getLeadSource()).isEqualTo("Trade Show");
        assertThat(won.getForecastCategory()).isEqualTo("Closed");
        assertThat(won.getLossReason()).isNull();
        assertThat(won.getLineItems()).extracting(LineItem::getLineItemId, LineItem::getProductId, LineItem::getSku,
                LineItem::getQuantity, LineItem::getUnitPrice, LineItem::getDiscountRate, LineItem::getDiscountAmount,
                LineItem::getAmount).containsExactly(
                tuple("00kDn00000Li01AIAR", "01tDn00000Pr0d1IAA", "IMPL-DAY", new BigDecimal("10.0000"),
                        new Money(new BigDecimal("950.0000"), "EUR"), new BigDecimal("0.100000"),
                        new Money(new BigDecimal("950.0000"), "EUR"), new Money(new BigDecimal("8550.0000"), "EUR")),
                tuple("00kDn00000Li02AIAR", "01tDn00000Pr0d3IAA", "LIC-Y1", new BigDecimal("1.0000"),
                        new Money(new BigDecimal("3950.5000"), "EUR"), null, null,
                        new Money(new BigDecimal("3950.5000"), "EUR")));

        Deal open = deals.get("006Dn00000Op1aBIAR");
        assertThat(open.getStageCategory()).isEqualTo(StageCategory.OPEN);
        // The opportunity's own probability, not the stage's default of 10 %.
        assertThat(open.getProbability()).isEqualTo(0.15);
        assertThat(open.getClosedAt()).isNull();
        assertThat(open.getAmount()).isEqualTo(new Money(new BigDecimal("4800.0000"), "USD"));
        assertThat(open.getLineItems()).isEmpty();
        assertThat(open.getContactIds()).isEmpty();

        Deal lost = deals.get("006Dn00000Op1aCIAR");
        assertThat(lost.getStageCategory()).isEqualTo(StageCategory.LOST);
        assertThat(lost.getProbability()).isEqualTo(0.0);
        assertThat(lost.getLossReason()).isEqualTo("Price");
        assertThat(lost.getAmount()).isNull();
        assertThat(batch.missing("006Dn00000Op1aCIAR")).containsExactly(MissingField.AMOUNT);

        // No probability of its own: the stage's default; and no owner.
        Deal negotiating = deals.get("006Dn00000Op1aDIAR");
        assertThat(negotiating.getProbability()).isEqualTo(0.9);
        assertThat(batch.missing("006Dn00000Op1aDIAR")).containsExactly(MissingField.OWNER);

        assertThat(deals.get("006Dn00000Op1aFIAR").getOp()).isEqualTo(Op.DELETE);
        assertThat(deals.get("006Dn00000Op1aFIAR").getName()).isNull();
        assertThat(batch.rejections()).extracting(Rejection::externalId, Rejection::reason).containsExactly(
                tuple("006Dn00000Op1aEIAR", "field 'CloseDate' is not a date: \"2024-02-30\""));
        assertThat(batch.rejections().get(0).rawJson()).contains("\"Name\":\"Imported deal\"");
    }

    @Test
    void aStageTheUserMappedWinsOverWhatTheOpportunitySays() {
        StageMapping edited = STAGES.with("default", "Negotiation/Review",
                new StageMapping.Stage("Opportunities", "Verbal yes", StageCategory.WON, 1.0, true));

        Deal deal = normalizer(edited).deals(records("opportunities-page-2.json"), Map.of()).records().stream()
                .filter(d -> d.getExternalId().equals("006Dn00000Op1aDIAR")).findFirst().orElseThrow();

        assertThat(deal.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(deal.getStageLabel()).isEqualTo("Verbal yes");
        assertThat(deal.getClosedAt()).isEqualTo(Instant.parse("2024-08-14T22:00:00Z"));
    }

    @Test
    void aChildChangeThatMadeTheSyncReadTheOpportunityAgainIsANewerVersion() {
        Instant lineDeleted = Instant.parse("2024-07-02T12:00:00Z");

        Deal deal = normalizer.deals(records("opportunities-by-id.json"), Map.of("006Dn00000Op1aAIAR", lineDeleted))
                .records().get(0);

        assertThat(deal.getSourceUpdatedAt()).isEqualTo(lineDeleted);
        assertThat(deal.getLineItems()).extracting(LineItem::getLineItemId).containsExactly("00kDn00000Li01AIAR");
    }

    @Test
    void bulkRowsNormaliseLikeRestRecords() {
        ObjectNode rest = records("opportunities-page-1.json").get(2);
        ObjectNode bulk = CsvRecords.parse("""
                "Id","IsDeleted","StageName","IsClosed","IsWon","CreatedDate","SystemModstamp","Name","Amount","CurrencyIsoCode","Probability","ForecastCategoryName","CloseDate","Type","LeadSource","OwnerId","AccountId","Loss_Reason__c"
                "006Dn00000Op1aCIAR","false","Closed Lost","true","false","2024-02-01T08:00:00.000Z","2024-06-29T11:00:00.000Z","Initech renewal","","EUR","0","Omitted","2024-06-27","Existing Customer - Renewal","","005Dn00000AbCdEIA1","","Price"
                """).get(0);

        Deal fromRest = normalizer.deals(List.of(rest), Map.of()).records().get(0);
        Deal fromBulk = normalizer.deals(List.of(bulk), Map.of()).records().get(0);

        assertThat(fromBulk).isEqualTo(fromRest);
    }

    @Test
    void leadsFollowTheStatusMappingAndConvertedLeadsNameWhatTheyBecame() {
        NormalizedBatch<Lead> batch = normalizer.leads(records("leads.json"));
        Map<String, Lead> leads = byId(batch.records(), Lead::getExternalId);

        assertThat(leads.get("00QDn00000Lm4nOIAA").getStatus()).isEqualTo(LeadStatus.NEW);
        Lead converted = leads.get("00QDn00000Lm4nPIAA");
        assertThat(converted.getStatus()).isEqualTo(LeadStatus.CONVERTED);
        assertThat(converted.getStatusLabel()).isEqualTo("Closed - Converted");
        assertThat(converted.getConvertedAt()).isEqualTo(Instant.parse("2024-01-11T23:00:00Z"));
        assertThat(converted.getConvertedContactId()).isEqualTo("003Dn00000Qw3rTIAA");
        assertThat(converted.getConvertedAccountId()).isEqualTo("001Dn00000Xy7aBIAR");
        assertThat(converted.getConvertedDealId()).isEqualTo("006Dn00000Op1aAIAR");
        assertThat(converted.getLeadSource()).isEqualTo("Trade Show");
        Lead qualified = leads.get("00QDn00000Lm4nQIAA");
        assertThat(qualified.getStatus()).isEqualTo(LeadStatus.QUALIFIED);
        // Owned by a queue: an owner id all the same.
        assertThat(qualified.getOwnerId()).isEqualTo("00GDn00000Qu01AIAR");
        assertThat(batch.rejections()).extracting(Rejection::externalId, Rejection::reason).containsExactly(tuple(
                "00QDn00000Lm4nRIAA", "lead status 'Legacy Import' is not in the connection's lead status mapping"));

        Lead merged = normalizer.leads(records("leads-changed.json")).records().get(0);
        assertThat(merged.getOp()).isEqualTo(Op.DELETE);
        assertThat(merged.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-07-01T09:00:00Z"));
    }

    @Test
    void theDefaultLeadStatusMappingReadsSalesforcesFlagsAndTheStandardValues() {
        assertThat(LEAD_STATUSES.entries()).isEqualTo(Map.of(
                "Open - Not Contacted", LeadStatus.NEW,
                "Working - Contacted", LeadStatus.WORKING,
                "Sales Qualified", LeadStatus.QUALIFIED,
                "Closed - Converted", LeadStatus.CONVERTED,
                "Closed - Not Converted", LeadStatus.UNQUALIFIED));
    }

    @Test
    void usersAccountsAndContacts() {
        Map<String, Owner> owners = byId(normalizer.owners(records("users.json")).records(), Owner::getExternalId);
        assertThat(owners.get("005Dn00000AbCdEIA1").getTeam()).isEqualTo("Sales EMEA");
        assertThat(owners.get("005Dn00000AbCdEIA1").getEmail()).isEqualTo("alex.morgan@northwind.example");
        assertThat(owners.get("005Dn00000AbCdFIA1").getActive()).isFalse();
        assertThat(owners.get("005Dn00000AbCdFIA1").getOp()).isEqualTo(Op.UPSERT);
        assertThat(owners.get("005Dn00000AbCdFIA1").getTeam()).isEqualTo("Sales");

        Map<String, Account> accounts = byId(normalizer.accounts(records("accounts.json")).records(),
                Account::getExternalId);
        Account acme = accounts.get("001Dn00000Xy7aBIAR");
        assertThat(acme.getDomain()).isEqualTo("acme.example");
        assertThat(acme.getEmployeeCount()).isEqualTo(1200);
        assertThat(acme.getAnnualRevenue()).isEqualTo(new Money(new BigDecimal("150000000.0000"), "EUR"));
        assertThat(acme.getAddress().getCity()).isEqualTo("Berlin");
        assertThat(accounts.get("001Dn00000Xy7aCIAR").getDomain()).isEqualTo("globex.example");
        assertThat(accounts.get("001Dn00000Xy7aCIAR").getParentAccountId()).isEqualTo("001Dn00000Xy7aBIAR");

        NormalizedBatch<Contact> contacts = normalizer.contacts(records("contacts.json"));
        Contact ada = byId(contacts.records(), Contact::getExternalId).get("003Dn00000Qw3rTIAA");
        assertThat(ada.getEmails()).containsExactly("ada@acme.example");
        assertThat(ada.getPhones()).containsExactly("+49 30 1234568", "+49 170 1234567");
        assertThat(ada.getAccountId()).isEqualTo("001Dn00000Xy7aBIAR");
        assertThat(contacts.missing("003Dn00000Qw3rUIAA")).isEqualTo(Set.of(MissingField.EMAIL));
    }

    @Test
    void productsTakeTheStandardPriceInTheOrgsCurrency() {
        Map<String, Product> products = byId(normalizer.products(records("products.json"), Map.of()).records(),
                Product::getExternalId);

        Product day = products.get("01tDn00000Pr0d1IAA");
        assertThat(day.getUnitPrice()).isEqualTo(new Money(new BigDecimal("950.0000"), "EUR"));
        assertThat(day.getSku()).isEqualTo("IMPL-DAY");
        assertThat(day.getActive()).isTrue();
        assertThat(day.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-02-01T09:00:00Z"));
        assertThat(products.get("01tDn00000Pr0d2IAA").getActive()).isFalse();
        assertThat(products.get("01tDn00000Pr0d2IAA").getUnitPrice()).isNull();
    }

    @Test
    void invoicesByStatusAndBalanceSinceTheConnectionsDate() {
        NormalizedBatch<Invoice> batch = normalizer.invoices(records("invoices.json"));
        Map<String, Invoice> invoices = byId(batch.records(), Invoice::getExternalId);

        Invoice partial = invoices.get("3ttDn00000In01AIAR");
        assertThat(partial.getStatus()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
        assertThat(partial.getTotal()).isEqualTo(new Money(new BigDecimal("1190.0000"), "EUR"));
        assertThat(partial.getAmountDue()).isEqualTo(new Money(new BigDecimal("690.0000"), "EUR"));
        assertThat(partial.getAmountPaid()).isEqualTo(new Money(new BigDecimal("500.0000"), "EUR"));
        assertThat(partial.getTaxTotal()).isEqualTo(new Money(new BigDecimal("190.0000"), "EUR"));
        assertThat(partial.getLines()).hasSize(1);
        assertThat(partial.getSubtotal()).isEqualTo(new Money(new BigDecimal("1000.0000"), "EUR"));
        assertThat(partial.getAccountId()).isEqualTo("001Dn00000Xy7aBIAR");
        assertThat(partial.getNumber()).isEqualTo("INV-000101");
        Invoice canceled = invoices.get("3ttDn00000In02AIAR");
        assertThat(canceled.getStatus()).isEqualTo(InvoiceStatus.VOID);
        assertThat(canceled.getVoidedAt()).isEqualTo(Instant.parse("2024-06-05T16:00:00Z"));
        assertThat(canceled.getAmountPaid()).isNull();
        // Dated 2023, before the connection's syncInvoicesSince.
        assertThat(invoices).doesNotContainKey("3ttDn00000In03AIAR");
        assertThat(batch.rejections()).extracting(Rejection::reason)
                .containsExactly("field 'Status' has an unknown value: \"Error\"");
    }

    private static <T> Map<String, T> byId(List<T> records, Function<T, String> id) {
        return records.stream().collect(Collectors.toMap(id, Function.identity()));
    }

    static List<ObjectNode> records(String file) {
        try (InputStream in = SalesforceNormalizerTest.class.getResourceAsStream("/salesforce/__files/" + file)) {
            List<ObjectNode> records = new ArrayList<>();
            JSON.readTree(in).path("records").forEach(record -> records.add((ObjectNode) record));
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
