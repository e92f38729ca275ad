package dev.ledgerline.kpi.topology;

import static dev.ledgerline.kpi.topology.TopologyFixtures.TENANT;
import static dev.ledgerline.kpi.topology.TopologyFixtures.bytes;
import static dev.ledgerline.kpi.topology.TopologyFixtures.closed;
import static dev.ledgerline.kpi.topology.TopologyFixtures.deal;
import static dev.ledgerline.kpi.topology.TopologyFixtures.dealKey;
import static dev.ledgerline.kpi.topology.TopologyFixtures.lead;
import static dev.ledgerline.kpi.topology.TopologyFixtures.leadKey;
import static dev.ledgerline.kpi.topology.TopologyFixtures.open;
import static dev.ledgerline.kpi.topology.TopologyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.kpi.compute.DealState;
import dev.ledgerline.kpi.compute.RejectReason;
import dev.ledgerline.kpi.compute.WireMapping;
import dev.ledgerline.schemas.AvroDecodingException;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiDimension;
import dev.ledgerline.wire.KpiUnit;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.KpiWindow;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KPI topology end to end in a TopologyTestDriver: tenant in Europe/Berlin (UTC+1 in March), wall clock at
 * 2026-03-15T12:00Z, so today is 2026-03-15 in the tenant's zone. Expected values are computed by hand.
 */
class KpiTopologyTest {
    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    static final Duration EMIT = TopologyHarness.EMIT;
    static final String TODAY = "2026-03-15";
    static final String MONTH = "2026-03";

    private TopologyHarness topology;
    private TopologyTestDriver driver;
    private KpiBooks books;
    private TestInputTopic<String, Deal> deals;
    private TestInputTopic<String, Lead> leads;
    private TestInputTopic<String, TenantSettings> tenants;
    private TestOutputTopic<String, KpiValue> kpis;
    private TestOutputTopic<String, DeadLetter> dealDeadLetters;
    private Instant eventTime = NOW.minusSeconds(3600);

    @BeforeEach
    void startTopology() {
        topology = new TopologyHarness("kpi-topology-test", NOW);
        driver = topology.driver;
        books = topology.books;
        deals = topology.deals;
        leads = topology.leads;
        tenants = topology.tenants;
        kpis = topology.kpis;
        dealDeadLetters = driver.createOutputTopic(Topics.dlq(Topics.DEALS), new StringDeserializer(),
                AvroSerde.of(DeadLetter.class).deserializer());
    }

    @AfterEach
    void closeTopology() {
        topology.close();
    }

    /**
     * Six deals and two leads. d0 closes at 2026-02-28T23:30Z, which is 2026-03-01 00:30 in Berlin: it counts
     * in March. Owner o1: d1 won, d2 lost, d5 open (700 × 0.2); owner o2: d0 and d3 won, d4 open (300 × 0.5).
     */
    private void feedExample() {
        tenants.pipeInput(TENANT, settings("Europe/Berlin", "EUR"), next());
        send(closed("d0", "o2", at("2026-02-20T10:00:00Z"), StageCategory.WON, at("2026-02-28T23:30:00Z"), "100"));
        send(closed("d1", "o1", at("2026-03-01T09:00:00Z"), StageCategory.WON, at("2026-03-10T10:00:00Z"), "1000"));
        send(closed("d2", "o1", at("2026-03-02T09:00:00Z"), StageCategory.LOST, at("2026-03-11T10:00:00Z"), "500"));
        send(closed("d3", "o2", at("2026-03-05T09:00:00Z"), StageCategory.WON, at("2026-03-12T10:00:00Z"), "2000"));
        send(open("d4", "o2", at("2026-03-06T09:00:00Z"), "300", 0.5));
        send(open("d5", "o1", at("2026-03-07T09:00:00Z"), "700", 0.2));
        leads.pipeInput(leadKey("l1"), lead("l1", "o1", at("2026-03-03T09:00:00Z"), LeadStatus.QUALIFIED), next());
        leads.pipeInput(leadKey("l2"), lead("l2", "o2", at("2026-03-04T09:00:00Z"), LeadStatus.NEW), next());
    }

