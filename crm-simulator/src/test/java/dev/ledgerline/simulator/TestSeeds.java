package dev.ledgerline.simulator;

import java.util.List;

/** The seeds of a seeded test: two fixed ones and a random one, printed so that a failure can be replayed. */
public final class TestSeeds {
    private TestSeeds() {
    }

    /** The fixed seeds and a random one, or the random one's replay ({@code -Dsimulator.seed=N}) in its place. */
    public static List<Long> fixedAndRandom(String test, long first, long second) {
        Long replay = Long.getLong("simulator.seed");
        long random = replay != null ? replay : System.nanoTime();
        System.out.println(test + " random seed " + random + " (replay with -Dsimulator.seed=" + random + ")");
        return List.of(first, second, random);
    }
}
