package dev.ledgerline.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A program of the suite started as its own operating-system process, as a user starts it: its own JVM and class
 * path, configured by environment variables. Its output (standard output and error together) goes to a log file
 * under {@code target/} and is kept for assertions.
 */
final class LocalProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Path log;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar <jar> <args>} with the test JVM's own java and these extra environment variables. */
    static LocalProcess javaJar(String name, Path jar, List<String> args, Map<String, String> environment,
            Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the module first (mvn -B verify does)");
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar.toAbsolutePath().toString()));
        command.addAll(args);
        return start(name, command, environment, null, logDir);
    }

    /** Starts a command in a working directory ({@code null}: this one) with these extra environment variables. */
    static LocalProcess start(String name, List<String> command, Map<String, String> environment, Path workingDir,
            Path logDir) {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logDir);
            LocalProcess started = new LocalProcess(name, builder.start(), log);
            started.copyOutput();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** Waits until a line of output matches; fails early, with the output so far, when the process exits. */
    void awaitLine(Predicate<String> line, Duration timeout, String what) {
        Awaitility.await(name + ": " + what).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (output.stream().anyMatch(line)) {
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + " before " + what
                                + "; its output:\n" + String.join("\n", output));
                    }
                    return false;
                });
    }

    /** Every line written so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to exit by itself; true when it did in time. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Stops the process the way Ctrl-C does (SIGTERM), and kills it if it has not exited after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Follows the log file the process writes to (a file rather than a pipe: the JDK closes a pipe at exit, and a
     * reader in the middle of a read loses what was left), a line at a time, until the process has exited and the
     * file is read to its end.
     */
    private void copyOutput() {
        Thread follower = new Thread(() -> {
            StringBuilder partial = new StringBuilder();
            char[] buffer = new char[8192];
            try (Reader file = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                while (true) {
                    boolean exited = !process.isAlive();
                    int read = file.read(buffer);
                    if (read > 0) {
                        for (int i = 0; i < read; i++) {
                            if (buffer[i] == '\n') {
                                output.add(partial.toString());
                                partial.setLength(0);
                            } else {
                                partial.append(buffer[i]);
                            }
                        }
                    } else if (exited) {
                        if (!partial.isEmpty()) {
                            output.add(partial.toString());
                        }
                        return;
                    } else {
                        Thread.sleep(50);
                    }
                }
            } catch (IOException e) {
                output.add("[output of " + name + " lost: " + e + "]");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-output");
        follower.setDaemon(true);
        follower.start();
    }
}
