package dev.ledgerline.kpi.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine fed random histories in arrival order equals the batch reference over the latest states, for
 * every KPI, dimension value, window and several as-of days. Every run draws new seeds; a failure's name carries
 * its seed, and {@code -Dledgerline.seed=N} replays exactly that history.
 */
class KpiEnginePropertyTest {
    /** Today, yesterday, a day after a month's end, dates long past, and a day in the future. */
    private static final List<Integer> AS_OF_OFFSETS = List.of(0, -1, -15, -45, -200, -420, 3);

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewSeeds")
    void largeHistoriesMatchTheBatchReference(long seed) {
        var inputs = new HistoryGenerator(seed).generate(5_000, 2_500);

        var checked = EngineVersusReference.assertSame("seed " + seed, inputs, AS_OF_OFFSETS);

        assertThat(checked.compared()).isGreaterThan(50_000);
        // The history exercised every path: stale versions, rejections, tombstones.
        assertThat(checked.outcomes()).containsKeys(Outcome.values());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("manySeeds")
    void smallHistoriesMatchTheBatchReferenceAtEveryStep(long seed) {
        var inputs = new HistoryGenerator(seed).generate(12, 6);

        // Every prefix is an input of its own: the engine must be right after each record, not only at the end.
        for (int end = 1; end <= inputs.size(); end += Math.max(1, inputs.size() / 4)) {
            EngineVersusReference.assertSame("seed " + seed + " after " + end + " records", inputs.subList(0, end),
                    List.of(0, -30, -200));
        }
        EngineVersusReference.assertSame("seed " + seed, inputs, AS_OF_OFFSETS);
    }

    static LongStream fewSeeds() {
        return seeds(8);
    }

    static LongStream manySeeds() {
        return seeds(200);
    }

    private static LongStream seeds(int count) {
        String replay = System.getProperty("ledgerline.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : new SecureRandom().longs(count);
    }
}