    @Test
    void publishesEveryKpiOfEveryTouchedSliceForTheWindowsEndingToday() {
        feedExample();
        assertThat(kpis.isEmpty()).isTrue();

        driver.advanceWallClockTime(EMIT);
        var emitted = kpis.readKeyValuesToList();
        // 5 slices (ALL, OWNER o1 and o2, PIPELINE "", LEAD_SOURCE "") × 7 windows × 15 KPIs, each key once.
        assertThat(emitted).hasSize(5 * 7 * 15);
        var values = byKey(emitted);
        assertThat(values).hasSize(5 * 7 * 15);

        assertValue(values, "DEALS_WON_COUNT", "ALL", "*", "P30D", TODAY, "3");
        // d0 closed on March 1st in Berlin (still February in UTC).
        assertValue(values, "DEALS_WON_COUNT", "ALL", "*", "MONTH", MONTH, "3");
        assertValue(values, "DEALS_WON_COUNT", "ALL", "*", "P7D", TODAY, "2");
        assertValue(values, "WIN_RATE", "ALL", "*", "P30D", TODAY, "0.75");
        assertValue(values, "WIN_RATE", "ALL", "*", "P7D", TODAY, "0.6666666667");
        assertValue(values, "PIPELINE_VALUE", "ALL", "*", "P30D", TODAY, "1000");
        assertValue(values, "PIPELINE_VALUE", "ALL", "*", "MONTH", MONTH, "1000");
        assertValue(values, "WEIGHTED_PIPELINE_VALUE", "ALL", "*", "P30D", TODAY, "290");
        assertValue(values, "AVG_WON_DEAL_AMOUNT", "ALL", "*", "P30D", TODAY, "1033.3333333333");
        assertValue(values, "LEADS_COUNT", "ALL", "*", "MONTH", MONTH, "2");
        assertValue(values, "LEAD_QUALIFICATION_RATE", "ALL", "*", "P30D", TODAY, "0.5");

        assertValue(values, "DEALS_WON_COUNT", "OWNER", "o1", "P30D", TODAY, "1");
        assertValue(values, "WIN_RATE", "OWNER", "o1", "MONTH", MONTH, "0.5");
        assertValue(values, "PIPELINE_VALUE", "OWNER", "o1", "P30D", TODAY, "700");
        assertValue(values, "DEALS_WON_COUNT", "OWNER", "o2", "MONTH", MONTH, "2");
        assertValue(values, "WIN_RATE", "OWNER", "o2", "P30D", TODAY, "1");
        assertValue(values, "PIPELINE_VALUE", "OWNER", "o2", "MONTH", MONTH, "300");

        var winRate = values.get(key("WIN_RATE", "ALL", "*", "P30D", TODAY));
        assertThat(winRate.getNumerator()).isEqualByComparingTo("3");
        assertThat(winRate.getDenominator()).isEqualTo(4L);
        assertThat(winRate.getUnit()).isEqualTo(KpiUnit.RATIO);
        assertThat(winRate.getCurrency()).isNull();
        assertThat(winRate.getDimension()).isEqualTo(KpiDimension.ALL);
        assertThat(winRate.getWindow()).isEqualTo(KpiWindow.P30D);
        assertThat(winRate.getPeriodStart()).isEqualTo(LocalDate.parse("2026-02-14"));
        assertThat(winRate.getPeriodEnd()).isEqualTo(LocalDate.parse(TODAY));
        assertThat(winRate.getAsOf()).isEqualTo(LocalDate.parse(TODAY));
        assertThat(winRate.getComputedAt()).isEqualTo(NOW.plus(EMIT));
        assertThat(winRate.getValue().scale()).isEqualTo(10);

        var pipeline = values.get(key("PIPELINE_VALUE", "ALL", "*", "MONTH", MONTH));
        assertThat(pipeline.getUnit()).isEqualTo(KpiUnit.AMOUNT);
        assertThat(pipeline.getCurrency()).isEqualTo("EUR");
        assertThat(pipeline.getDenominator()).isNull();
        assertThat(pipeline.getUnconvertedDealCount()).isZero();
        assertThat(pipeline.getPeriodStart()).isEqualTo(LocalDate.parse("2026-03-01"));

        // A zero denominator gives null, never 0: no lost deal of o2 with an amount.
        var avgLost = values.get(key("AVG_LOST_DEAL_AMOUNT", "OWNER", "o2", "P30D", TODAY));
        assertThat(avgLost.getValue()).isNull();
        assertThat(avgLost.getDenominator()).isZero();

        // Nothing changed: nothing is published.
        driver.advanceWallClockTime(EMIT);
        assertThat(kpis.isEmpty()).isTrue();
    }

