package dev.ledgerline.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The local runtime of the suite: a real Kafka broker (KRaft) with every topic of the {@link TopicTable}, and a
 * real PostgreSQL server with one database per service.
 *
 * <p>{@link #main} runs it for local development; tests use it through {@link DevstackResource}.
 */
public final class Devstack implements RunningStack {

    /** One database per service that has one (DESIGN.md §3). */
    public static final List<String> DATABASES = List.of("connector", "merge", "ledger");

    /** The SCRAM-SHA-512 user of the broker's SASL listener ({@link #scramBootstrapServers()}). */
    public static final String SCRAM_USER = "ledgerline";
    public static final String SCRAM_PASSWORD = "ledgerline-devstack";

    private static final System.Logger LOG = System.getLogger(Devstack.class.getName());

    private final EmbeddedKafka broker;
    private final EmbeddedDatabase database;
    private final Duration startupTime;

    private Devstack(EmbeddedKafka broker, EmbeddedDatabase database, Duration startupTime) {
        this.broker = broker;
        this.database = database;
        this.startupTime = startupTime;
    }

    /**
     * Starts Kafka and PostgreSQL in parallel and creates the topics.
     *
     * @param dataDir      parent of the {@code kafka} and {@code postgres} data directories, kept as they are
     * @param kafkaPort    0 for a free port
     * @param postgresPort 0 for a free port
     */
    public static Devstack start(Path dataDir, int kafkaPort, int postgresPort) {
        long startedAt = System.nanoTime();
        ExecutorService starter = Executors.newFixedThreadPool(2, Devstack::starterThread);
        try {
            CompletableFuture<EmbeddedKafka> broker = CompletableFuture.supplyAsync(
                    () -> brokerWithTopics(dataDir.resolve("kafka"), kafkaPort), starter);
            CompletableFuture<EmbeddedDatabase> database = CompletableFuture.supplyAsync(
                    () -> timed("PostgreSQL", () -> EmbeddedDatabase.start(dataDir.resolve("postgres"), postgresPort, DATABASES)),
                    starter);
            awaitBoth(broker, database);
            Duration startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
            LOG.log(System.Logger.Level.INFO, "Devstack (Kafka + PostgreSQL) started in {0} ms", startupTime.toMillis());
            return new Devstack(broker.join(), database.join(), startupTime);
        } finally {
            starter.shutdown();
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** {@code host:port} of the SASL_PLAINTEXT listener: SCRAM-SHA-512 as {@link #SCRAM_USER}. */
    @Override
    public String scramBootstrapServers() {
        return broker.scramBootstrapServers();
    }

    /** JDBC URL of one of the {@link #DATABASES}; credentials are {@link EmbeddedDatabase#USERNAME}/PASSWORD. */
    public String jdbcUrl(String databaseName) {
        return database.jdbcUrl(databaseName);
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the broker, then PostgreSQL. */
    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            database.close();
        }
    }

    private static EmbeddedKafka brokerWithTopics(Path dataDir, int port) {
        EmbeddedKafka broker = timed("Kafka broker", () -> EmbeddedKafka.start(dataDir, port));
        try {
            timed("Topics", () -> TopicCreator.apply(broker.bootstrapServers(), TopicTable.standard()));
            broker.addScramUser(SCRAM_USER, SCRAM_PASSWORD);
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * Kafka instantiates configured classes through the context class loader, and the broker's threads inherit it
     * from the thread that starts them: it must be the one that loaded devstack, not a Quarkus test class loader.
     */
    private static Thread starterThread(Runnable task) {
        Thread thread = new Thread(task, "devstack-starter");
        thread.setContextClassLoader(Devstack.class.getClassLoader());
        return thread;
    }

    private static <T> T timed(String what, Supplier<T> step) {
        long startedAt = System.nanoTime();
        T result = step.get();
        LOG.log(System.Logger.Level.INFO, "{0} ready in {1} ms", what, Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
        return result;
    }

    /** Waits for both servers; when one fails, stops the other so that no server outlives a failed start. */
    private static void awaitBoth(CompletableFuture<EmbeddedKafka> broker, CompletableFuture<EmbeddedDatabase> database) {
        try {
            CompletableFuture.allOf(broker, database).join();
        } catch (CompletionException e) {
            broker.thenAccept(EmbeddedKafka::close);
            database.thenAccept(EmbeddedDatabase::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Runs the stack until the JVM is stopped (Ctrl-C). Settings, each from {@code --name=value}, else the system
     * property {@code devstack.name}, else the environment variable {@code DEVSTACK_NAME}:
     * {@code kafka-port} (9092), {@code postgres-port} (5432), {@code data-dir} ({@code .devstack}).
     */
    public static void main(String[] args) throws InterruptedException {
        DevstackLogging.toConsole();
        Path dataDir = Path.of(setting(args, "data-dir", ".devstack")).toAbsolutePath();
        int kafkaPort = Integer.parseInt(setting(args, "kafka-port", "9092"));
        int postgresPort = Integer.parseInt(setting(args, "postgres-port", "5432"));

        Devstack stack = start(dataDir, kafkaPort, postgresPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            System.out.println("Devstack stopped");
            stopped.countDown();
        }, "devstack-shutdown"));

        System.out.println("Kafka bootstrap servers: " + stack.bootstrapServers());
        System.out.println("Kafka SASL_PLAINTEXT (SCRAM-SHA-512): " + stack.scramBootstrapServers() + " (user "
                + SCRAM_USER + ", password " + SCRAM_PASSWORD + ")");
        for (String database : DATABASES) {
            System.out.println("PostgreSQL " + database + ": " + stack.jdbcUrl(database)
                    + " (user " + EmbeddedDatabase.USERNAME + ", password " + EmbeddedDatabase.PASSWORD + ")");
        }
        System.out.println("Data: " + dataDir + ", started in " + stack.startupTime().toMillis() + " ms");
        System.out.println("READY");
        stopped.await();
    }

    static String setting(String[] args, String name, String defaultValue) {
        String prefix = "--" + name + "=";
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                return arg.substring(prefix.length());
            }
        }
        String property = System.getProperty("devstack." + name);
        if (property != null) {
            return property;
        }
        String environment = System.getenv("DEVSTACK_" + name.toUpperCase().replace('-', '_'));
        return environment != null ? environment : defaultValue;
    }
}
