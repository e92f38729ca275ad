package dev.ledgerline.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), running in this JVM.
 *
 * <p>Clients connect without authentication on {@link #bootstrapServers()}, or with SASL SCRAM-SHA-512 on
 * {@link #scramBootstrapServers()} as a user made with {@link #addScramUser}: the authenticated path of production
 * (Strimzi's {@code scram-sha-512} listener), without TLS.
 *
 * <p>The data directory holds the log segments, the formatted KRaft metadata and the broker's configuration;
 * starting again on the same directory keeps the cluster id and every topic.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = Ports.HOST;
    private static final int NODE_ID = 1;
    /** The KRaft voter set records the controller's endpoint at format time, so the port must not change. */
    private static final String CONTROLLER_PORT_FILE = "controller.port";
    private static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    private static final int SCRAM_ITERATIONS = 4096;
    /** How long a new SCRAM credential may take to reach the broker from the controller. */
    private static final Duration SCRAM_PROPAGATION = Duration.ofSeconds(15);
    private static final Duration SCRAM_RETRY_PAUSE = Duration.ofMillis(50);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String scramBootstrapServers;
    private final boolean formatted;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String scramBootstrapServers,
            boolean formatted) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.scramBootstrapServers = scramBootstrapServers;
        this.formatted = formatted;
    }

    /**
     * Starts a broker and returns once it accepts clients.
     *
     * @param dataDir directory for logs and metadata, created if missing and formatted only if not yet formatted
     * @param port    client port, 0 for a free one
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        DevstackLogging.quietServers();
        try {
            Files.createDirectories(dataDir);
            if (port != 0) {
                Ports.requireFree(port, "Kafka", "--kafka-port");
            }
            int clientPort = port == 0 ? Ports.free() : port;
            int controllerPort = controllerPort(dataDir);
            int scramPort = Ports.free();
            Properties config = brokerConfig(dataDir, clientPort, scramPort, controllerPort);
            Path configFile = dataDir.resolve("server.properties");
            try (Writer out = Files.newBufferedWriter(configFile)) {
                config.store(out, "Written by devstack on every start");
            }
            boolean format = !Files.exists(logDir(dataDir).resolve("meta.properties"));
            if (format) {
                formatStorage(configFile);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
            // Returns once the broker is registered and unfenced, i.e. ready for clients.
            server.startup();
            return new EmbeddedKafka(server, HOST + ":" + clientPort, HOST + ":" + scramPort, format);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka data directory " + dataDir, e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code host:port} of the SASL_PLAINTEXT listener, SCRAM-SHA-512, for the users of {@link #addScramUser}. */
    public String scramBootstrapServers() {
        return scramBootstrapServers;
    }

    /**
     * Creates (or changes the password of) a SCRAM-SHA-512 user, and returns once the broker authenticates it, so
     * that a client may connect right away.
     */
    public void addScramUser(String user, String password) {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the SCRAM user " + user, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the SCRAM user " + user + ": " + e.getCause(), e.getCause());
        }
        awaitAuthenticates(user, password);
    }

    /**
     * Client settings (without the {@code kafka.} prefix) for a user of the SCRAM listener: {@code bootstrap.servers},
     * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}.
     */
    public static Map<String, String> scramClientSettings(String scramBootstrapServers, String user, String password) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, scramBootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    /** The controller stores the credential; the broker learns it with the next metadata update. */
    private void awaitAuthenticates(String user, String password) {
        long deadline = System.nanoTime() + SCRAM_PROPAGATION.toNanos();
        Map<String, Object> settings = Map.copyOf(scramClientSettings(scramBootstrapServers, user, password));
        while (true) {
            try (Admin admin = Admin.create(settings)) {
                admin.describeCluster().clusterId().get(SCRAM_PROPAGATION.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The SCRAM user " + user + " cannot authenticate: " + e.getCause(),
                            e.getCause());
                }
                pause(SCRAM_RETRY_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the SCRAM user " + user, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("The SCRAM listener did not answer for " + user, e);
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a SCRAM credential", e);
        }
    }

    /** Whether this start formatted fresh storage (false when it reused formatted data). */
    public boolean formattedStorage() {
        return formatted;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Path logDir(Path dataDir) {
        return dataDir.resolve("logs");
    }

    private static int controllerPort(Path dataDir) throws IOException {
        Path portFile = dataDir.resolve(CONTROLLER_PORT_FILE);
        if (Files.exists(portFile)) {
            return Integer.parseInt(Files.readString(portFile).trim());
        }
        int port = Ports.free();
        Files.writeString(portFile, Integer.toString(port));
        return port;
    }

    private static Properties brokerConfig(Path dataDir, int clientPort, int scramPort, int controllerPort) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",SASL_PLAINTEXT://" + HOST + ":" + scramPort
                + ",CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",SASL_PLAINTEXT://" + HOST + ":"
                + scramPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        // The SCRAM listener checks the credentials stored in the KRaft metadata (addScramUser).
        config.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        config.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put("log.dirs", logDir(dataDir).toAbsolutePath().toString());
        // One broker: every internal topic can only have one replica.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions than the production defaults (50) make the first consumer group start faster.
        config.put("offsets.topic.num.partitions", "10");
        config.put("transaction.state.log.num.partitions", "10");
        // Tests join consumer groups constantly; the default 3 s delay would be paid by each of them.
        config.put("group.initial.rebalance.delay.ms", "0");
        // Every topic comes from the TopicTable; a typo must fail instead of creating a stray topic.
        config.put("auto.create.topics.enable", "false");
        return config;
    }

    private static void formatStorage(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString(),
                "--standalone", "--ignore-formatted"};
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, out);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }
}
