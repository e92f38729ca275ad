package dev.ledgerline.devstack;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Keeps the embedded servers' logging to what needs attention: their WARN and ERROR lines (PostgreSQL's through
 * {@link PostgresLog}), so that a test's output shows the service under test and a server's failure is never
 * silent.
 *
 * <p>Uses the JBoss log manager directly because that is where SLF4J and {@link System.Logger} go, both under
 * Quarkus tests and in the devstack process, whatever {@code java.util.logging} manager the JVM runs.
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
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger KAFKA_CLIENTS = Logger.getLogger("org.apache.kafka");

    private DevstackLogging() {
    }

    static void quietServers() {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
    }

    /**
     * For the devstack process, which has no logging configuration of its own: devstack's own messages at INFO and
     * everything at WARN and above go to standard error; the topic creator's Kafka client stays at WARN.
     */
    static void toConsole() {
        quietServers();
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR,
                new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c] %s%e%n"));
        console.setLevel(Level.INFO);
        ROOT.setHandlers(new java.util.logging.Handler[] {console});
        ROOT.setLevel(Level.INFO);
        KAFKA_CLIENTS.setLevel(Level.WARNING);
    }
}
