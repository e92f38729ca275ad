package dev.ledgerline.kpi.topology;

import static dev.ledgerline.kpi.topology.TopologyFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.wire.KpiDimension;
import dev.ledgerline.wire.KpiValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/**
 * Emission tiers of {@link EmitPolicy}: a tenant's ALL slice is published at every punctuation, its owner,
 * pipeline and lead-source slices once the dimension interval has passed since they were last published.
 */
class TieredEmissionTest {
    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final Duration TICK = Duration.ofMillis(100);
    private static final EmitPolicy POLICY = new EmitPolicy(TICK, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO);

    @Test
    void theTenantTotalGoesOutAtEveryTickAndTheDimensionsOncePerDimensionInterval() {
        try (var harness = new TopologyHarness("tiered", NOW, POLICY)) {
            harness.send(open("d1", "o1", NOW.minusSeconds(1), "1000", 0.5));
            var first = harness.advance(TICK);
            assertThat(dimensions(first.values())).as("the first punctuation publishes every slice")
                    .contains(KpiDimension.ALL, KpiDimension.OWNER, KpiDimension.PIPELINE);

            harness.send(open("d2", "o2", NOW, "500", 0.5));
            var next = harness.advance(TICK);
            assertThat(dimensions(next.values())).as("100 ms later: the tenant total only")
                    .containsOnly(KpiDimension.ALL);
            assertThat(openDeals(next.values(), KpiDimension.ALL)).isEqualTo("2");

            for (var tick = 3; tick <= 10; tick++) {
                assertThat(dimensions(harness.advance(TICK).values())).as("tick %d", tick)
                        .doesNotContain(KpiDimension.OWNER);
            }
            var dimensionTick = harness.advance(TICK);
            assertThat(dimensions(dimensionTick.values())).as("one second after the first publication")
                    .contains(KpiDimension.OWNER).doesNotContain(KpiDimension.ALL);
            assertThat(dimensionTick.values()).anySatisfy(value -> {
                assertThat(value.getDimension()).isEqualTo(KpiDimension.OWNER);
                assertThat(value.getDimensionValue()).isEqualTo("o2");
                assertThat(value.getKpi()).isEqualTo("OPEN_DEALS_COUNT");
                assertThat(value.getValue()).isEqualByComparingTo("1");
            });
        }
    }

    @Test
    void aQuietTenantPublishesNothing() {
        try (var harness = new TopologyHarness("tiered-quiet", NOW, POLICY)) {
            harness.send(open("d1", "o1", NOW.minusSeconds(1), "1000", 0.5));
            assertThat(harness.advance(TICK)).isNotEmpty();
            for (var tick = 2; tick <= 30; tick++) {
                assertThat(harness.advance(TICK)).as("tick %d", tick).isEmpty();
            }
        }
    }

    private static Collection<KpiDimension> dimensions(Collection<KpiValue> values) {
        return values.stream().map(KpiValue::getDimension).distinct().toList();
    }

    private static String openDeals(Collection<KpiValue> values, KpiDimension dimension) {
        return values.stream()
                .filter(value -> value.getDimension() == dimension && value.getKpi().equals("OPEN_DEALS_COUNT"))
                .map(value -> value.getValue().stripTrailingZeros().toPlainString())
                .findFirst().orElseThrow();
    }
}