    @Test
    void aChangeRepublishesOnlyTheKeysWhoseValueChanged() {
        feedExample();
        driver.advanceWallClockTime(EMIT);
        kpis.readKeyValuesToList();

        // d4 (o2, created 2026-03-06, open at 0.5) goes from 300 to 400.
        send(deal("d4", "o2", at("2026-03-06T09:00:00Z"), at("2026-03-14T09:00:00Z"), StageCategory.OPEN, null,
                "400").setProbability(0.5).build());
        driver.advanceWallClockTime(EMIT);
        var emitted = kpis.readKeyValuesToList();

        // Pipeline and weighted pipeline in all 7 windows, the average deal size in the 6 windows containing
        // March 6th (P7D starts March 9th), in the 4 slices of d4: ALL, OWNER o2, PIPELINE "", LEAD_SOURCE "".
        assertThat(emitted).hasSize(4 * (7 + 7 + 6));
        assertThat(emitted).extracting(kv -> kv.value.getKpi()).containsOnly(
                "PIPELINE_VALUE", "WEIGHTED_PIPELINE_VALUE", "AVG_DEAL_SIZE");
        assertThat(emitted).noneMatch(kv -> kv.value.getDimensionValue().equals("o1"));
        var values = byKey(emitted);
        assertValue(values, "PIPELINE_VALUE", "ALL", "*", "P30D", TODAY, "1100");
        assertValue(values, "WEIGHTED_PIPELINE_VALUE", "ALL", "*", "P30D", TODAY, "340");
        assertValue(values, "PIPELINE_VALUE", "OWNER", "o2", "YEAR", "FY2026", "400");
        // (1000 + 500 + 2000 + 400 + 700) / 5
        assertValue(values, "AVG_DEAL_SIZE", "ALL", "*", "MONTH", MONTH, "920");
    }

