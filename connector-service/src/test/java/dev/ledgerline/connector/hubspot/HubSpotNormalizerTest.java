package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.sync.FakeSyncClock;
import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.mapping.DealPipeline;
import dev.ledgerline.connector.sync.NormalizedBatch;
import dev.ledgerline.connector.sync.Rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.sync.MissingField;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.InvoiceLine;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.Payment;
import dev.ledgerline.wire.PaymentKind;
import dev.ledgerline.wire.StageCategory;
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

class HubSpotNormalizerTest {

    private static final Instant NOW = Instant.parse("2024-07-01T12:00:00Z");
    private static final StageMapping STAGES = StageMapping.derivedFrom(List.of(
            new DealPipeline("default", "Sales Pipeline", List.of(
                    new DealPipeline.Stage("appointmentscheduled", "Appointment Scheduled", false, 0.2),
                    new DealPipeline.Stage("qualifiedtobuy", "Qualified To Buy", false, 0.4),
                    new DealPipeline.Stage("presentationscheduled", "Presentation Scheduled", false, 0.6),
                    new DealPipeline.Stage("closedwon", "Closed Won", true, 1.0))),
            new DealPipeline("75442112", "Partner channel", List.of(
                    new DealPipeline.Stage("148920631", "Partner introduced", false, 0.3),
                    new DealPipeline.Stage("148920634", "Won nothing", true, 0.0)))));

    private static final Instant INVOICES_SINCE = Instant.parse("2024-01-01T00:00:00Z");

    private final HubSpotNormalizer normalizer = new HubSpotNormalizer(new NormalizationSettings("acme", "conn-1",
            "EUR", ZoneId.of("Europe/Berlin"), STAGES, HubSpotLeadStages.defaults()), new FakeSyncClock(NOW));

