package dev.ledgerline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a service's {@code /q/metrics} body, as a test fetched it, in {@code target/metrics/<name>.prom} of the
 * module under test, so that the deploy module's tests check every metric its alerts and dashboards use against
 * what the services really export.
 */
public final class MetricsSnapshot {
    /** Relative to the module's directory, where Maven runs its tests. */
    public static final Path DIRECTORY = Path.of("target", "metrics");

    private MetricsSnapshot() {
    }

    /** {@code name} is the service, or the service and the test that exercised more of it ({@code connector-sync}). */
    public static void save(String name, String prometheusText) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(name + ".prom"), prometheusText);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the metrics of " + name, e);
        }
    }
}
