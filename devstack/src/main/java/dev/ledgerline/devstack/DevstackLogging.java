package dev.ledgerline.devstack;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Keeps the embedded servers' logging to what needs attention: their WARN and ERROR lines, so that a test's output
 * shows the service under test and a server's failure is never silent.
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

    /**
     * zonky logs every line PostgreSQL writes to its output at INFO under this category, whatever the line's
     * severity, so the severity is read off the line itself.
     */
    private static final String POSTGRES_OUTPUT_CATEGORY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    /** Kept strongly reachable: a logger that is garbage-collected forgets its level. */
    private static final List<Logger> QUIETED = SERVER_CATEGORIES.stream().map(Logger::getLogger).toList();
    private static final Logger POSTGRES_OUTPUT = Logger.getLogger(POSTGRES_OUTPUT_CATEGORY);
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger KAFKA_CLIENTS = Logger.getLogger("org.apache.kafka");

    private DevstackLogging() {
    }

    static void quietServers() {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        POSTGRES_OUTPUT.setLevel(Level.INFO);
        POSTGRES_OUTPUT.setFilter(new PostgresSeverityFilter());
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

    /**
     * Lets through PostgreSQL's WARNING, ERROR, FATAL and PANIC lines at the matching level, with the DETAIL, HINT,
     * CONTEXT, QUERY and STATEMENT lines that belong to one, and anything zonky itself logs at WARN or above; drops
     * the rest (LOG lines, pg_ctl's progress). The tag follows the log line prefix, or starts the line when the server
     * fails before its logging is set up. The lines of one message come from one server process, whose output zonky
     * reads on one thread, in order.
     */
    static final class PostgresSeverityFilter implements Filter {
        private static final Pattern SEVERITY_TAG = Pattern.compile("(?:^|\\s)([A-Z]+):\\s");
        private static final List<String> FOLLOW_UP_TAGS = List.of("DETAIL", "HINT", "CONTEXT", "QUERY", "STATEMENT");

        private Level lastMessageLevel;

        @Override
        public boolean isLoggable(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                return true;
            }
            Matcher tag = SEVERITY_TAG.matcher(String.valueOf(record.getMessage()));
            if (!tag.find()) {
                return false;
            }
            Level level;
            if (FOLLOW_UP_TAGS.contains(tag.group(1))) {
                level = lastMessageLevel;
            } else {
                level = switch (tag.group(1)) {
                    case "WARNING" -> org.jboss.logmanager.Level.WARN;
                    case "ERROR", "FATAL", "PANIC" -> org.jboss.logmanager.Level.ERROR;
                    default -> null;
                };
                lastMessageLevel = level;
            }
            if (level == null) {
                return false;
            }
            record.setLevel(level);
            return true;
        }
    }
}
