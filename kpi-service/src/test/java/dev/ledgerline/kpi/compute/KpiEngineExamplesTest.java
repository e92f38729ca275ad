package dev.ledgerline.kpi.compute;

import static dev.ledgerline.kpi.compute.WireRecords.dealKey;
import static dev.ledgerline.kpi.compute.WireRecords.money;
import static dev.ledgerline.kpi.compute.WireRecords.openDeal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiDimension;
import dev.ledgerline.wire.KpiUnit;
import dev.ledgerline.wire.KpiWindow;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-computed KPI values, one concern per test. */
class KpiEngineExamplesTest {
    private static final String T = "acme";

    private final KpiBook book = new KpiBook();

    private static Instant utc(String dateTime) {
        return LocalDateTime.parse(dateTime).toInstant(java.time.ZoneOffset.UTC);
    }

    private static Instant local(String dateTime, String zone) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    private static Deal closed(Deal.Builder deal, StageCategory stage, Instant closedAt) {
        return deal.setStageCategory(stage).setClosedAt(closedAt).setSourceUpdatedAt(closedAt).build();
    }

    private RecordOutcome send(Deal deal) {
        return book.onDeal(dealKey(deal.getTenantId(), deal.getExternalId()), deal);
    }

    private KpiResult kpi(KpiId kpi, Window window, String asOf) {
        return kpi(Slice.ALL, kpi, window, asOf);
    }

    private KpiResult kpi(Slice slice, KpiId kpi, Window window, String asOf) {
        return book.evaluate(T, slice, window, LocalDate.parse(asOf)).get(kpi);
    }

    private long count(KpiId kpi, Window window, String asOf) {
        return kpi(kpi, window, asOf).value().longValueExact();
    }

