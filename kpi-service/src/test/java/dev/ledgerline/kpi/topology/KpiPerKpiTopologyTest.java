package dev.ledgerline.kpi.topology;

import static dev.ledgerline.kpi.topology.TopologyFixtures.TENANT;
import static dev.ledgerline.kpi.topology.TopologyFixtures.closed;
import static dev.ledgerline.kpi.topology.TopologyFixtures.deal;
import static dev.ledgerline.kpi.topology.TopologyFixtures.lead;
import static dev.ledgerline.kpi.topology.TopologyFixtures.open;
import static dev.ledgerline.kpi.topology.TopologyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.kpi.compute.KpiId;
import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiUnit;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every KPI of DESIGN.md section 6 through the topology, as the emitted KpiValue on kpi.values.v1 (value,
 * numerator, denominator, unit, currency), for small histories whose numbers are computed by hand below.
 *
 * <p>The tenant lives in Asia/Kolkata (UTC+05:30, no daylight saving time), home currency EUR; the wall clock is
 * 2026-01-20 12:00 there, so the windows end with 2026-01-20: P7D is 01-14..01-20, P30D 2025-12-22..01-20,
 * MONTH 01-01..01-20. Times below are local (Kolkata) times. The edges: 01-13 23:59 is the 8th day back (outside
 * P7D) and 01-14 00:00 the 7th (inside), although both are 01-13 in UTC; 2026-01-01 00:00 is January in Kolkata
 * and 2025-12-31 in UTC; a zero denominator gives a null value.
 */
class KpiPerKpiTopologyTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final Instant NOW = local("2026-01-20T12:00");
    private static final LocalDate TODAY = LocalDate.parse("2026-01-20");

    /**
     * Leads created: l0 01-13 23:59 QUALIFIED (outside P7D), l1 01-14 00:00 QUALIFIED, l2 01-15 CONVERTED,
     * l3 01-16 NEW, l4 01-20 WORKING. In P7D: 4 leads, 2 qualified or converted, 1 converted. In P30D: 5.
     */
    static final History LEADS = new History("leads", List.of(
            lead("l0", "o1", local("2026-01-13T23:59"), LeadStatus.QUALIFIED),
            lead("l1", "o1", local("2026-01-14T00:00"), LeadStatus.QUALIFIED),
            lead("l2", "o1", local("2026-01-15T10:00"), LeadStatus.CONVERTED),
            lead("l3", "o2", local("2026-01-16T10:00"), LeadStatus.NEW),
            lead("l4", "o2", local("2026-01-20T09:00"), LeadStatus.WORKING)));

    /**
     * Closed deals (created 01-05/01-06): won w0 01-13 23:59 (100, outside P7D), w1 01-14 00:00 (200), w2 01-20
     * 08:00 (300); lost x0 01-13 23:59 (50, outside P7D), x1 01-14 00:00 (400), x2 01-18 (no amount), x3 01-19
     * (250); and one open deal. P7D: won 2 (500), lost 3 (2 with an amount: 650). P30D: won 3, lost 4.
     */
    static final History CLOSED = new History("closed", List.of(
            closed("w0", "o1", local("2026-01-05T10:00"), StageCategory.WON, local("2026-01-13T23:59"), "100"),
            closed("w1", "o1", local("2026-01-05T10:00"), StageCategory.WON, local("2026-01-14T00:00"), "200"),
            closed("w2", "o2", local("2026-01-06T10:00"), StageCategory.WON, local("2026-01-20T08:00"), "300"),
            closed("x0", "o1", local("2026-01-05T10:00"), StageCategory.LOST, local("2026-01-13T23:59"), "50"),
            closed("x1", "o2", local("2026-01-06T10:00"), StageCategory.LOST, local("2026-01-14T00:00"), "400"),
            closed("x2", "o2", local("2026-01-06T10:00"), StageCategory.LOST, local("2026-01-18T10:00"), null),
            closed("x3", "o2", local("2026-01-06T10:00"), StageCategory.LOST, local("2026-01-19T10:00"), "250"),
            open("p1", "o1", local("2026-01-15T10:00"), "1000", 0.5)));

    /**
     * Won deals around the month boundary: m0 2025-12-31 23:59 (9999, December), m1 2026-01-01 00:00 (400,
     * January in Kolkata although 2025-12-31 18:30 in UTC), m2 01-10 (1000). MONTH 2026-01: 2 won, 1400.
     */
    static final History MONTH_EDGE = new History("month edge", List.of(
            closed("m0", "o1", local("2025-12-20T10:00"), StageCategory.WON, local("2025-12-31T23:59"), "9999"),
            closed("m1", "o1", local("2025-12-20T10:00"), StageCategory.WON, local("2026-01-01T00:00"), "400"),
            closed("m2", "o1", local("2026-01-02T10:00"), StageCategory.WON, local("2026-01-10T12:00"), "1000")));

    /**
     * Deals created: c0 01-13 23:59 (5000, outside P7D), c1 01-14 00:00 open (100), c2 01-16 won 01-17 (200),
     * c3 01-18 lost 01-19 (600), c4 01-19 open without amount. P7D: 900 over 3 deals with an amount.
     */
    static final History CREATED = new History("created", List.of(
            open("c0", "o1", local("2026-01-13T23:59"), "5000", 0.5),
            open("c1", "o1", local("2026-01-14T00:00"), "100", 0.5),
            closed("c2", "o1", local("2026-01-16T10:00"), StageCategory.WON, local("2026-01-17T10:00"), "200"),
            closed("c3", "o1", local("2026-01-18T10:00"), StageCategory.LOST, local("2026-01-19T10:00"), "600"),
            open("c4", "o1", local("2026-01-19T10:00"), null, 0.5)));

    /**
     * Won deals closed in P30D with durations 0.5 d (t1), 1.25 d (t2), 3.5 d (t3), 3.9 d = 3 d 21:36 (t4) and
     * 10 d (t5): sum 19.15 d, mean 3.83 d; whole days 0, 1, 3, 3, 10, so P50 (at least 2.5 of 5 ≤ d) is 3 and
     * P90 (at least 4.5 of 5) is 10. Left out: t0 won 2025-12-21 23:59 (one minute before P30D) and y1 lost.
     */
    static final History DURATIONS = new History("durations", List.of(
            closed("t0", "o1", local("2025-12-01T00:00"), StageCategory.WON, local("2025-12-21T23:59"), "10"),
            closed("t1", "o1", local("2026-01-10T00:00"), StageCategory.WON, local("2026-01-10T12:00"), "10"),
            closed("t2", "o1", local("2026-01-11T00:00"), StageCategory.WON, local("2026-01-12T06:00"), "10"),
            closed("t3", "o1", local("2026-01-12T00:00"), StageCategory.WON, local("2026-01-15T12:00"), "10"),
            closed("t4", "o1", local("2026-01-12T00:00"), StageCategory.WON, local("2026-01-15T21:36"), "10"),
            closed("t5", "o1", local("2026-01-01T00:00"), StageCategory.WON, local("2026-01-11T00:00"), "10"),
            closed("y1", "o1", local("2026-01-02T00:00"), StageCategory.LOST, local("2026-01-19T00:00"), "10")));

    /**
     * Open at the end of 01-20, whatever the window: s1 (created 2025-12-01, 1000 at 0.1), s2 (created today
     * 11:59, 250.25 at 0.4), s4 (no amount, at 0.5): 3 deals, pipeline 1250.25, weighted 100 + 100.1 = 200.1.
     * Not open: s3 won today 00:00, s5 lost 01-19 23:59.
     */
    static final History OPEN_STOCK = new History("open stock", List.of(
            open("s1", "o1", local("2025-12-01T10:00"), "1000", 0.1),
            open("s2", "o1", local("2026-01-20T11:59"), "250.25", 0.4),
            closed("s3", "o1", local("2026-01-02T10:00"), StageCategory.WON, local("2026-01-20T00:00"), "999"),
            open("s4", "o1", local("2026-01-05T10:00"), null, 0.5),
            closed("s5", "o1", local("2026-01-03T10:00"), StageCategory.LOST, local("2026-01-19T23:59"), "70")));

    static Stream<Expected> expectations() {
        return Stream.of(
                new Expected(KpiId.LEADS_COUNT, Window.P7D, LEADS, "4", "4", null, KpiUnit.COUNT),
                new Expected(KpiId.LEADS_COUNT, Window.P30D, LEADS, "5", "5", null, KpiUnit.COUNT),
                new Expected(KpiId.LEAD_QUALIFICATION_RATE, Window.P7D, LEADS, "0.5", "2", 4L, KpiUnit.RATIO),
                new Expected(KpiId.LEAD_CONVERSION_RATE, Window.P7D, LEADS, "0.25", "1", 4L, KpiUnit.RATIO),
                new Expected(KpiId.LEAD_CONVERSION_RATE, Window.P7D, CLOSED, null, "0", 0L, KpiUnit.RATIO),
                new Expected(KpiId.DEALS_WON_COUNT, Window.P7D, CLOSED, "2", "2", null, KpiUnit.COUNT),
                new Expected(KpiId.DEALS_WON_COUNT, Window.MONTH, MONTH_EDGE, "2", "2", null, KpiUnit.COUNT),
                new Expected(KpiId.DEALS_LOST_COUNT, Window.P7D, CLOSED, "3", "3", null, KpiUnit.COUNT),
                // 2 / 5
                new Expected(KpiId.WIN_RATE, Window.P7D, CLOSED, "0.4", "2", 5L, KpiUnit.RATIO),
                // 3 / 7 = 0.428571428571…, rounded half-even to 10 places on the wire
                new Expected(KpiId.WIN_RATE, Window.P30D, CLOSED, "0.4285714286", "3", 7L, KpiUnit.RATIO),
                new Expected(KpiId.WIN_RATE, Window.P7D, LEADS, null, "0", 0L, KpiUnit.RATIO),
                // (200 + 300) / 2
                new Expected(KpiId.AVG_WON_DEAL_AMOUNT, Window.P7D, CLOSED, "250", "500", 2L, KpiUnit.AMOUNT),
                // (400 + 1000) / 2: m1 is January in Kolkata, m0 December
                new Expected(KpiId.AVG_WON_DEAL_AMOUNT, Window.MONTH, MONTH_EDGE, "700", "1400", 2L, KpiUnit.AMOUNT),
                // (400 + 250) / 2: x2 has no amount
                new Expected(KpiId.AVG_LOST_DEAL_AMOUNT, Window.P7D, CLOSED, "325", "650", 2L, KpiUnit.AMOUNT),
                new Expected(KpiId.AVG_LOST_DEAL_AMOUNT, Window.P7D, LEADS, null, "0", 0L, KpiUnit.AMOUNT),
                // (100 + 200 + 600) / 3
                new Expected(KpiId.AVG_DEAL_SIZE, Window.P7D, CREATED, "300", "900", 3L, KpiUnit.AMOUNT),
                // 19.15 / 5
                new Expected(KpiId.AVG_TIME_TO_CLOSE_DAYS, Window.P30D, DURATIONS, "3.83", "19.15", 5L, KpiUnit.DAYS),
                new Expected(KpiId.AVG_TIME_TO_CLOSE_DAYS, Window.P7D, LEADS, null, "0", 0L, KpiUnit.DAYS),
                new Expected(KpiId.TIME_TO_CLOSE_P50_DAYS, Window.P30D, DURATIONS, "3", null, 5L, KpiUnit.DAYS),
                new Expected(KpiId.TIME_TO_CLOSE_P90_DAYS, Window.P30D, DURATIONS, "10", null, 5L, KpiUnit.DAYS),
                new Expected(KpiId.TIME_TO_CLOSE_P90_DAYS, Window.P7D, LEADS, null, null, 0L, KpiUnit.DAYS),
                new Expected(KpiId.OPEN_DEALS_COUNT, Window.P7D, OPEN_STOCK, "3", "3", null, KpiUnit.COUNT),
                new Expected(KpiId.PIPELINE_VALUE, Window.P7D, OPEN_STOCK, "1250.25", "1250.25", null, KpiUnit.AMOUNT),
                // The stock ignores the window: the same at the end of 01-20 for the fiscal year to date.
                new Expected(KpiId.PIPELINE_VALUE, Window.YEAR, OPEN_STOCK, "1250.25", "1250.25", null,
                        KpiUnit.AMOUNT),
                // 1000 × 0.1 + 250.25 × 0.4
                new Expected(KpiId.WEIGHTED_PIPELINE_VALUE, Window.P7D, OPEN_STOCK, "200.1", "200.1", null,
                        KpiUnit.AMOUNT));
    }

    /** The first day of each window used here, by hand. */
    private static final Map<Window, LocalDate> PERIOD_STARTS = Map.of(
            Window.P7D, LocalDate.parse("2026-01-14"),
            Window.P30D, LocalDate.parse("2025-12-22"),
            Window.MONTH, LocalDate.parse("2026-01-01"),
            Window.YEAR, LocalDate.parse("2026-01-01"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void theEmittedValueIsTheHandComputedOne(Expected expected) {
        try (var topology = new TopologyHarness("kpi-per-kpi-test", NOW)) {
            topology.send(settings("Asia/Kolkata", "EUR"));
            expected.history().records().forEach(record -> send(topology, record));

            var value = topology.emit().get(key(expected.kpi(), expected.window(), TODAY));

            assertThat(value).as("emitted").isNotNull();
            assertDecimal(value.getValue(), expected.value());
            assertDecimal(value.getNumerator(), expected.numerator());
            assertThat(value.getDenominator()).isEqualTo(expected.denominator());
            assertThat(value.getUnit()).isEqualTo(expected.unit());
            assertThat(value.getCurrency()).isEqualTo(expected.unit() == KpiUnit.AMOUNT ? "EUR" : null);
            assertThat(value.getAsOf()).isEqualTo(TODAY);
            assertThat(value.getPeriodStart()).isEqualTo(PERIOD_STARTS.get(expected.window()));
            assertThat(value.getPeriodEnd()).isEqualTo(TODAY);
        }
    }

    @Test
    void everyKpiHasAnExpectation() {
        assertThat(expectations().map(Expected::kpi).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                KpiId.values());
    }

    /**
     * A deal closed at 01-13 23:59 is outside P7D; corrected to 01-14 00:00 it moves in; at 00:00:30 on 01-21 the
     * window moves on (01-15..01-21) and it drops out again.
     */
    @Test
    void theDayBoundaryAndTheWallClockMoveADealBetweenWindows() {
        try (var topology = new TopologyHarness("kpi-per-kpi-test", NOW)) {
            topology.send(settings("Asia/Kolkata", "EUR"));
            var created = local("2026-01-05T10:00");
            topology.send(closed("w", "o1", created, StageCategory.WON, local("2026-01-13T23:59"), "100"));
            var first = topology.emit();
            assertCount(first, KpiId.DEALS_WON_COUNT, Window.P7D, TODAY, "0");
            assertCount(first, KpiId.DEALS_WON_COUNT, Window.P30D, TODAY, "1");

            topology.send(deal("w", "o1", created, local("2026-01-14T00:01"), StageCategory.WON,
                    local("2026-01-14T00:00"), "100").build());
            var moved = topology.emit();
            assertCount(moved, KpiId.DEALS_WON_COUNT, Window.P7D, TODAY, "1");
            // The P30D count did not change, so it is not published again.
            assertThat(moved).doesNotContainKey(key(KpiId.DEALS_WON_COUNT, Window.P30D, TODAY));

            topology.driver.advanceWallClockTime(Duration.between(NOW.plus(TopologyHarness.EMIT.multipliedBy(2)),
                    local("2026-01-21T00:00:30")));
            var tomorrow = LocalDate.parse("2026-01-21");
            var nextDay = topology.emit();
            assertCount(nextDay, KpiId.DEALS_WON_COUNT, Window.P7D, tomorrow, "0");
            assertCount(nextDay, KpiId.DEALS_WON_COUNT, Window.P30D, tomorrow, "1");
        }
    }

    /** A hand-built history of deals and leads. */
    record History(String name, List<SpecificRecord> records) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What the KpiValue of {@code kpi} and {@code window} (dimension ALL) says after {@code history}. */
    record Expected(KpiId kpi, Window window, History history, String value, String numerator, Long denominator,
            KpiUnit unit) {
        @Override
        public String toString() {
            return kpi + " " + window + " over " + history + " = " + value;
        }
    }

    private static void send(TopologyHarness topology, SpecificRecord record) {
        if (record instanceof Deal deal) {
            topology.send(deal);
        } else {
            topology.send((Lead) record);
        }
    }

    private static String key(KpiId kpi, Window window, LocalDate asOf) {
        return Keys.of(TENANT, kpi.name(), "ALL", "*", window.name(), window.periodLabel(asOf, 1));
    }

    private static void assertCount(Map<String, KpiValue> values, KpiId kpi, Window window, LocalDate asOf,
            String expected) {
        var key = key(kpi, window, asOf);
        assertThat(values).containsKey(key);
        assertDecimal(values.get(key).getValue(), expected);
    }

    private static void assertDecimal(BigDecimal actual, String expected) {
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).isEqualByComparingTo(expected);
        }
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(KOLKATA).toInstant();
    }
}