    /**
     * A HubSpot deal created without a stage arrives OPEN with no stage id and no probability; another CRM may send
     * no pipeline at all. Both are open deals and pipeline value, neither weighs anything, nothing is rejected.
     */
    @Test
    void aDealWithoutAStageIsOpenPipelineThatWeighsNothingAndADealWithoutAPipelineIsItsOwnSlice() {
        tenants.pipeInput(TENANT, settings("Europe/Berlin", "EUR"), next());
        send(deal("d4", "o2", at("2026-03-06T09:00:00Z"), at("2026-03-06T09:00:00Z"), StageCategory.OPEN, null, "300")
                .setPipelineId("default").setStageId("qualifiedtobuy").setProbability(0.5).build());
        Deal.Builder stageless = deal("api", null, at("2026-03-10T09:00:00Z"), at("2026-03-10T09:00:00Z"),
                StageCategory.OPEN, null, "1200").setPipelineId("default").setPipelineLabel("Sales Pipeline");
        send(stageless.build());
        send(deal("bare", "o1", at("2026-03-11T09:00:00Z"), at("2026-03-11T09:00:00Z"), StageCategory.OPEN, null, null)
                .build());

        var values = emitNow();
        assertThat(dealDeadLetters.isEmpty()).isTrue();
        assertThat(books.rejectedCounts().values()).allMatch(count -> count == 0);
        assertThat(storedDeal(dealKey("api")).latest().probability()).isNull();
        assertValue(values, "OPEN_DEALS_COUNT", "ALL", "*", "P30D", TODAY, "3");
        assertValue(values, "PIPELINE_VALUE", "ALL", "*", "P30D", TODAY, "1500");
        assertValue(values, "WEIGHTED_PIPELINE_VALUE", "ALL", "*", "P30D", TODAY, "150");
        // (300 + 1200) / 2: the deal without an amount counts, but not in the average.
        assertValue(values, "AVG_DEAL_SIZE", "ALL", "*", "MONTH", MONTH, "750");
        assertValue(values, "OPEN_DEALS_COUNT", "PIPELINE", "default", "P30D", TODAY, "2");
        assertValue(values, "PIPELINE_VALUE", "PIPELINE", "default", "P30D", TODAY, "1500");
        assertValue(values, "WEIGHTED_PIPELINE_VALUE", "PIPELINE", "default", "P30D", TODAY, "150");
        assertValue(values, "OPEN_DEALS_COUNT", "PIPELINE", "", "P30D", TODAY, "1");
        assertValue(values, "PIPELINE_VALUE", "PIPELINE", "", "P30D", TODAY, "0");
        assertValue(values, "OPEN_DEALS_COUNT", "OWNER", "", "P30D", TODAY, "1");
        assertValue(values, "PIPELINE_VALUE", "OWNER", "", "P30D", TODAY, "1200");
        assertValue(values, "WEIGHTED_PIPELINE_VALUE", "OWNER", "", "P30D", TODAY, "0");

        // The deal is given a stage: it now weighs, and only the weighted values move.
        send(stageless.setSourceUpdatedAt(at("2026-03-14T09:00:00Z")).setStageId("appointmentscheduled")
                .setProbability(0.25).build());
        var moved = emitNow();
        assertThat(moved.values()).extracting(KpiValue::getKpi).containsOnly("WEIGHTED_PIPELINE_VALUE");
        assertValue(moved, "WEIGHTED_PIPELINE_VALUE", "ALL", "*", "P30D", TODAY, "450");
        assertValue(moved, "WEIGHTED_PIPELINE_VALUE", "PIPELINE", "default", "P30D", TODAY, "450");
    }

    @Test
    void aResyncOfTheSameDealPublishesNothing() {
        feedExample();
        driver.advanceWallClockTime(EMIT);
        kpis.readKeyValuesToList();
        var dealStates = driver.<String, DealState>getKeyValueStore(KpiTopology.DEAL_STATES_STORE);
        var before = dealStates.get(dealKey("d3"));

        send(closed("d3", "o2", at("2026-03-05T09:00:00Z"), StageCategory.WON, at("2026-03-12T10:00:00Z"), "2000"));
        driver.advanceWallClockTime(EMIT);

        assertThat(kpis.isEmpty()).isTrue();
        assertThat(dealStates.get(dealKey("d3"))).isEqualTo(before);
    }

    @Test
    void anOwnerChangeMovesTheDealBetweenOwnerSlices() {
        feedExample();
        driver.advanceWallClockTime(EMIT);
        var first = byKey(kpis.readKeyValuesToList());
        assertValue(first, "OPEN_DEALS_COUNT", "OWNER", "o1", "P30D", TODAY, "1");
        assertValue(first, "OPEN_DEALS_COUNT", "OWNER", "o2", "P30D", TODAY, "1");

        send(deal("d5", "o2", at("2026-03-07T09:00:00Z"), at("2026-03-14T09:00:00Z"), StageCategory.OPEN, null,
                "700").setProbability(0.2).build());
        driver.advanceWallClockTime(EMIT);
        var moved = byKey(kpis.readKeyValuesToList());

        assertValue(moved, "OPEN_DEALS_COUNT", "OWNER", "o1", "P30D", TODAY, "0");
        assertValue(moved, "OPEN_DEALS_COUNT", "OWNER", "o2", "P30D", TODAY, "2");
        assertValue(moved, "PIPELINE_VALUE", "OWNER", "o1", "MONTH", MONTH, "0");
        assertValue(moved, "PIPELINE_VALUE", "OWNER", "o2", "MONTH", MONTH, "1000");
        // The tenant totals did not change.
        assertThat(moved.keySet()).noneMatch(key -> key.contains("|ALL|"));
    }

