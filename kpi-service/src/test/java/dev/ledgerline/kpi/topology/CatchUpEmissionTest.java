package dev.ledgerline.kpi.topology;

import static dev.ledgerline.kpi.topology.TopologyFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Emission while a task catches up on a backlog ({@link EmitPolicy}): deferred while every record processed since
 * the previous punctuation is older than the catch-up age, for at most the maximal deferral, and published as soon
 * as a punctuation finds no new record. Record timestamps are the deals' sourceUpdatedAt (the harness pipes them so).
 */
class CatchUpEmissionTest {
    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final EmitPolicy POLICY = new EmitPolicy(TopologyHarness.EMIT, TopologyHarness.EMIT, Duration.ofSeconds(10),
            Duration.ofSeconds(5));

    @Test
    void oldRecordsDeferPublishingUntilAPunctuationFindsNoNewRecord() {
        try (var harness = new TopologyHarness("catch-up-done", NOW, POLICY)) {
            harness.send(open("d1", "o1", NOW.minus(Duration.ofHours(1)), "1000", 0.5));
            assertThat(harness.emit()).isEmpty();
            assertThat(harness.books.deferredEmissionCount()).isEqualTo(1);

            var published = harness.emit();
            assertThat(published).isNotEmpty();
            assertThat(published.values()).anySatisfy(value -> {
                assertThat(value.getKpi()).isEqualTo("OPEN_DEALS_COUNT");
                assertThat(value.getValue()).isEqualByComparingTo("1");
            });
        }
    }

    @Test
    void aLongCatchUpStillPublishesOncePerMaximalDeferral() {
        try (var harness = new TopologyHarness("catch-up-long", NOW, POLICY)) {
            // The task's first punctuation (after 1 s) starts the deferral clock: publishing waits until 6 s.
            for (var second = 1; second <= 5; second++) {
                harness.send(open("d" + second, "o1", NOW.minus(Duration.ofHours(1)), "100", 0.5));
                assertThat(harness.emit()).as("punctuation after %d s", second).isEmpty();
            }
            harness.send(open("d6", "o1", NOW.minus(Duration.ofHours(1)), "100", 0.5));
            var published = harness.emit();
            assertThat(published).as("5 s after the first punctuation").isNotEmpty();
            assertThat(published.values()).anySatisfy(value -> {
                assertThat(value.getKpi()).isEqualTo("OPEN_DEALS_COUNT");
                assertThat(value.getValue()).isEqualByComparingTo("6");
            });
            assertThat(harness.books.deferredEmissionCount()).isEqualTo(5);
        }
    }

    @Test
    void freshRecordsArePublishedEveryInterval() {
        try (var harness = new TopologyHarness("catch-up-fresh", NOW, POLICY)) {
            harness.send(open("d1", "o1", NOW.minus(Duration.ofSeconds(2)), "1000", 0.5));
            assertThat(harness.emit()).isNotEmpty();
            harness.send(open("d2", "o1", NOW.plus(Duration.ofSeconds(1)), "500", 0.5));
            assertThat(harness.emit()).isNotEmpty();
            assertThat(harness.books.deferredEmissionCount()).isZero();
        }
    }
}