    @Test
    void normalisesDealsWithMoneyStagesDatesAssociationsAndLineItems() {
        List<JsonNode> deals = new ArrayList<>(Fixtures.results("deals-page-1.json"));
        deals.addAll(Fixtures.results("deals-page-2.json"));
        deals.addAll(Fixtures.results("deals-page-3.json"));
        Map<String, JsonNode> lineItems = Map.of("8001", Fixtures.results("line-items-batch.json").get(0));

        NormalizedBatch<Deal> batch = normalizer.deals(deals, lineItems);

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.records()).hasSize(4);
        Deal won = batch.records().get(0);
        assertThat(won.getTenantId()).isEqualTo("acme");
        assertThat(won.getConnectionId()).isEqualTo("conn-1");
        assertThat(won.getSource()).isEqualTo(CrmSource.HUBSPOT);
        assertThat(won.getExternalId()).isEqualTo("9001");
        assertThat(won.getOp()).isEqualTo(Op.UPSERT);
        assertThat(won.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-06-28T14:31:05.402Z"));
        assertThat(won.getSyncedAt()).isEqualTo(NOW);
        assertThat(won.getName()).isEqualTo("Acme rollout");
        assertThat(won.getAmount()).isEqualTo(new Money(new BigDecimal("12500.5000"), "USD"));
        assertThat(won.getAmountInHomeCurrency()).isEqualTo(new Money(new BigDecimal("11574.5370"), "EUR"));
        assertThat(won.getPipelineId()).isEqualTo("default");
        assertThat(won.getPipelineLabel()).isEqualTo("Sales Pipeline");
        assertThat(won.getStageId()).isEqualTo("closedwon");
        assertThat(won.getStageLabel()).isEqualTo("Closed Won");
        assertThat(won.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(won.getProbability()).isEqualTo(1.0);
        assertThat(won.getForecastCategory()).isEqualTo("CLOSED");
        assertThat(won.getDealType()).isEqualTo("newbusiness");
        assertThat(won.getCreatedAt()).isEqualTo(Instant.parse("2024-03-01T09:15:22.118Z"));
        assertThat(won.getClosedAt()).isEqualTo(Instant.parse("2024-06-28T14:30:00Z"));
        assertThat(won.getExpectedCloseDate()).isEqualTo(LocalDate.of(2024, 6, 28));
        assertThat(won.getOwnerId()).isEqualTo("41629779");
        assertThat(won.getLeadSource()).isEqualTo("ORGANIC_SEARCH");
        assertThat(won.getLossReason()).isNull();
        assertThat(won.getContactIds()).containsExactly("501", "502");
        assertThat(won.getPrimaryContactId()).isEqualTo("501");
        assertThat(won.getAccountId()).isEqualTo("701");
        assertThat(won.getLineItems()).containsExactly(LineItem.newBuilder().setLineItemId("8001")
                .setProductId("3301").setName("Annual licence").setSku("LIC-1Y")
                .setQuantity(new BigDecimal("3.0000"))
                .setUnitPrice(new Money(new BigDecimal("4000.0000"), "USD"))
                .setDiscountAmount(new Money(new BigDecimal("1200.0000"), "USD"))
                .setDiscountRate(new BigDecimal("0.100000"))
                .setAmount(new Money(new BigDecimal("10800.0000"), "USD"))
                .build());

        // Epoch-millisecond dates, portal currency, open stage, cleared owner.
        Deal open = batch.records().get(1);
        assertThat(open.getAmount()).isEqualTo(new Money(new BigDecimal("4800.0000"), "EUR"));
        assertThat(open.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(open.getProbability()).isEqualTo(0.6);
        assertThat(open.getSourceUpdatedAt()).isEqualTo(Instant.ofEpochMilli(1719590400123L));
        assertThat(open.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(1709284522118L));
        assertThat(open.getExpectedCloseDate()).isEqualTo(LocalDate.of(2024, 6, 28));
        assertThat(open.getClosedAt()).isNull();
        assertThat(open.getOwnerId()).isNull();
        assertThat(open.getContactIds()).isEmpty();

        // Custom pipeline, opaque stage ids, lower-case currency, date-only close date, microseconds.
        Deal lost = batch.records().get(2);
        assertThat(lost.getStageCategory()).isEqualTo(StageCategory.LOST);
        assertThat(lost.getProbability()).isEqualTo(0.0);
        assertThat(lost.getAmount()).isEqualTo(new Money(new BigDecimal("990.0000"), "EUR"));
        assertThat(lost.getLossReason()).isEqualTo("Went with a competitor");
        assertThat(lost.getClosedAt()).isEqualTo(Instant.parse("2024-05-31T00:00:00Z"));
        assertThat(lost.getExpectedCloseDate()).isEqualTo(LocalDate.of(2024, 5, 31));
        // Microseconds are read, and the wire keeps milliseconds.
        assertThat(lost.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-06-01T07:45:12Z"));
        assertThat(lost.getCreatedAt()).isEqualTo(Instant.parse("2024-02-12T08:00:00.500Z"));

        // Date-times become dates in the tenant's zone: 00:00 UTC is 02:00 in Berlin, still the 30th.
        assertThat(batch.records().get(3).getExpectedCloseDate()).isEqualTo(LocalDate.of(2024, 9, 30));

        // A cleared owner ("") and an owner never set are both missing; 9001 lacks nothing.
        assertThat(batch.missing()).containsOnlyKeys("9002", "9003", "9004");
        assertThat(batch.missing("9002")).containsExactly(MissingField.OWNER);
        assertThat(batch.missing("9001")).isEmpty();
    }

    @Test
    void publishesDealsWithoutAStageAsOpenWithoutProbabilityInTheDefaultPipelineWhenTheyHaveNone() {
        NormalizedBatch<Deal> batch = normalizer.deals(Fixtures.results("deals-stageless.json"), Map.of());

        assertThat(batch.records()).extracting(Deal::getExternalId)
                .containsExactly("9401", "9402", "9403", "9404", "9405");

        // Created through the API with a name only: HubSpot answers every other property with null.
        Deal bare = batch.records().get(0);
        assertThat(bare.getOp()).isEqualTo(Op.UPSERT);
        assertThat(bare.getName()).isEqualTo("API deal");
        assertThat(bare.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(bare.getProbability()).isNull();
        assertThat(bare.getStageId()).isNull();
        assertThat(bare.getStageLabel()).isNull();
        assertThat(bare.getPipelineId()).isEqualTo("default");
        assertThat(bare.getPipelineLabel()).isEqualTo("Sales Pipeline");
        assertThat(bare.getAmount()).isNull();
        assertThat(bare.getExpectedCloseDate()).isNull();
        assertThat(bare.getClosedAt()).isNull();
        assertThat(bare.getOwnerId()).isNull();
        assertThat(bare.getCreatedAt()).isEqualTo(Instant.parse("2024-03-04T10:11:12.345Z"));
        assertThat(bare.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-03-04T10:11:12.345Z"));
        assertThat(batch.missing("9401")).containsExactlyInAnyOrder(MissingField.STAGE, MissingField.PIPELINE,
                MissingField.AMOUNT, MissingField.CLOSE_DATE, MissingField.OWNER);

        Deal withAmount = batch.records().get(1);
        assertThat(withAmount.getAmount()).isEqualTo(new Money(new BigDecimal("1500.0000"), "EUR"));
        assertThat(withAmount.getProbability()).isNull();
        assertThat(withAmount.getOwnerId()).isEqualTo("41629779");
        assertThat(batch.missing("9402")).containsExactlyInAnyOrder(MissingField.STAGE, MissingField.PIPELINE,
                MissingField.CLOSE_DATE);

        // A stage but no pipeline: the stage is looked up in the default pipeline.
        Deal stageOnly = batch.records().get(2);
        assertThat(stageOnly.getPipelineId()).isEqualTo("default");
        assertThat(stageOnly.getPipelineLabel()).isEqualTo("Sales Pipeline");
        assertThat(stageOnly.getStageId()).isEqualTo("qualifiedtobuy");
        assertThat(stageOnly.getStageLabel()).isEqualTo("Qualified To Buy");
        assertThat(stageOnly.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(stageOnly.getProbability()).isEqualTo(0.4);
        assertThat(batch.missing("9403")).containsExactly(MissingField.PIPELINE);

        // A pipeline but no stage: the pipeline and its label stay.
        Deal partner = batch.records().get(3);
        assertThat(partner.getPipelineId()).isEqualTo("75442112");
        assertThat(partner.getPipelineLabel()).isEqualTo("Partner channel");
        assertThat(partner.getStageId()).isNull();
        assertThat(partner.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(partner.getProbability()).isNull();
        assertThat(partner.getExpectedCloseDate()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(batch.missing("9404")).containsExactly(MissingField.STAGE);

        // Won with its close date cleared: closed at the latest at its last modification.
        Deal won = batch.records().get(4);
        assertThat(won.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(won.getProbability()).isEqualTo(1.0);
        assertThat(won.getClosedAt()).isEqualTo(Instant.parse("2024-03-09T16:45:00.250Z"));
        assertThat(won.getExpectedCloseDate()).isNull();
        assertThat(batch.missing("9405")).containsExactly(MissingField.CLOSE_DATE);

        // What cannot be placed is still a dead letter, naming the stage and the pipeline it was looked up in.
        assertThat(batch.rejections()).extracting(Rejection::externalId, Rejection::reason).containsExactly(
                tuple("9406", "stage '1184077012' of pipeline 'default' is not in the connection's stage mapping"),
                tuple("9407", "stage '148920631' of pipeline 'default' is not in the connection's stage mapping"));
        assertThat(batch.missing()).doesNotContainKeys("9406", "9407");
    }

    @Test
    void aStagelessDealInAPipelineThePipelinesReadDidNotListKeepsItsPipelineWithoutALabel() {
        ObjectNode deal = Fixtures.results("deals-stageless.json").get(3).deepCopy();
        ((ObjectNode) deal.get("properties")).put("pipeline", "90210");

        Deal record = normalizer.deals(List.of(deal), Map.of()).records().get(0);

        assertThat(record.getPipelineId()).isEqualTo("90210");
        assertThat(record.getPipelineLabel()).isNull();
        assertThat(record.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(record.getProbability()).isNull();
    }

    @Test
    void reportsContactsWithoutAnyEmailAndLeadsWithoutAnOwner() {
        ObjectNode contact = Fixtures.results("contacts.json").get(0).deepCopy();
        contact.put("id", "503");
        ((ObjectNode) contact.get("properties")).put("hs_object_id", "503").putNull("email")
                .putNull("hs_additional_emails");
        ObjectNode lead = Fixtures.results("leads.json").get(0).deepCopy();
        ((ObjectNode) lead.get("properties")).putNull("hubspot_owner_id");

        NormalizedBatch<Contact> contacts = normalizer.contacts(List.of(contact,
                Fixtures.results("contacts.json").get(0)));
        NormalizedBatch<Lead> leads = normalizer.leads(List.of(lead));

        assertThat(contacts.records()).hasSize(2);
        assertThat(contacts.records().get(0).getEmails()).isEmpty();
        assertThat(contacts.missing()).isEqualTo(Map.of("503", Set.of(MissingField.EMAIL)));
        assertThat(leads.records()).extracting(Lead::getOwnerId).containsExactly((String) null);
        assertThat(leads.missing("5001")).containsExactly(MissingField.OWNER);
    }

    @Test
    void normalisedDealsSurviveTheWireFormat() {
        Map<String, JsonNode> lineItems = Map.of("8001", Fixtures.results("line-items-batch.json").get(0));
        Deal deal = normalizer.deals(Fixtures.results("deals-page-1.json"), lineItems).records().get(0);
        Deal stageless = normalizer.deals(Fixtures.results("deals-stageless.json"), Map.of()).records().get(0);

        try (AvroSerde<Deal> serde = AvroSerde.of(Deal.class)) {
            for (Deal record : List.of(deal, stageless)) {
                Deal decoded = serde.deserializer().deserialize("crm.deals.v1",
                        serde.serializer().serialize("crm.deals.v1", record));
                assertThat(decoded).isEqualTo(record);
            }
        }
    }

    @Test
    void rejectsMalformedObjectsWithTheReasonAndNormalisesTheRestOfThePage() {
        List<JsonNode> page = Fixtures.results("deals-malformed.json");

        NormalizedBatch<Deal> batch = normalizer.deals(page, Map.of());

        assertThat(batch.records()).extracting(Deal::getExternalId).containsExactly("9101", "9105");
        assertThat(batch.records().get(0).getAmount()).isEqualTo(new Money(new BigDecimal("250.7500"), "EUR"));
        assertThat(batch.records().get(1).getAmount()).isNull();
        assertThat(batch.rejections()).extracting(Rejection::entity, Rejection::externalId, Rejection::reason)
                .containsExactly(
                        tuple("deal", "9102",
                                "property 'amount' is not a decimal number: \"12,500.00\""),
                        tuple("deal", null, "the object has no id"),
                        tuple("deal", "9104",
                                "property 'closedate' is not a date: \"next Tuesday\""));
        assertThat(batch.rejections().get(0).rawJson()).isEqualTo(page.get(1).toString());
    }

    @Test
    void rejectsADealInAStageTheMappingDoesNotKnow() {
        JsonNode deal = Fixtures.results("deals-archived.json").get(0).deepCopy();
        ((ObjectNode) deal).put("archived", false);

        assertThat(normalizer.deals(List.of(deal), Map.of()).rejections()).extracting(Rejection::reason)
                .containsExactly("stage 'stage-deleted-since' of pipeline 'default' is not in the connection's "
                        + "stage mapping");
    }

    @Test
    void turnsArchivedObjectsIntoDeletesVersionedByTheirArchiveTime() {
        NormalizedBatch<Deal> batch = normalizer.deals(Fixtures.results("deals-archived.json"), Map.of());

        assertThat(batch.rejections()).isEmpty();
        Deal deleted = batch.records().get(0);
        assertThat(deleted.getOp()).isEqualTo(Op.DELETE);
        assertThat(deleted.getExternalId()).isEqualTo("9201");
        assertThat(deleted.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-07-02T08:00:00.500Z"));
        assertThat(deleted.getStageCategory()).isNull();
    }

    @Test
    void normalisesContactsWithEveryEmailAndPhone() {
        Contact contact = normalizer.contacts(Fixtures.results("contacts.json")).records().get(0);

        assertThat(contact.getExternalId()).isEqualTo("501");
        assertThat(contact.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-06-27T08:00:00.010Z"));
        assertThat(contact.getName()).isEqualTo("Marie Curie");
        assertThat(contact.getEmails()).containsExactly("marie.curie@example.fr", "mc@example.org",
                "m.curie@example.net");
        assertThat(contact.getPhones()).containsExactly("+33 4 72 00 00 00", "+33 6 12 34 56 78");
        assertThat(contact.getAccountId()).isEqualTo("701");
        assertThat(contact.getAddress().getCity()).isEqualTo("Lyon");
        assertThat(contact.getAddress().getPostalCode()).isEqualTo("69002");
        assertThat(contact.getLifecycleStage()).isEqualTo("customer");
        assertThat(contact.getCreatedAt()).isEqualTo(Instant.parse("2023-11-20T16:04:10.300Z"));
        assertThat(contact.getDealIds()).containsExactly("9001");
    }

    @Test
    void keepsArchivedOwnersAsInactive() {
        List<JsonNode> owners = new ArrayList<>(Fixtures.results("owners.json"));
        owners.addAll(Fixtures.results("owners-archived.json"));

        List<Owner> records = normalizer.owners(owners).records();

        assertThat(records).extracting(Owner::getExternalId, Owner::getName, Owner::getTeam, Owner::getActive,
                Owner::getOp).containsExactly(
                tuple("41629779", "Dana Reyes", "Enterprise EMEA", true, Op.UPSERT),
                tuple("41629790", "Sam Okafor", null, false, Op.UPSERT));
        assertThat(records.get(0).getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-01-08T09:12:44.001Z"));
    }

    @Test
    void normalisesCompaniesAsAccounts() {
        Account account = normalizer.accounts(Fixtures.results("companies.json")).records().get(0);

        assertThat(account.getExternalId()).isEqualTo("701");
        assertThat(account.getName()).isEqualTo("Umbrella Corp");
        assertThat(account.getDomain()).isEqualTo("umbrella.example");
        assertThat(account.getEmployeeCount()).isEqualTo(250);
        assertThat(account.getAnnualRevenue()).isEqualTo(new Money(new BigDecimal("1250000.5000"), "EUR"));
        assertThat(account.getAddress().getStreet()).isEqualTo("1 Hive Way\nFloor 3");
        assertThat(account.getAddress().getRegion()).isEqualTo("MO");
        assertThat(account.getParentAccountId()).isEqualTo("700");
        assertThat(account.getCreatedAt()).isEqualTo(Instant.parse("2022-08-15T10:20:30.400Z"));
    }

    @Test
    void normalisesInvoicesWithStatusesAmountsLinesAndAssociations() {
        NormalizedBatch<Invoice> batch = normalizer.invoices(invoicePages(), invoiceLineItems(), INVOICES_SINCE);

        // 7004 was issued before syncInvoicesSince; 7006 has an unreadable amount.
        assertThat(batch.records()).extracting(Invoice::getExternalId, Invoice::getStatus, Invoice::getStatusLabel)
                .containsExactly(
                        tuple("7001", InvoiceStatus.PAID, "paid"),
                        tuple("7002", InvoiceStatus.VOID, "voided"),
                        tuple("7003", InvoiceStatus.PARTIALLY_PAID, "open"),
                        tuple("7005", InvoiceStatus.SENT, "open"));
        assertThat(batch.rejections()).extracting(Rejection::entity, Rejection::externalId, Rejection::reason)
                .containsExactly(tuple("invoice", "7006",
                        "property 'hs_amount_billed' is not a decimal number: \"1.190,00\""));

        Invoice paid = batch.records().get(0);
        assertThat(paid.getTenantId()).isEqualTo("acme");
        assertThat(paid.getConnectionId()).isEqualTo("conn-1");
        assertThat(paid.getSource()).isEqualTo(CrmSource.HUBSPOT);
        assertThat(paid.getOp()).isEqualTo(Op.UPSERT);
        assertThat(paid.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-06-20T14:02:13.101Z"));
        assertThat(paid.getSyncedAt()).isEqualTo(NOW);
        assertThat(paid.getNumber()).isEqualTo("INV-1001");
        assertThat(paid.getCustomerName()).isEqualTo("Umbrella Corp");
        assertThat(paid.getCustomerEmail()).isEqualTo("marie.curie@example.fr");
        assertThat(paid.getContactId()).isEqualTo("501");
        assertThat(paid.getAccountId()).isEqualTo("701");
        assertThat(paid.getDealId()).isEqualTo("9001");
        assertThat(paid.getIssueDate()).isEqualTo(LocalDate.of(2024, 6, 3));
        assertThat(paid.getDueDate()).isEqualTo(LocalDate.of(2024, 7, 3));
        assertThat(paid.getCurrency()).isEqualTo("USD");
        assertThat(paid.getLines()).containsExactly(
                InvoiceLine.newBuilder().setLineId("8101").setProductId("3301").setName("Annual licence")
                        .setSku("LIC-1Y").setQuantity(new BigDecimal("1.0000"))
                        .setUnitPrice(usd("1000.0000")).setAmount(usd("1000.0000")).build(),
                InvoiceLine.newBuilder().setLineId("8102").setName("Onboarding hours")
                        .setQuantity(new BigDecimal("2.5000"))
                        .setUnitPrice(usd("76.0000")).setAmount(usd("190.0000")).build());
        assertThat(paid.getSubtotal()).isEqualTo(usd("1190.0000"));
        assertThat(paid.getTotal()).isEqualTo(usd("1190.0000"));
        assertThat(paid.getAmountPaid()).isEqualTo(usd("1190.0000"));
        assertThat(paid.getAmountDue()).isEqualTo(usd("0.0000"));
        assertThat(paid.getDiscountTotal()).isNull();
        assertThat(paid.getTaxTotal()).isNull();
        assertThat(paid.getCreatedAt()).isEqualTo(Instant.parse("2024-06-03T08:55:41.207Z"));
        assertThat(paid.getPaidAt()).isEqualTo(Instant.parse("2024-06-20T14:02:10Z"));
        assertThat(paid.getVoidedAt()).isNull();

        // Voided: void time is the last modification; its zero balance does not make it paid.
        Invoice voided = batch.records().get(1);
        assertThat(voided.getVoidedAt()).isEqualTo(Instant.parse("2024-06-12T10:30:00.250Z"));
        assertThat(voided.getPaidAt()).isNull();
        assertThat(voided.getAmountPaid()).isNull();
        assertThat(voided.getTotal()).isEqualTo(new Money(new BigDecimal("480.0000"), "EUR"));
        assertThat(voided.getCustomerName()).isEqualTo("Marie Curie");
        assertThat(voided.getContactId()).isEqualTo("502");
        assertThat(voided.getLines()).isEmpty();
        assertThat(voided.getSubtotal()).isNull();

        // No currency of its own: the portal's; no lines or associations.
        Invoice partiallyPaid = batch.records().get(2);
        assertThat(partiallyPaid.getCurrency()).isEqualTo("EUR");
        assertThat(partiallyPaid.getAmountPaid()).isEqualTo(new Money(new BigDecimal("200.0000"), "EUR"));
        assertThat(partiallyPaid.getAmountDue()).isEqualTo(new Money(new BigDecimal("300.0000"), "EUR"));
        assertThat(partiallyPaid.getPaidAt()).isNull();
        assertThat(partiallyPaid.getContactId()).isNull();

        // Epoch-millisecond dates, lower-case currency.
        Invoice sent = batch.records().get(3);
        assertThat(sent.getCurrency()).isEqualTo("EUR");
        assertThat(sent.getIssueDate()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(sent.getDueDate()).isEqualTo(LocalDate.of(2024, 7, 31));
        assertThat(sent.getSourceUpdatedAt()).isEqualTo(Instant.ofEpochMilli(1719831660123L));
        assertThat(sent.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(1719831600000L));
        assertThat(sent.getAmountPaid()).isEqualTo(new Money(new BigDecimal("0.0000"), "EUR"));
    }

    @Test
    void leavesOutInvoicesIssuedBeforeSyncInvoicesSinceButNotTheirDeletions() {
        List<JsonNode> page = invoicePages();
        page.addAll(Fixtures.results("invoices-archived.json"));

        NormalizedBatch<Invoice> batch = normalizer.invoices(page, invoiceLineItems(),
                Instant.parse("2024-06-20T00:00:00Z"));

        assertThat(batch.records()).extracting(Invoice::getExternalId, Invoice::getOp).containsExactly(
                tuple("7003", Op.UPSERT), tuple("7005", Op.UPSERT), tuple("7201", Op.DELETE));
        assertThat(batch.records().get(2).getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-06-30T12:00:00.125Z"));
    }

    @Test
    void rejectsAnInvoiceInAStatusHubSpotDoesNotDocument() {
        ObjectNode invoice = Fixtures.results("invoices-page-1.json").get(0).deepCopy();
        ((ObjectNode) invoice.get("properties")).put("hs_invoice_status", "uncollectible");

        assertThat(normalizer.invoices(List.of(invoice), invoiceLineItems(), INVOICES_SINCE).rejections())
                .extracting(Rejection::reason)
                .containsExactly("property 'hs_invoice_status' has an unknown value: \"uncollectible\"");
    }

    @Test
    void normalisesPaymentsThatBroughtMoneyNetOfRefunds() {
        NormalizedBatch<Payment> batch = normalizer.payments(Fixtures.results("payments.json"));

        // 6003 failed: no money arrived.
        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.records()).extracting(Payment::getExternalId).containsExactly("6001", "6002");
        Payment invoicePayment = batch.records().get(0);
        assertThat(invoicePayment.getOp()).isEqualTo(Op.UPSERT);
        assertThat(invoicePayment.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-06-20T14:02:12.987Z"));
        assertThat(invoicePayment.getInvoiceId()).isEqualTo("7001");
        assertThat(invoicePayment.getDealId()).isEqualTo("9001");
        assertThat(invoicePayment.getContactId()).isEqualTo("501");
        assertThat(invoicePayment.getCustomerEmail()).isEqualTo("marie.curie@example.fr");
        assertThat(invoicePayment.getAmount()).isEqualTo(usd("1190.0000"));
        assertThat(invoicePayment.getMethod()).isEqualTo("card");
        assertThat(invoicePayment.getKind()).isEqualTo(PaymentKind.INVOICE);
        assertThat(invoicePayment.getReference()).isEqualTo("ch_3PTk2nLkdIwHu7ix0r4Bq1Zz");
        assertThat(invoicePayment.getPaidAt()).isEqualTo(Instant.parse("2024-06-20T14:02:10Z"));

        Payment checkout = batch.records().get(1);
        assertThat(checkout.getAmount()).isEqualTo(new Money(new BigDecimal("200.0000"), "EUR"));
        assertThat(checkout.getKind()).isEqualTo(PaymentKind.ORDER);
        assertThat(checkout.getInvoiceId()).isNull();
        assertThat(checkout.getReference()).isNull();
    }

    @Test
    void normalisedInvoicesAndPaymentsSurviveTheWireFormat() {
        Invoice invoice = normalizer.invoices(invoicePages(), invoiceLineItems(), INVOICES_SINCE).records().get(0);
        Payment payment = normalizer.payments(Fixtures.results("payments.json")).records().get(0);

        try (AvroSerde<Invoice> invoices = AvroSerde.of(Invoice.class);
             AvroSerde<Payment> payments = AvroSerde.of(Payment.class)) {
            assertThat(invoices.deserializer().deserialize("crm.invoices.v1",
                    invoices.serializer().serialize("crm.invoices.v1", invoice))).isEqualTo(invoice);
            assertThat(payments.deserializer().deserialize("crm.payments.v1",
                    payments.serializer().serialize("crm.payments.v1", payment))).isEqualTo(payment);
        }
    }

    private static List<JsonNode> invoicePages() {
        List<JsonNode> invoices = new ArrayList<>(Fixtures.results("invoices-page-1.json"));
        invoices.addAll(Fixtures.results("invoices-page-2.json"));
        return invoices;
    }

    private static Map<String, JsonNode> invoiceLineItems() {
        return Fixtures.results("invoice-line-items-batch.json").stream()
                .collect(Collectors.toMap(item -> item.path("id").asText(), Function.identity()));
    }

    private static Money usd(String amount) {
        return new Money(new BigDecimal(amount), "USD");
    }
}
