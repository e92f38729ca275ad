package dev.ledgerline.kpi.rest;

import dev.ledgerline.kpi.compute.Dimension;
import dev.ledgerline.kpi.compute.KpiId;
import dev.ledgerline.kpi.compute.Slice;
import dev.ledgerline.kpi.compute.TenantKpiState;
import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.kpi.topology.KpiBooks;
import dev.ledgerline.rest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers KPI queries from this instance's in-memory tenant state ({@link KpiBooks}); each query runs under
 * the tenant's read lock, so it sees one consistent state. Routing to the instance that owns the tenant is
 * {@link KpiRouter}'s job, before this is called.
 */
@ApplicationScoped
public class KpiQueries {
    /** The most points one series request may ask for. */
    public static final int MAX_SERIES_POINTS = 400;

    private final KpiBooks books;
    private final Clock clock;

    @Inject
    public KpiQueries(KpiBooks books) {
        this(books, Clock.systemUTC());
    }

    KpiQueries(KpiBooks books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    /** Every KPI of the window ending {@code asOf} (default today in the tenant's zone), per dimension value. */
    public List<KpiValueView> slice(String tenant, Window window, Dimension dimension, LocalDate asOf) {
        var ownerNames = ownerNames(tenant, dimension);
        return books.read(tenant, state -> {
            var day = asOf != null ? asOf : today(state);
            int fiscalStart = state.profile().fiscalYearStartMonth();
            var range = window.range(day, fiscalStart);
            var period = window.periodLabel(day, fiscalStart);
            var values = new ArrayList<KpiValueView>();
            for (var slice : slicesOf(state, dimension)) {
                var results = state.evaluate(slice, window, day);
                var ownerName = ownerNames.get(slice.value());
                for (var kpi : KpiId.values()) {
                    values.add(KpiValueView.of(results.get(kpi), dimension, slice.value(), ownerName, window, period,
                            range.first(), day));
                }
            }
            return values;
        }).orElseThrow(() -> unknownTenant(tenant));
    }

    /**
     * One KPI over time. Calendar windows: one point per period between {@code from} and {@code to}, at the
     * period's last day, or at {@code to} for the period {@code to} falls in (period to date). Rolling
     * windows: one point per day. Defaults: {@code to} today in the tenant's zone; {@code from} 29 days before
     * {@code to} for rolling windows, a year before (12 months, 4 quarters, 2 years) for calendar ones.
     */
    public KpiSeriesView series(String tenant, KpiId kpi, Window window, Dimension dimension, LocalDate from,
            LocalDate to) {
        var ownerNames = ownerNames(tenant, dimension);
        return books.read(tenant, state -> {
            int fiscalStart = state.profile().fiscalYearStartMonth();
            var last = to != null ? to : today(state);
            var first = from != null ? from : defaultFrom(window, last);
            if (first.isAfter(last)) {
                throw ProblemException.badField("from", "must not be after to (" + last + ")");
            }
            var days = pointDays(window, first, last, fiscalStart);
            var lines = new ArrayList<KpiSeriesView.Line>();
            for (var slice : slicesOf(state, dimension)) {
                var points = new ArrayList<KpiSeriesView.Point>(days.size());
                for (var day : days) {
                    var result = state.evaluate(slice, window, day).get(kpi);
                    points.add(new KpiSeriesView.Point(day, window.periodLabel(day, fiscalStart),
                            window.range(day, fiscalStart).first(), day, result.value(), result.numerator(),
                            result.denominator(), result.unconvertedDealCount()));
                }
                lines.add(new KpiSeriesView.Line(slice.value(), ownerNames.get(slice.value()), points));
            }
            var currency = kpi.unit() == dev.ledgerline.kpi.compute.MeasureUnit.AMOUNT
                    ? state.profile().homeCurrency() : null;
            return new KpiSeriesView(tenant, kpi, window, dimension, first, last, kpi.unit(), currency, lines);
        }).orElseThrow(() -> unknownTenant(tenant));
    }

    /** The tenant's owners (id, source, name, email, team, active), by source and id. */
    public List<OwnerView> owners(String tenant) {
        return books.owners(tenant)
                .map(owners -> owners.stream().map(OwnerView::of).toList())
                .orElseThrow(() -> unknownTenant(tenant));
    }

    /** Owner id → display name for the OWNER dimension; nothing to look up for the others. */
    private Map<String, String> ownerNames(String tenant, Dimension dimension) {
        return dimension == Dimension.OWNER ? books.ownerNames(tenant) : Map.of();
    }

    /** The as-of days of a series; 400 when there would be more than {@link #MAX_SERIES_POINTS}. */
    static List<LocalDate> pointDays(Window window, LocalDate from, LocalDate to, int fiscalStart) {
        var days = new ArrayList<LocalDate>();
        if (window.isRolling()) {
            long count = to.toEpochDay() - from.toEpochDay() + 1;
            checkPoints(count);
            for (var day = from; !day.isAfter(to); day = day.plusDays(1)) {
                days.add(day);
            }
            return days;
        }
        int months = switch (window) {
            case MONTH -> 1;
            case QUARTER -> 3;
            default -> 12;
        };
        var day = from;
        while (!day.isAfter(to)) {
            var periodEnd = window.range(day, fiscalStart).first().plusMonths(months).minusDays(1);
            days.add(periodEnd.isAfter(to) ? to : periodEnd);
            checkPoints(days.size());
            day = periodEnd.plusDays(1);
        }
        return days;
    }

    private static void checkPoints(long count) {
        if (count > MAX_SERIES_POINTS) {
            throw ProblemException.badField("from", "the series would have " + (count > 100_000 ? "more than 100000"
                    : String.valueOf(count)) + " points; at most " + MAX_SERIES_POINTS + " per request");
        }
    }

    private static LocalDate defaultFrom(Window window, LocalDate to) {
        return switch (window) {
            case MONTH -> to.minusMonths(11);
            case QUARTER -> to.minusMonths(9);
            case YEAR -> to.minusYears(1);
            default -> to.minusDays(29);
        };
    }

    private LocalDate today(TenantKpiState state) {
        return LocalDate.now(clock.withZone(state.profile().zone()));
    }

    /** ALL has the one value {@code *}; other dimensions every value the tenant has buckets for. */
    private static List<Slice> slicesOf(TenantKpiState state, Dimension dimension) {
        if (dimension == Dimension.ALL) {
            return List.of(Slice.ALL);
        }
        return state.slices().stream().filter(slice -> slice.dimension() == dimension).toList();
    }

    private static ProblemException unknownTenant(String tenant) {
        return ProblemException.notFound("Tenant " + tenant);
    }
}
