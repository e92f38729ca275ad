package dev.ledgerline.kpi.topology;

import dev.ledgerline.kpi.compute.DayRange;
import dev.ledgerline.kpi.compute.Dimension;
import dev.ledgerline.kpi.compute.KpiResult;
import dev.ledgerline.kpi.compute.MeasureUnit;
import dev.ledgerline.kpi.compute.Slice;
import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.wire.KpiDimension;
import dev.ledgerline.wire.KpiUnit;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.KpiWindow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Maps an engine {@link KpiResult} to the wire {@link KpiValue} of {@code kpi.values.v1} and its key. */
public final class KpiValueMapper {
    /** Decimal places of value and numerator on the wire (the schema's decimal scale). */
    public static final int WIRE_SCALE = 10;

    // The wire enums by the ordinal of the engine's: Enum.valueOf(name) for every value emitted showed in profiles.
    private static final KpiDimension[] DIMENSIONS = wire(Dimension.values(), KpiDimension::valueOf, KpiDimension[]::new);
    private static final KpiWindow[] WINDOWS = wire(Window.values(), KpiWindow::valueOf, KpiWindow[]::new);
    private static final KpiUnit[] UNITS = wire(MeasureUnit.values(), KpiUnit::valueOf, KpiUnit[]::new);

    private KpiValueMapper() {
    }

    /** tenant|kpi|dimension|dimensionValue|window|period, parts escaped by {@link Keys#of}. */
    public static String key(String tenantId, KpiResult result, Slice slice, Window window, String period) {
        return Keys.of(tenantId, result.kpi().name(), slice.dimension().name(), slice.value(), window.name(), period);
    }

    /**
     * The wire value of a result, or null when it says the same as {@code previous}, the value last emitted under
     * the same key (null when none), computedAt aside.
     *
     * @param range the window's days, ending with {@code asOf}, the day as of whose end the value is computed
     * @param period the window's period label, the last part of the key
     */
    static KpiValue changedValue(String tenantId, Slice slice, Window window, DayRange range, String period,
            KpiResult result, Instant computedAt, KpiValue previous) {
        var value = wireDecimal(result.value());
        var numerator = wireDecimal(result.numerator());
        var asOf = range.last();
        if (previous != null
                && Objects.equals(value, previous.getValue())
                && Objects.equals(numerator, previous.getNumerator())
                && Objects.equals(result.denominator(), previous.getDenominator())
                && Objects.equals(result.currency(), previous.getCurrency())
                && result.unconvertedDealCount() == previous.getUnconvertedDealCount()
                && range.first().equals(previous.getPeriodStart())
                && asOf.equals(previous.getPeriodEnd())
                && asOf.equals(previous.getAsOf())
                && period.equals(previous.getPeriod())) {
            return null;
        }
        return KpiValue.newBuilder()
                .setTenantId(tenantId)
                .setKpi(result.kpi().name())
                .setDimension(DIMENSIONS[slice.dimension().ordinal()])
                .setDimensionValue(slice.value())
                .setWindow(WINDOWS[window.ordinal()])
                .setPeriod(period)
                .setPeriodStart(range.first())
                .setPeriodEnd(asOf)
                .setAsOf(asOf)
                .setValue(value)
                .setNumerator(numerator)
                .setDenominator(result.denominator())
                .setUnit(UNITS[result.unit().ordinal()])
                .setCurrency(result.currency())
                .setUnconvertedDealCount(result.unconvertedDealCount())
                .setComputedAt(computedAt)
                .build();
    }

    private static <E extends Enum<E>, W> W[] wire(E[] engine, Function<String, W> byName, IntFunction<W[]> array) {
        return Arrays.stream(engine).map(constant -> byName.apply(constant.name())).toArray(array);
    }

    /** Rounded half-even to {@link #WIRE_SCALE} places; null stays null. */
    static BigDecimal wireDecimal(BigDecimal value) {
        return value == null ? null : value.setScale(WIRE_SCALE, RoundingMode.HALF_EVEN);
    }
}
