package dev.ledgerline.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), running in this JVM.
 *
 * <p>The data directory holds the log segments, the formatted KRaft metadata and the broker's configuration;
 * starting again on the same directory keeps the cluster id and every topic.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = Ports.HOST;
    private static final int NODE_ID = 1;
    /** The KRaft voter set records the controller's endpoint at format time, so the port must not change. */
    private static final String CONTROLLER_PORT_FILE = "controller.port";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final boolean formatted;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, boolean formatted) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
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
            Properties config = brokerConfig(dataDir, clientPort, controllerPort);
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
            return new EmbeddedKafka(server, HOST + ":" + clientPort, format);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka data directory " + dataDir, e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
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

    private static Properties brokerConfig(Path dataDir, int clientPort, int controllerPort) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
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
