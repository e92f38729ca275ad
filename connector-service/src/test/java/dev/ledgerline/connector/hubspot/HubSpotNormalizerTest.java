package dev.ledgerline.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private final HubSpotNormalizer normalizer = new HubSpotNormalizer(new NormalizationSettings("acme", "conn-1",
            "EUR", ZoneId.of("Europe/Berlin"), STAGES, LeadStatusMapping.defaults()), new FakeSyncClock(NOW));

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
    }

    @Test
    void normalisedDealsSurviveTheWireFormat() {
        Map<String, JsonNode> lineItems = Map.of("8001", Fixtures.results("line-items-batch.json").get(0));
        Deal deal = normalizer.deals(Fixtures.results("deals-page-1.json"), lineItems).records().get(0);

        try (AvroSerde<Deal> serde = AvroSerde.of(Deal.class)) {
            Deal decoded = serde.deserializer().deserialize("crm.deals.v1",
                    serde.serializer().serialize("crm.deals.v1", deal));
            assertThat(decoded).isEqualTo(deal);
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
}
