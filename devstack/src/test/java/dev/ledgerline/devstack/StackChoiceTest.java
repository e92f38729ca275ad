package dev.ledgerline.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackChoiceTest {

    @ParameterizedTest(name = "profile {0}, engine {1} -> {2}")
    @CsvSource({"true, true, CONTAINERS", "true, false, IN_PROCESS", "false, true, IN_PROCESS",
            "false, false, IN_PROCESS"})
    void containersOnlyWithTheProfileAndAnEngine(boolean profile, boolean engine, StackChoice expected) {
        assertThat(StackChoice.choose(profile, () -> engine)).isEqualTo(expected);
    }

    @Test
    void withoutTheProfileTheEngineIsNeverAsked() {
        AtomicInteger asked = new AtomicInteger();
        StackChoice.choose(false, () -> asked.incrementAndGet() > 0);
        assertThat(asked).hasValue(0);
    }

    @Test
    void theBuildPassesTheProfilesPropertyAndWithoutItTheStackRunsInProcess() {
        // false unless -Pcontainers; then the engine decides, which the cases above cover.
        String property = System.getProperty(StackChoice.PROPERTY);
        assertThat(property).isIn("true", "false");
        if (property.equals("false")) {
            assertThat(StackChoice.forThisJvm()).isEqualTo(StackChoice.IN_PROCESS);
        }
    }
}
