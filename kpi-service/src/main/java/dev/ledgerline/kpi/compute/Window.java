package dev.ledgerline.kpi.compute;

import java.time.LocalDate;

/**
 * The KPI windows; the constant names equal the symbols of the wire enum {@code KpiWindow}. A window is
 * always a range of days ending with the as-of day: rolling windows are the N days up to it, calendar
 * windows run from the start of the (fiscal) period containing it, period to date.
 */
public enum Window {
    P7D(7),
    P30D(30),
    P90D(90),
    P365D(365),
    MONTH(0),
    QUARTER(0),
    YEAR(0);

    private final int rollingDays;

    Window(int rollingDays) {
        this.rollingDays = rollingDays;
    }

    public boolean isRolling() {
        return rollingDays > 0;
    }

    /** The days this window covers for the as-of day; QUARTER and YEAR follow the fiscal year. */
    public DayRange range(LocalDate asOf, int fiscalYearStartMonth) {
        return new DayRange(firstDay(asOf, fiscalYearStartMonth), asOf);
    }

    /**
     * The period part of a {@code kpi.values.v1} key: the as-of date for rolling windows, 2025-03 for MONTH,
     * FY2025-Q2 for QUARTER, FY2025 for YEAR, a fiscal year being named by the calendar year it ends in.
     */
    public String periodLabel(LocalDate asOf, int fiscalYearStartMonth) {
        if (isRolling()) {
            return asOf.toString();
        }
        if (this == MONTH) {
            return asOf.toString().substring(0, 7);
        }
        var fiscalYearStart = YEAR.firstDay(asOf, fiscalYearStartMonth);
        var fiscalYear = fiscalYearStart.plusYears(1).minusDays(1).getYear();
        if (this == YEAR) {
            return "FY" + fiscalYear;
        }
        var quarter = monthsIntoFiscalYear(asOf, fiscalYearStartMonth) / 3 + 1;
        return "FY" + fiscalYear + "-Q" + quarter;
    }

    private LocalDate firstDay(LocalDate asOf, int fiscalYearStartMonth) {
        var firstOfMonth = asOf.withDayOfMonth(1);
        return switch (this) {
            case MONTH -> firstOfMonth;
            case QUARTER -> firstOfMonth.minusMonths(monthsIntoFiscalYear(asOf, fiscalYearStartMonth) % 3);
            case YEAR -> firstOfMonth.minusMonths(monthsIntoFiscalYear(asOf, fiscalYearStartMonth));
            default -> asOf.minusDays(rollingDays - 1L);
        };
    }

    private static int monthsIntoFiscalYear(LocalDate day, int fiscalYearStartMonth) {
        return Math.floorMod(day.getMonthValue() - fiscalYearStartMonth, 12);
    }
}