    private void usd() {
        book.onTenantSettings(T, WireRecords.settings(T, "UTC", "USD", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Los_Angeles", "Asia/Tokyo"})
    void aDealClosedAt2359CountsOnThatDayAndOneClosedAtMidnightOnTheNext(String zone) {
        book.onTenantSettings(T, WireRecords.settings(T, zone, "USD", 1));
        var created = local("2025-03-01T12:00", zone);
        send(closed(openDeal(T, "late", created, "10", "USD"), StageCategory.WON, local("2025-03-10T23:59", zone)));
        send(closed(openDeal(T, "midnight", created, "10", "USD"), StageCategory.WON, local("2025-03-11T00:00", zone)));

        assertThat(count(KpiId.DEALS_WON_COUNT, Window.P7D, "2025-03-10")).isEqualTo(1);
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.P7D, "2025-03-16")).isEqualTo(2);
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.P7D, "2025-03-17")).isEqualTo(1);
        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.P7D, "2025-03-10")).isEqualTo(1);
        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.P7D, "2025-03-11")).isZero();
    }

    @Test
    void rollingWindowsIncludeTheirFirstAndLastDayAndNothingBeyond() {
        usd();
        for (var day : new String[] {"2025-05-01", "2025-05-02", "2025-05-08", "2025-05-09", "2025-04-09", "2025-04-08"}) {
            book.onLead(dealKey(T, "lead-" + day), WireRecords.lead(T, "lead-" + day, utc(day + "T10:00"),
                    utc(day + "T10:00"), LeadStatus.NEW).build());
        }

        // P7D to 05-08 is 05-02..05-08; P30D to 05-08 is 04-09..05-08.
        assertThat(count(KpiId.LEADS_COUNT, Window.P7D, "2025-05-08")).isEqualTo(2);
        assertThat(count(KpiId.LEADS_COUNT, Window.P30D, "2025-05-08")).isEqualTo(4);
        assertThat(count(KpiId.LEADS_COUNT, Window.P90D, "2025-05-08")).isEqualTo(5);
    }

    @Test
    void calendarWindowsRunPeriodToDateAndFollowAFiscalYearStartingInApril() {
        book.onTenantSettings(T, WireRecords.settings(T, "UTC", "USD", 4));
        var created = utc("2024-01-01T00:00");
        var closedDays = new String[] {"2024-03-31", "2024-04-01", "2025-03-31", "2025-04-01", "2025-04-30", "2025-05-20", "2025-05-21"};
        for (var day : closedDays) {
            send(closed(openDeal(T, "won-" + day, created, "1", "USD"), StageCategory.WON, utc(day + "T12:00")));
        }

        assertThat(count(KpiId.DEALS_WON_COUNT, Window.MONTH, "2025-05-20")).isEqualTo(1);
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.QUARTER, "2025-05-20")).isEqualTo(3);
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.YEAR, "2025-05-20")).isEqualTo(3);
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.QUARTER, "2025-03-31")).isEqualTo(1);
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.YEAR, "2025-03-31")).isEqualTo(2);
        assertThat(Window.QUARTER.range(LocalDate.parse("2025-05-20"), 4).first()).isEqualTo("2025-04-01");
        assertThat(Window.QUARTER.range(LocalDate.parse("2025-03-31"), 4).first()).isEqualTo("2025-01-01");
        assertThat(Window.YEAR.range(LocalDate.parse("2025-03-31"), 4).first()).isEqualTo("2024-04-01");
        assertThat(Window.QUARTER.periodLabel(LocalDate.parse("2025-05-20"), 4)).isEqualTo("FY2026-Q1");
        assertThat(Window.YEAR.periodLabel(LocalDate.parse("2025-03-31"), 4)).isEqualTo("FY2025");
        assertThat(Window.QUARTER.periodLabel(LocalDate.parse("2025-05-20"), 1)).isEqualTo("FY2025-Q2");
        assertThat(Window.MONTH.periodLabel(LocalDate.parse("2025-05-20"), 4)).isEqualTo("2025-05");
        assertThat(Window.P30D.periodLabel(LocalDate.parse("2025-05-20"), 4)).isEqualTo("2025-05-20");
    }

    @Test
    void zeroDenominatorsGiveNullNeverZero() {
        usd();
        var results = book.evaluate(T, Slice.ALL, Window.P30D, LocalDate.parse("2025-01-31"));

        for (var kpi : new KpiId[] {KpiId.LEAD_QUALIFICATION_RATE, KpiId.LEAD_CONVERSION_RATE, KpiId.WIN_RATE,
                KpiId.AVG_WON_DEAL_AMOUNT, KpiId.AVG_LOST_DEAL_AMOUNT, KpiId.AVG_DEAL_SIZE,
                KpiId.AVG_TIME_TO_CLOSE_DAYS, KpiId.TIME_TO_CLOSE_P50_DAYS, KpiId.TIME_TO_CLOSE_P90_DAYS}) {
            assertThat(results.get(kpi).value()).as(kpi.name()).isNull();
            assertThat(results.get(kpi).denominator()).as(kpi.name()).isZero();
        }
        assertThat(results.get(KpiId.DEALS_WON_COUNT).value()).isZero();
        assertThat(results.get(KpiId.PIPELINE_VALUE).value()).isZero();
        assertThat(results.get(KpiId.PIPELINE_VALUE).currency()).isEqualTo("USD");
    }

    @Test
    void dealKpisByHand() {
        usd();
        send(closed(openDeal(T, "d1", utc("2025-01-01T00:00"), "100", "USD"), StageCategory.WON, utc("2025-01-11T12:00")));
        send(closed(openDeal(T, "d2", utc("2025-01-02T00:00"), "300", "USD"), StageCategory.WON, utc("2025-01-04T00:00")));
        send(closed(openDeal(T, "d3", utc("2025-01-03T00:00"), "50", "USD"), StageCategory.LOST, utc("2025-01-20T00:00")));
        send(openDeal(T, "d4", utc("2025-01-05T00:00"), "1000", "USD").setProbability(0.25).build());
        send(closed(openDeal(T, "d5", utc("2025-01-06T00:00"), null, null), StageCategory.WON, utc("2025-01-31T00:00")));

        var month = book.evaluate(T, Slice.ALL, Window.MONTH, LocalDate.parse("2025-01-31"));
        assertThat(month.get(KpiId.DEALS_WON_COUNT).value()).isEqualByComparingTo("3");
        assertThat(month.get(KpiId.DEALS_LOST_COUNT).value()).isEqualByComparingTo("1");
        assertThat(month.get(KpiId.WIN_RATE).value()).isEqualByComparingTo("0.75");
        assertThat(month.get(KpiId.AVG_WON_DEAL_AMOUNT).value()).isEqualByComparingTo("200");
        assertThat(month.get(KpiId.AVG_WON_DEAL_AMOUNT).numerator()).isEqualByComparingTo("400");
        assertThat(month.get(KpiId.AVG_WON_DEAL_AMOUNT).denominator()).isEqualTo(2);
        assertThat(month.get(KpiId.AVG_WON_DEAL_AMOUNT).unconvertedDealCount()).isZero();
        assertThat(month.get(KpiId.AVG_LOST_DEAL_AMOUNT).value()).isEqualByComparingTo("50");
        assertThat(month.get(KpiId.AVG_DEAL_SIZE).value()).isEqualByComparingTo("362.5");
        assertThat(month.get(KpiId.AVG_DEAL_SIZE).denominator()).isEqualTo(4);
        assertThat(month.get(KpiId.AVG_TIME_TO_CLOSE_DAYS).value()).isEqualByComparingTo("12.5");
        assertThat(month.get(KpiId.TIME_TO_CLOSE_P50_DAYS).value()).isEqualByComparingTo("10");
        assertThat(month.get(KpiId.TIME_TO_CLOSE_P90_DAYS).value()).isEqualByComparingTo("25");
        assertThat(month.get(KpiId.TIME_TO_CLOSE_P90_DAYS).denominator()).isEqualTo(3);
        assertThat(month.get(KpiId.OPEN_DEALS_COUNT).value()).isEqualByComparingTo("1");
        assertThat(month.get(KpiId.PIPELINE_VALUE).value()).isEqualByComparingTo("1000");
        assertThat(month.get(KpiId.WEIGHTED_PIPELINE_VALUE).value()).isEqualByComparingTo("250");
        assertThat(month.get(KpiId.WEIGHTED_PIPELINE_VALUE).unit()).isEqualTo(MeasureUnit.AMOUNT);

        // End of 01-10: d1, d3, d4, d5 open. d1 and d3 were first seen closed: nothing to weigh them by.
        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.P7D, "2025-01-10")).isEqualTo(4);
        assertThat(kpi(KpiId.PIPELINE_VALUE, Window.P7D, "2025-01-10").value()).isEqualByComparingTo("1150");
        assertThat(kpi(KpiId.WEIGHTED_PIPELINE_VALUE, Window.P7D, "2025-01-10").value()).isEqualByComparingTo("250");
    }

    @Test
    void percentilesTakeTheNearestRankOverWholeDays() {
        usd();
        var created = utc("2025-01-01T00:00");
        send(closed(openDeal(T, "quick", created, "1", "USD"), StageCategory.WON, utc("2025-01-02T21:36")));
        send(closed(openDeal(T, "slow", created, "1", "USD"), StageCategory.WON, utc("2025-01-06T00:00")));

        // Durations 1.9 and 5 days: floors 1 and 5. Half of them are ≤ 1, so the median is 1.
        assertThat(kpi(KpiId.TIME_TO_CLOSE_P50_DAYS, Window.MONTH, "2025-01-31").value()).isEqualByComparingTo("1");
        assertThat(kpi(KpiId.TIME_TO_CLOSE_P90_DAYS, Window.MONTH, "2025-01-31").value()).isEqualByComparingTo("5");
        assertThat(kpi(KpiId.AVG_TIME_TO_CLOSE_DAYS, Window.MONTH, "2025-01-31").value()).isEqualByComparingTo("3.45");
        assertThat(kpi(KpiId.AVG_TIME_TO_CLOSE_DAYS, Window.MONTH, "2025-01-31").numerator()).isEqualByComparingTo("6.9");
    }

    @Test
    void leadKpisByHand() {
        usd();
        var statuses = new LeadStatus[] {LeadStatus.NEW, LeadStatus.QUALIFIED, LeadStatus.CONVERTED, LeadStatus.UNQUALIFIED};
        for (int i = 0; i < statuses.length; i++) {
            var created = utc("2025-02-0" + (i + 1) + "T09:00");
            book.onLead(dealKey(T, "l" + i), WireRecords.lead(T, "l" + i, created, created, LeadStatus.NEW).setOwnerId("ann").build());
            var later = created.plusSeconds(3600);
            book.onLead(dealKey(T, "l" + i), WireRecords.lead(T, "l" + i, later, created, statuses[i]).setOwnerId("ann").build());
        }

        assertThat(count(KpiId.LEADS_COUNT, Window.MONTH, "2025-02-28")).isEqualTo(4);
        assertThat(kpi(KpiId.LEAD_QUALIFICATION_RATE, Window.MONTH, "2025-02-28").value()).isEqualByComparingTo("0.5");
        assertThat(kpi(KpiId.LEAD_CONVERSION_RATE, Window.MONTH, "2025-02-28").value()).isEqualByComparingTo("0.25");
        assertThat(kpi(new Slice(Dimension.OWNER, "ann"), KpiId.LEADS_COUNT, Window.MONTH, "2025-02-28").value())
                .isEqualByComparingTo("4");
        assertThat(kpi(new Slice(Dimension.LEAD_SOURCE, ""), KpiId.LEADS_COUNT, Window.MONTH, "2025-02-28").value())
                .isEqualByComparingTo("4");
        assertThat(book.existingTenant(T).orElseThrow().slices()).noneMatch(s -> s.dimension() == Dimension.PIPELINE);
    }

    @Test
    void openWonOpenFlipsMoveTheDealAndReopenedDealsWeighByTheirNewProbability() {
        usd();
        var created = utc("2025-01-01T00:00");
        var open = openDeal(T, "flip", created, "200", "USD").setProbability(0.5);
        send(open.build());
        send(closed(openDeal(T, "flip", created, "200", "USD").setProbability(0.5), StageCategory.WON, utc("2025-01-05T00:00")));
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);
        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.MONTH, "2025-01-31")).isZero();
        assertThat(kpi(KpiId.WEIGHTED_PIPELINE_VALUE, Window.MONTH, "2025-01-03").value()).isEqualByComparingTo("100");

        send(open.setSourceUpdatedAt(utc("2025-01-07T00:00")).setProbability(0.4).build());

        assertThat(count(KpiId.DEALS_WON_COUNT, Window.MONTH, "2025-01-31")).isZero();
        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);
        assertThat(kpi(KpiId.WEIGHTED_PIPELINE_VALUE, Window.MONTH, "2025-01-31").value()).isEqualByComparingTo("80");
    }

    @Test
    void aClosedDealWeighsByItsLastOpenVersionEvenOneArrivingLate() {
        usd();
        var created = utc("2025-01-01T00:00");
        send(openDeal(T, "d", created, "1000", "USD").setProbability(0.6).build());
        send(closed(openDeal(T, "d", created, "1000", "USD").setProbability(1.0), StageCategory.WON, utc("2025-01-20T00:00")));
        assertThat(kpi(KpiId.WEIGHTED_PIPELINE_VALUE, Window.P7D, "2025-01-10").value()).isEqualByComparingTo("600");

        // A stale OPEN version, newer than the last open one seen: it is now the last open version.
        var late = send(openDeal(T, "d", created, "1000", "USD").setProbability(0.9).setSourceUpdatedAt(utc("2025-01-15T00:00")).build());
        assertThat(late.outcome()).isEqualTo(Outcome.STALE);
        assertThat(kpi(KpiId.WEIGHTED_PIPELINE_VALUE, Window.P7D, "2025-01-10").value()).isEqualByComparingTo("900");
        // An even older one changes nothing.
        send(openDeal(T, "d", created, "1000", "USD").setProbability(0.1).setSourceUpdatedAt(utc("2025-01-02T00:00")).build());
        assertThat(kpi(KpiId.WEIGHTED_PIPELINE_VALUE, Window.P7D, "2025-01-10").value()).isEqualByComparingTo("900");
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);
    }

    @Test
    void anOwnerChangeMovesTheContribution() {
        usd();
        var created = utc("2025-01-01T00:00");
        send(openDeal(T, "d", created, "10", "USD").setOwnerId("ann").build());
        send(openDeal(T, "d", created, "10", "USD").setOwnerId("bob").setSourceUpdatedAt(utc("2025-01-02T00:00")).build());

        assertThat(kpi(new Slice(Dimension.OWNER, "ann"), KpiId.OPEN_DEALS_COUNT, Window.P7D, "2025-01-05").value()).isZero();
        assertThat(kpi(new Slice(Dimension.OWNER, "bob"), KpiId.OPEN_DEALS_COUNT, Window.P7D, "2025-01-05").value())
                .isEqualByComparingTo("1");
        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.P7D, "2025-01-05")).isEqualTo(1);
        assertThat(book.existingTenant(T).orElseThrow().slices()).doesNotContain(new Slice(Dimension.OWNER, "ann"));
    }

    @Test
    void reSyncingTheSameStateChangesNothing() {
        var profile = TenantProfile.defaults(T);
        var version = WireMapping.dealVersion(openDeal(T, "d", utc("2025-01-01T00:00"), "10", "USD").setProbability(0.3).build());
        var first = DealUpdates.apply(profile, null, version);

        var again = DealUpdates.apply(profile, first.state(), version);

        assertThat(first.changes()).hasSize(4);
        assertThat(again.outcome().outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(again.changes()).isEmpty();
        assertThat(again.state()).isEqualTo(first.state());
    }

    @Test
    void anOlderVersionArrivingLateIsIgnoredAndEqualTimestampsLetTheLaterArrivalWin() {
        usd();
        var created = utc("2025-01-01T00:00");
        send(closed(openDeal(T, "d", created, "10", "USD").setOwnerId("new"), StageCategory.WON, utc("2025-01-05T00:00")));

        var outcome = send(openDeal(T, "d", created, "10", "USD").setOwnerId("old").setSourceUpdatedAt(utc("2025-01-03T00:00")).build());
        assertThat(outcome.outcome()).isEqualTo(Outcome.STALE);
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);

        // A stage-mapping change re-emits the deal with the same timestamp: it wins.
        send(closed(openDeal(T, "d", created, "10", "USD").setOwnerId("new"), StageCategory.LOST, utc("2025-01-05T00:00")));
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.MONTH, "2025-01-31")).isZero();
        assertThat(count(KpiId.DEALS_LOST_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);
    }

    @Test
    void aDeleteRemovesEverythingAndOnlyANewerVersionRevivesTheDeal() {
        usd();
        var created = utc("2025-01-01T00:00");
        send(closed(openDeal(T, "d", created, "10", "USD"), StageCategory.WON, utc("2025-01-05T00:00")));

        send(WireRecords.deletion(T, "d", utc("2025-01-06T00:00")));
        assertThat(book.existingTenant(T).orElseThrow().slices()).isEmpty();
        assertThat(send(openDeal(T, "d", created, "10", "USD").setSourceUpdatedAt(utc("2025-01-04T00:00")).build()).outcome())
                .isEqualTo(Outcome.STALE);
        assertThat(book.existingTenant(T).orElseThrow().slices()).isEmpty();

        send(openDeal(T, "d", created, "10", "USD").setSourceUpdatedAt(utc("2025-01-07T00:00")).build());
        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);

        assertThat(book.onDeal(dealKey(T, "d"), null).outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(book.existingTenant(T).orElseThrow().slices()).isEmpty();
        assertThat(book.existingTenant(T).orElseThrow().dealCount()).isZero();
    }

    @Test
    void anAmountInAnotherCurrencyWithoutConversionIsCountedAndFlagged() {
        usd();
        var created = utc("2025-01-01T00:00");
        send(closed(openDeal(T, "eur", created, "70", "EUR"), StageCategory.WON, utc("2025-01-05T00:00")));
        send(closed(openDeal(T, "converted", created, "90", "EUR").setAmountInHomeCurrency(money("99", "USD")),
                StageCategory.WON, utc("2025-01-05T00:00")));
        send(closed(openDeal(T, "usd", created, "1", "USD"), StageCategory.WON, utc("2025-01-05T00:00")));
        send(openDeal(T, "open-eur", created, "5", "EUR").setProbability(0.5).build());

        var won = kpi(KpiId.AVG_WON_DEAL_AMOUNT, Window.MONTH, "2025-01-31");
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(3);
        assertThat(won.numerator()).isEqualByComparingTo("100");
        assertThat(won.denominator()).isEqualTo(2);
        assertThat(won.unconvertedDealCount()).isEqualTo(1);
        assertThat(won.currency()).isEqualTo("USD");
        assertThat(kpi(KpiId.AVG_DEAL_SIZE, Window.MONTH, "2025-01-31").unconvertedDealCount()).isEqualTo(2);
        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);
        assertThat(kpi(KpiId.PIPELINE_VALUE, Window.MONTH, "2025-01-31").value()).isZero();
        assertThat(kpi(KpiId.PIPELINE_VALUE, Window.MONTH, "2025-01-31").unconvertedDealCount()).isEqualTo(1);
        assertThat(kpi(KpiId.WEIGHTED_PIPELINE_VALUE, Window.MONTH, "2025-01-31").unconvertedDealCount()).isEqualTo(1);
    }

    @Test
    void aDealWithoutAmountCountsButIsNeitherSummedNorFlagged() {
        usd();
        send(closed(openDeal(T, "none", utc("2025-01-01T00:00"), null, null), StageCategory.WON, utc("2025-01-05T00:00")));

        var won = kpi(KpiId.AVG_WON_DEAL_AMOUNT, Window.MONTH, "2025-01-31");
        assertThat(count(KpiId.DEALS_WON_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);
        assertThat(won.value()).isNull();
        assertThat(won.denominator()).isZero();
        assertThat(won.unconvertedDealCount()).isZero();
    }

    /**
     * A deal without a stage (HubSpot deals created through the API) arrives OPEN with no stage id and no
     * probability: it is an open deal and pipeline value, weighs nothing; a deal without a pipeline (other CRMs)
     * is its own PIPELINE value "". The batch reference agrees on every KPI.
     */
    @Test
    void aDealWithoutAStageIsOpenPipelineThatWeighsNothingAndTheBatchReferenceAgrees() {
        var tenant = "t-berlin";
        var inputs = new ArrayList<BatchReference.Input>();
        inputs.add(new BatchReference.Input("tenants", tenant, WireRecords.settings(tenant, "Europe/Berlin", "EUR", 1)));
        var stageless = openDeal(tenant, "api", utc("2025-06-02T09:00"), "1200", "EUR")
                .setPipelineId("default").setPipelineLabel("Sales Pipeline").setStageId(null).setProbability(null);
        inputs.add(dealInput(stageless.build()));
        inputs.add(dealInput(openDeal(tenant, "staged", utc("2025-06-03T09:00"), "300", "EUR").setOwnerId("ann")
                .setPipelineId("default").setStageId("qualifiedtobuy").setProbability(0.5).build()));
        inputs.add(dealInput(openDeal(tenant, "other-crm", utc("2025-06-04T09:00"), null, null).build()));
        inputs.forEach(this::feed);

        var all = Slice.ALL;
        var inDefault = new Slice(Dimension.PIPELINE, "default");
        var withoutPipeline = new Slice(Dimension.PIPELINE, Dimension.MISSING_VALUE);
        assertThat(value(tenant, all, KpiId.OPEN_DEALS_COUNT, "2025-06-15")).isEqualByComparingTo("3");
        assertThat(value(tenant, all, KpiId.PIPELINE_VALUE, "2025-06-15")).isEqualByComparingTo("1500");
        assertThat(value(tenant, all, KpiId.WEIGHTED_PIPELINE_VALUE, "2025-06-15")).isEqualByComparingTo("150");
        assertThat(value(tenant, all, KpiId.AVG_DEAL_SIZE, "2025-06-15")).isEqualByComparingTo("750");
        assertThat(value(tenant, inDefault, KpiId.OPEN_DEALS_COUNT, "2025-06-15")).isEqualByComparingTo("2");
        assertThat(value(tenant, inDefault, KpiId.WEIGHTED_PIPELINE_VALUE, "2025-06-15")).isEqualByComparingTo("150");
        assertThat(value(tenant, withoutPipeline, KpiId.OPEN_DEALS_COUNT, "2025-06-15")).isEqualByComparingTo("1");
        assertThat(value(tenant, withoutPipeline, KpiId.PIPELINE_VALUE, "2025-06-15")).isZero();

        // Won straight from no stage: its last open version had no probability, so past dates still weigh nothing.
        var won = closed(stageless.setStageId("closedwon").setProbability(1.0), StageCategory.WON, utc("2025-06-10T15:00"));
        inputs.add(dealInput(won));
        feed(inputs.get(inputs.size() - 1));
        assertThat(value(tenant, all, KpiId.PIPELINE_VALUE, "2025-06-09")).isEqualByComparingTo("1500");
        assertThat(value(tenant, all, KpiId.WEIGHTED_PIPELINE_VALUE, "2025-06-09")).isEqualByComparingTo("150");
        assertThat(value(tenant, all, KpiId.OPEN_DEALS_COUNT, "2025-06-15")).isEqualByComparingTo("2");
        assertThat(value(tenant, all, KpiId.PIPELINE_VALUE, "2025-06-15")).isEqualByComparingTo("300");
        assertThat(value(tenant, all, KpiId.DEALS_WON_COUNT, "2025-06-15")).isEqualByComparingTo("1");

        EngineVersusReference.assertSame("stageless deals", inputs, List.of(0, -5, -6, -13, -60));
    }

    private static BatchReference.Input dealInput(Deal deal) {
        return new BatchReference.Input("deals", dealKey(deal.getTenantId(), deal.getExternalId()), deal);
    }

    private void feed(BatchReference.Input input) {
        switch (input.topic()) {
            case "tenants" -> book.onTenantSettings(input.key(), (TenantSettings) input.value());
            case "deals" -> assertThat(book.onDeal(input.key(), (Deal) input.value()).outcome())
                    .isEqualTo(Outcome.ACCEPTED);
            default -> throw new IllegalArgumentException(input.topic());
        }
    }

    private BigDecimal value(String tenant, Slice slice, KpiId kpi, String asOf) {
        return book.evaluate(tenant, slice, Window.MONTH, LocalDate.parse(asOf)).get(kpi).value();
    }

    @Test
    void everyKindOfInvalidDealIsRejectedAndLeavesTheLastValidStateInPlace() {
        usd();
        var created = utc("2025-01-01T00:00");
        send(openDeal(T, "d", created, "10", "USD").build());
        var later = utc("2025-01-09T00:00");
        var invalid = new LinkedHashMap<RejectReason, Deal>();
        invalid.put(RejectReason.NEGATIVE_AMOUNT, openDeal(T, "d", created, "-1", "USD").setSourceUpdatedAt(later).build());
        invalid.put(RejectReason.CLOSED_BEFORE_CREATED,
                closed(openDeal(T, "d", created, "10", "USD"), StageCategory.LOST, utc("2024-12-31T23:59")));
        invalid.put(RejectReason.CLOSED_WITHOUT_CLOSED_AT,
                openDeal(T, "d", created, "10", "USD").setStageCategory(StageCategory.WON).setSourceUpdatedAt(later).build());
        invalid.put(RejectReason.MISSING_CREATED_AT,
                openDeal(T, "d", created, "10", "USD").setCreatedAt(null).setSourceUpdatedAt(later).build());
        invalid.put(RejectReason.MISSING_STAGE_CATEGORY,
                openDeal(T, "d", created, "10", "USD").setStageCategory(null).setSourceUpdatedAt(later).build());

        invalid.forEach((reason, deal) ->
                assertThat(send(deal)).isEqualTo(new RecordOutcome(Outcome.REJECTED, reason)));

        assertThat(count(KpiId.OPEN_DEALS_COUNT, Window.MONTH, "2025-01-31")).isEqualTo(1);
        assertThat(kpi(KpiId.PIPELINE_VALUE, Window.MONTH, "2025-01-31").value()).isEqualByComparingTo("10");
        assertThat(book.onLead(dealKey(T, "l"), WireRecords.lead(T, "l", later, created, null).build()))
                .isEqualTo(new RecordOutcome(Outcome.REJECTED, RejectReason.MISSING_LEAD_STATUS));
        assertThat(RejectReason.NEGATIVE_AMOUNT.metricTag()).isEqualTo("negative_amount");
    }

    @Test
    void aNewZoneOrHomeCurrencyRederivesEveryContribution() {
        usd();
        send(closed(openDeal(T, "d", utc("2025-03-01T00:00"), "10", "USD"), StageCategory.WON, utc("2025-03-11T03:00")));
        assertThat(kpi(KpiId.DEALS_WON_COUNT, Window.P7D, "2025-03-10").value()).isZero();

        book.onTenantSettings(T, WireRecords.settings(T, "America/Los_Angeles", "USD", 1));
        assertThat(kpi(KpiId.DEALS_WON_COUNT, Window.P7D, "2025-03-10").value()).isEqualByComparingTo("1");

        book.onTenantSettings(T, WireRecords.settings(T, "America/Los_Angeles", "EUR", 1));
        var won = kpi(KpiId.AVG_WON_DEAL_AMOUNT, Window.P7D, "2025-03-10");
        assertThat(won.currency()).isEqualTo("EUR");
        assertThat(won.unconvertedDealCount()).isEqualTo(1);

        book.onTenantSettings(T, null);
        assertThat(book.existingTenant(T)).isEmpty();
    }

    @Test
    void domainEnumsNameTheWireSymbols() {
        var dimensions = Arrays.stream(KpiDimension.values()).map(Enum::name).toList();
        var windows = Arrays.stream(KpiWindow.values()).map(Enum::name).toList();
        var units = Arrays.stream(KpiUnit.values()).map(Enum::name).toList();
        assertThat(Dimension.values()).allSatisfy(d -> assertThat(dimensions).contains(d.name()));
        assertThat(Window.values()).allSatisfy(w -> assertThat(windows).contains(w.name()));
        assertThat(MeasureUnit.values()).allSatisfy(u -> assertThat(units).contains(u.name()));
        assertThat(KpiId.values()).hasSize(15);
        assertThat(new BigDecimal("0.25").multiply(BigDecimal.valueOf(0.1))).isEqualByComparingTo("0.025");
    }
}
