package dev.ledgerline.kpi.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ledgerline.kpi.compute.BatchReference.Input;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Feeds inputs through a {@link KpiBook} and compares every KPI with the {@link BatchReference}. */
final class EngineVersusReference {
    private static final BigDecimal RATIO_TOLERANCE = new BigDecimal("1e-9");

    private EngineVersusReference() {
    }

    /** How many KPI values were compared, and how many records had each outcome. */
    record Checked(int compared, Map<Outcome, Integer> outcomes) {
    }

    private static KpiBook feed(List<Input> inputs, Map<Outcome, Integer> outcomes) {
        var book = new KpiBook();
        for (var input : inputs) {
            RecordOutcome outcome = switch (input.topic()) {
                case "tenants" -> {
                    book.onTenantSettings(input.key(), (TenantSettings) input.value());
                    yield null;
                }
                case "deals" -> book.onDeal(input.key(), (Deal) input.value());
                case "leads" -> book.onLead(input.key(), (Lead) input.value());
                default -> throw new IllegalArgumentException(input.topic());
            };
            if (outcome != null) {
                outcomes.merge(outcome.outcome(), 1, Integer::sum);
            }
        }
        return book;
    }

    /** Compares every KPI, dimension value, window and as-of day; fails listing the first differences. */
    static Checked assertSame(String label, List<Input> inputs, List<Integer> asOfOffsetsFromToday) {
        var outcomes = new EnumMap<Outcome, Integer>(Outcome.class);
        var book = feed(inputs, outcomes);
        var reference = new BatchReference(inputs);
        var mismatches = new ArrayList<String>();
        int compared = 0;
        for (var tenant : HistoryGenerator.TENANTS) {
            var today = LocalDate.ofInstant(HistoryGenerator.NOW, reference.zone(tenant));
            var asOfDays = new LinkedHashSet<LocalDate>();
            asOfOffsetsFromToday.forEach(offset -> asOfDays.add(today.plusDays(offset)));
            var values = reference.dimensionValues(tenant);
            var slices = new LinkedHashSet<Slice>();
            values.forEach((dimension, list) -> list.forEach(v -> slices.add(new Slice(Dimension.valueOf(dimension), v))));
            book.existingTenant(tenant).ifPresent(state -> slices.addAll(state.slices()));
            var state = book.existingTenant(tenant);
            for (var slice : slices) {
                for (var window : Window.values()) {
                    for (var asOf : asOfDays) {
                        var actual = book.evaluate(tenant, slice, window, asOf);
                        // The emission's one pass over all windows gives exactly the per-window evaluation.
                        state.ifPresent(tenantState -> assertThat(tenantState.evaluate(
                                tenantState.windowInputs(slice, asOf)[window.ordinal()]))
                                .as("%s %s %s asOf %s, all windows in one pass", tenant, slice, window, asOf)
                                .isEqualTo(actual));
                        var expected = reference.kpis(tenant, slice.dimension().name(), slice.value(), window.name(), asOf);
                        for (var kpi : KpiId.values()) {
                            compared++;
                            var difference = difference(kpi, actual.get(kpi), expected.get(kpi.name()));
                            if (difference != null) {
                                mismatches.add(tenant + " " + kpi + " " + slice.dimension() + "='" + slice.value() + "' "
                                        + window + " asOf " + asOf + ": " + difference);
                            }
                        }
                    }
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(label + ": " + mismatches.size() + " of " + compared + " KPI values differ from the batch reference:\n  "
                    + String.join("\n  ", mismatches.subList(0, Math.min(40, mismatches.size()))));
        }
        return new Checked(compared, outcomes);
    }

    private static String difference(KpiId kpi, KpiResult actual, BatchReference.Expected expected) {
        var exactValue = kpi.unit() == MeasureUnit.COUNT
                || kpi == KpiId.PIPELINE_VALUE || kpi == KpiId.WEIGHTED_PIPELINE_VALUE
                || kpi == KpiId.TIME_TO_CLOSE_P50_DAYS || kpi == KpiId.TIME_TO_CLOSE_P90_DAYS;
        var exactNumerator = kpi != KpiId.AVG_TIME_TO_CLOSE_DAYS;
        if (!same(actual.value(), expected.value(), exactValue)
                || !same(actual.numerator(), expected.numerator(), exactNumerator)
                || !Objects.equals(actual.denominator(), expected.denominator())
                || !Objects.equals(actual.currency(), expected.currency())
                || actual.unconvertedDealCount() != expected.unconverted()) {
            return "engine value=" + actual.value() + " num=" + actual.numerator() + " den=" + actual.denominator()
                    + " cur=" + actual.currency() + " unconv=" + actual.unconvertedDealCount()
                    + " | reference value=" + expected.value() + " num=" + expected.numerator() + " den="
                    + expected.denominator() + " cur=" + expected.currency() + " unconv=" + expected.unconverted();
        }
        return null;
    }

    private static boolean same(BigDecimal actual, BigDecimal expected, boolean exact) {
        if (actual == null || expected == null) {
            return actual == null && expected == null;
        }
        if (exact) {
            return actual.compareTo(expected) == 0;
        }
        var tolerance = RATIO_TOLERANCE.multiply(expected.abs().max(BigDecimal.ONE));
        return actual.subtract(expected).abs().compareTo(tolerance) <= 0;
    }
}
