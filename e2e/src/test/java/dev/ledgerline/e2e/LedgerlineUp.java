package dev.ledgerline.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./ledgerline up --no-build} started as a user starts it, on free ports and a data directory of its own, with
 * the build already done by this reactor; stopped with Ctrl-C (SIGINT).
 */
final class LedgerlineUp implements AutoCloseable {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern STARTED = Pattern.compile("\\[ledgerline] started (\\S+) \\(pid (\\d+)\\).*");
    private static final List<String> PORTS = List.of("KAFKA", "POSTGRES", "CONNECTOR", "MERGE", "LEDGER", "KPI",
            "SIMULATOR");
    /** SIGINT's bit in /proc/PID/status SigIgn. */
    private static final long SIGINT_MASK = 1L << 1;

    private final LocalProcess process;
    private final Path dataDir;
    private final Map<String, Integer> ports;
    private final Map<String, String> environment;

    private LedgerlineUp(LocalProcess process, Path dataDir, Map<String, Integer> ports,
            Map<String, String> environment) {
        this.process = process;
        this.dataDir = dataDir;
        this.ports = ports;
        this.environment = Map.copyOf(environment);
    }

    /** Starts it with the given {@code LEDGERLINE_*} settings on top of free ports and a fresh data directory. */
    static LedgerlineUp start(Map<String, String> settings) throws IOException {
        Path dataDir = Files.createDirectories(Path.of("target", "ledgerline-up", UUID.randomUUID().toString()))
                .toAbsolutePath();
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : PORTS) {
            int port = freePort();
            ports.put(name, port);
            environment.put("LEDGERLINE_" + name + "_PORT", String.valueOf(port));
        }
        environment.put("LEDGERLINE_DATA_DIR", dataDir.toString());
        environment.putAll(settings);
        List<String> command = new ArrayList<>();
        if (canResetSigint()) {
            // A process started in the background may inherit an ignored SIGINT, which bash cannot trap; a terminal's
            // Ctrl-C reaches a script with the default disposition, as this restores.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of("./ledgerline", "up", "--no-build"));
        return new LedgerlineUp(LocalProcess.start("ledgerline-up", command, environment, ROOT, dataDir), dataDir,
                ports, environment);
    }

    /** Waits for the printed URLs, which come once the demo tenant's connections are synced. */
    void awaitReady(Duration timeout) {
        process.awaitLine("Press Ctrl-C to stop everything."::equals, timeout, "the printed URLs");
    }

    /** The programs it started, by name, with their pids, in the order it started them. */
    Map<String, Long> started() {
        Map<String, Long> started = new LinkedHashMap<>();
        for (String line : process.output()) {
            Matcher matcher = STARTED.matcher(line);
            if (matcher.matches()) {
                started.put(matcher.group(1), Long.parseLong(matcher.group(2)));
            }
        }
        return started;
    }

    int port(String name) {
        return ports.get(name);
    }

    String url(String name) {
        return "http://localhost:" + port(name);
    }

    String kafkaBootstrap() {
        return "localhost:" + port("KAFKA");
    }

    /** The {@code LEDGERLINE_*} variables it runs with (ports, data directory, settings), for {@code ./ledgerline token}. */
    Map<String, String> environment() {
        return environment;
    }

    Path dataDir() {
        return dataDir;
    }

    LocalProcess process() {
        return process;
    }

    /** Ctrl-C, or SIGTERM where this test's environment ignores SIGINT for the script (said in the output). */
    void stop() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        boolean sigintIgnored = (sigIgn(process.pid()) & SIGINT_MASK) != 0;
        if (sigintIgnored) {
            System.out.println("LedgerlineUp: SIGINT is ignored by ./ledgerline here, stopping it with SIGTERM");
        }
        new ProcessBuilder("kill", sigintIgnored ? "-TERM" : "-INT", String.valueOf(process.pid())).inheritIO()
                .start().waitFor();
        if (!process.waitFor(Duration.ofMinutes(3))) {
            process.close();
            throw new AssertionError("./ledgerline up did not stop within 3 minutes; its output:\n"
                    + String.join("\n", process.output()));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    private static long sigIgn(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
            }
        }
        return 0;
    }

    private static boolean canResetSigint() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
