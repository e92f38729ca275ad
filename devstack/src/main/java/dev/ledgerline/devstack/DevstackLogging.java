package dev.ledgerline.devstack;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.Logger;

/**
 * Turns the embedded servers' own logging down to WARN, so that a test's output shows the service under test.
 *
 * <p>Uses the JBoss log manager directly because that is where SLF4J logs go both under Quarkus tests and in
 * {@code exec:java}, whatever {@code java.util.logging} manager the JVM runs.
 */
final class DevstackLogging {

    /** Broker and PostgreSQL-launcher categories only; Kafka client categories stay as the application sets them. */
    private static final List<String> SERVER_CATEGORIES = List.of(
            "kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.snapshot", "org.apache.kafka.queue",
            "org.apache.kafka.network", "org.apache.kafka.security",
            "io.zonky.test.db.postgres");

    /** Kept strongly reachable: a logger that is garbage-collected forgets its level. */
    private static final List<Logger> QUIETED = SERVER_CATEGORIES.stream().map(Logger::getLogger).toList();

    private DevstackLogging() {
    }

    static void quietServers() {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
