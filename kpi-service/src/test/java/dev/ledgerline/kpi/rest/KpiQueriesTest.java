package dev.ledgerline.kpi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.rest.problem.ProblemException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which as-of days a series has. */
class KpiQueriesTest {

    @Test
    void calendarWindowsHaveOnePointPerPeriodEndAndTheLastOneToDate() {
        assertThat(KpiQueries.pointDays(Window.MONTH, LocalDate.parse("2025-01-15"), LocalDate.parse("2025-03-10"), 1))
                .containsExactly(LocalDate.parse("2025-01-31"), LocalDate.parse("2025-02-28"),
                        LocalDate.parse("2025-03-10"));
        // Fiscal year starting in April: quarters end in June, September, December, March.
        assertThat(KpiQueries.pointDays(Window.QUARTER, LocalDate.parse("2025-02-01"), LocalDate.parse("2025-09-30"), 4))
                .containsExactly(LocalDate.parse("2025-03-31"), LocalDate.parse("2025-06-30"),
                        LocalDate.parse("2025-09-30"));
        assertThat(KpiQueries.pointDays(Window.YEAR, LocalDate.parse("2024-05-01"), LocalDate.parse("2025-05-01"), 4))
                .containsExactly(LocalDate.parse("2025-03-31"), LocalDate.parse("2025-05-01"));
    }

    @Test
    void rollingWindowsHaveOnePointPerDayUpToTheCap() {
        assertThat(KpiQueries.pointDays(Window.P7D, LocalDate.parse("2025-02-27"), LocalDate.parse("2025-03-01"), 1))
                .containsExactly(LocalDate.parse("2025-02-27"), LocalDate.parse("2025-02-28"),
                        LocalDate.parse("2025-03-01"));
        var from = LocalDate.parse("2024-01-01");
        assertThat(KpiQueries.pointDays(Window.P30D, from, from.plusDays(KpiQueries.MAX_SERIES_POINTS - 1), 1))
                .hasSize(KpiQueries.MAX_SERIES_POINTS);
        assertThatThrownBy(() -> KpiQueries.pointDays(Window.P30D, from, from.plusDays(KpiQueries.MAX_SERIES_POINTS), 1))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().violations().get(0).field()).isEqualTo("from");
                });
        assertThatThrownBy(() -> KpiQueries.pointDays(Window.MONTH, LocalDate.parse("1900-01-01"),
                LocalDate.parse("2025-01-01"), 1)).isInstanceOf(ProblemException.class);
    }
}