    @Test
    void aDayRolloverInTheTenantsZoneRepublishesTheRollingWindows() {
        feedExample();
        driver.advanceWallClockTime(EMIT);
        kpis.readKeyValuesToList();

        // 23:30 UTC is 00:30 on March 16th in Berlin, while UTC is still on the 15th.
        driver.advanceWallClockTime(Duration.between(NOW.plus(EMIT), Instant.parse("2026-03-15T23:30:00Z")));
        var values = byKey(kpis.readKeyValuesToList());

        assertValue(values, "DEALS_WON_COUNT", "ALL", "*", "P30D", "2026-03-16", "3");
        assertValue(values, "DEALS_WON_COUNT", "ALL", "*", "P7D", "2026-03-16", "2");
        var month = values.get(key("DEALS_WON_COUNT", "ALL", "*", "MONTH", MONTH));
        assertThat(month.getAsOf()).isEqualTo(LocalDate.parse("2026-03-16"));
        assertThat(values.keySet()).noneMatch(key -> key.endsWith("|" + TODAY));
    }

    @Test
    void aRejectedDealIsDeadLetteredAndCountedAndTheTopologyKeepsRunning() {
        tenants.pipeInput(TENANT, settings("Europe/Berlin", "EUR"), next());
        var negative = open("bad", "o1", at("2026-03-10T09:00:00Z"), "-5", 0.5);
        deals.pipeInput(dealKey("bad"), negative, next());

        var deadLetters = dealDeadLetters.readKeyValuesToList();
        assertThat(deadLetters).hasSize(1);
        var deadLetter = deadLetters.get(0);
        assertThat(deadLetter.key).isEqualTo(dealKey("bad"));
        assertThat(deadLetter.value.getReasonCode()).isEqualTo(RejectReason.NEGATIVE_AMOUNT.name());
        assertThat(deadLetter.value.getOriginalTopic()).isEqualTo(Topics.DEALS);
        assertThat(deadLetter.value.getOriginalOffset()).isGreaterThanOrEqualTo(0);
        assertThat(deadLetter.value.getTenantId()).isEqualTo(TENANT);
        var original = AvroSerde.of(Deal.class).deserializer()
                .deserialize(Topics.DEALS, bytes(deadLetter.value.getOriginalValue()));
        assertThat(original).isEqualTo(negative);
        assertThat(books.rejectedCount(RejectReason.NEGATIVE_AMOUNT)).isEqualTo(1);
        assertThat(books.rejectedCounts()).containsEntry("negative_amount", 1L);
        assertThat(driver.<String, DealState>getKeyValueStore(KpiTopology.DEAL_STATES_STORE).get(dealKey("bad")))
                .isNull();

        var good = open("good", "o1", at("2026-03-10T09:00:00Z"), "5", 0.5);
        deals.pipeInput(dealKey("good"), good, next());
        assertThat(storedDeal(dealKey("good")).latest()).isEqualTo(WireMapping.dealVersion(good));
        driver.advanceWallClockTime(EMIT);
        assertValue(byKey(kpis.readKeyValuesToList()), "OPEN_DEALS_COUNT", "ALL", "*", "P7D", TODAY, "1");
        assertThat(books.processedCount(Topics.DEALS)).isEqualTo(2);
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndTheTopologyKeepsRunning() {
        var garbage = driver.createInputTopic(Topics.DEALS, new StringSerializer(), new ByteArraySerializer());
        var raw = "not avro at all".getBytes(StandardCharsets.UTF_8);
        garbage.pipeInput(dealKey("garbage"), raw, next());

        var sent = RecordingDeadLetterHandler.PRODUCER.history();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).topic()).isEqualTo(Topics.dlq(Topics.DEALS));
        assertThat(new String(sent.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(dealKey("garbage"));
        var deadLetter = AvroSerde.of(DeadLetter.class).deserializer().deserialize(Topics.dlq(Topics.DEALS),
                sent.get(0).value());
        assertThat(deadLetter.getReasonCode()).isIn(
                AvroDecodingException.Reason.BAD_MARKER.name(), AvroDecodingException.Reason.CORRUPT_BODY.name());
        assertThat(bytes(deadLetter.getOriginalValue())).isEqualTo(raw);
        assertThat(deadLetter.getOriginalTopic()).isEqualTo(Topics.DEALS);
        assertThat(deadLetter.getTenantId()).isEqualTo(TENANT);
        assertThat(deadLetter.getExceptionClass()).isEqualTo(AvroDecodingException.class.getName());
        assertThat(RecordingDeadLetterHandler.lastConfig).containsEntry("acks", "all");

        var good = open("after-garbage", "o1", at("2026-03-10T09:00:00Z"), "5", 0.5);
        deals.pipeInput(dealKey("after-garbage"), good, next());
        assertThat(storedDeal(dealKey("after-garbage")).latest()).isEqualTo(WireMapping.dealVersion(good));
    }

    @Test
    void aTenantTombstoneDropsItsStateAndDeletesItsPublishedValues() {
        feedExample();
        driver.advanceWallClockTime(EMIT);
        var published = byKey(kpis.readKeyValuesToList()).keySet();

        tenants.pipeInput(TENANT, null, next());

        var tombstones = kpis.readKeyValuesToList();
        assertThat(tombstones).allMatch(kv -> kv.value == null);
        assertThat(tombstones).extracting(kv -> kv.key).containsExactlyInAnyOrderElementsOf(published);
        assertThat(storedDealCount()).isZero();
        assertThat(books.tenants()).doesNotContain(TENANT);
    }

    // --- helpers

    private void send(Deal deal) {
        deals.pipeInput(Keys.of(TENANT, "HUBSPOT", deal.getExternalId()), deal, next());
    }

    /** Advances the wall clock by one emit interval and returns what was published, by key. */
    private Map<String, KpiValue> emitNow() {
        driver.advanceWallClockTime(EMIT);
        return byKey(kpis.readKeyValuesToList());
    }

    private DealState storedDeal(String key) {
        KeyValueStore<String, DealState> store = driver.getKeyValueStore(KpiTopology.DEAL_STATES_STORE);
        return store.get(key);
    }

    private long storedDealCount() {
        KeyValueStore<String, DealState> store = driver.getKeyValueStore(KpiTopology.DEAL_STATES_STORE);
        return store.approximateNumEntries();
    }

    private Instant next() {
        eventTime = eventTime.plusSeconds(1);
        return eventTime;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static String key(String kpi, String dimension, String value, String window, String period) {
        return Keys.of(TENANT, kpi, dimension, value, window, period);
    }

    static Map<String, KpiValue> byKey(List<KeyValue<String, KpiValue>> records) {
        return records.stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b,
                LinkedHashMap::new));
    }

    private static void assertValue(Map<String, KpiValue> values, String kpi, String dimension, String dimensionValue,
            String window, String period, String expected) {
        var key = key(kpi, dimension, dimensionValue, window, period);
        assertThat(values).as("emitted keys").containsKey(key);
        var value = values.get(key);
        assertThat(value.getValue()).as(key).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(value.getValue().scale()).as(key).isEqualTo(10);
    }
}
