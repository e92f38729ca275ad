package dev.ledgerline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logmanager.Logger;

/**
 * PostgreSQL's own log, passed on to devstack's logging by severity: WARNING lines at WARN; ERROR, FATAL and PANIC
 * lines at ERROR; the DETAIL, HINT, CONTEXT, QUERY and STATEMENT lines of such a message with it; everything else
 * (LOG lines, startup progress) dropped.
 *
 * <p>The server writes to a file that this class follows. zonky's own pipe cannot be used: it reads the output of
 * {@code pg_ctl}, and when {@code pg_ctl} exits after starting the server, the JDK closes that pipe after the next
 * read, so every later line of the server was lost.
 */
final class PostgresLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("dev.ledgerline.devstack.postgres");
    private static final long POLL_MILLIS = 200;

    private final Path file;
    private final Thread follower;
    private volatile boolean closed;

    private PostgresLog(Path file) {
        this.file = file;
        this.follower = new Thread(this::follow, "devstack-postgres-log");
        this.follower.setDaemon(true);
    }

    /** Empties {@code file} and follows what the server appends to it from now on. */
    static PostgresLog follow(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the PostgreSQL log " + file, e);
        }
        PostgresLog log = new PostgresLog(file);
        log.follower.start();
        return log;
    }

    Path file() {
        return file;
    }

    /** Stops following once what the server has written so far is passed on. */
    @Override
    public void close() {
        closed = true;
        try {
            follower.join(2 * POLL_MILLIS + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        Severity severity = new Severity();
        StringBuilder partial = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            while (true) {
                boolean closing = closed;
                int read = channel.read(buffer, position);
                if (read > 0) {
                    position += read;
                    buffer.flip();
                    partial.append(StandardCharsets.UTF_8.decode(buffer));
                    buffer.clear();
                    for (int end = partial.indexOf("\n"); end >= 0; end = partial.indexOf("\n")) {
                        pass(severity, partial.substring(0, end));
                        partial.delete(0, end + 1);
                    }
                } else if (closing) {
                    return;
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Stopped following the PostgreSQL log " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pass(Severity severity, String line) {
        Level level = severity.of(line);
        if (level != null) {
            LOG.log(level, line);
        }
    }

    /**
     * The level of each line, in order: a follow-up line (DETAIL, STATEMENT …) takes the level of the message it
     * belongs to. The severity tag follows the log line prefix, or starts the line when the server fails before its
     * logging is set up.
     */
    static final class Severity {
        private static final Pattern TAG = Pattern.compile("(?:^|\\s)([A-Z]+):\\s");
        private static final List<String> FOLLOW_UP_TAGS = List.of("DETAIL", "HINT", "CONTEXT", "QUERY", "STATEMENT");

        private Level lastMessageLevel;

        /** The level to log the line at, or null to drop it. */
        Level of(String line) {
            Matcher tag = TAG.matcher(line);
            if (!tag.find()) {
                return null;
            }
            if (FOLLOW_UP_TAGS.contains(tag.group(1))) {
                return lastMessageLevel;
            }
            lastMessageLevel = switch (tag.group(1)) {
                case "WARNING" -> org.jboss.logmanager.Level.WARN;
                case "ERROR", "FATAL", "PANIC" -> org.jboss.logmanager.Level.ERROR;
                default -> null;
            };
            return lastMessageLevel;
        }
    }
}
