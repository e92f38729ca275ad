package dev.ledgerline.devstack;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: real Kafka with every topic, and real PostgreSQL, started once per test JVM and shared by
 * every test class and profile; a JVM shutdown hook stops them and deletes their data.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = DevstackResource.class,
 *         initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
 * }</pre>
 */
public class DevstackResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg naming the service's database, one of {@link Devstack#DATABASES}; omit it for no datasource. */
    public static final String DATABASE_ARG = "database";
    /** Init arg choosing the broker's listener for the service: {@link #PLAIN_LISTENER} (default) or {@link #SCRAM_LISTENER}. */
    public static final String KAFKA_LISTENER_ARG = "kafka-listener";
    public static final String PLAIN_LISTENER = "plain";
    /**
     * The SASL_PLAINTEXT listener as {@link Devstack#SCRAM_USER}: the service gets {@code kafka.bootstrap.servers},
     * {@code kafka.security.protocol}, {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config}, as a deployment
     * passes them in {@code KAFKA_*} variables.
     */
    public static final String SCRAM_LISTENER = "scram";

    private String database;
    private boolean scram;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE_ARG);
        if (database != null && !Devstack.DATABASES.contains(database)) {
            throw new IllegalArgumentException(
                    "Unknown database '" + database + "' in init arg " + DATABASE_ARG + "; known: " + Devstack.DATABASES);
        }
        String listener = initArgs.getOrDefault(KAFKA_LISTENER_ARG, PLAIN_LISTENER);
        if (!listener.equals(PLAIN_LISTENER) && !listener.equals(SCRAM_LISTENER)) {
            throw new IllegalArgumentException("Unknown Kafka listener '" + listener + "' in init arg "
                    + KAFKA_LISTENER_ARG + "; known: " + PLAIN_LISTENER + ", " + SCRAM_LISTENER);
        }
        scram = listener.equals(SCRAM_LISTENER);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (scram) {
            scramClientSettings(Devstack.SCRAM_PASSWORD).forEach((name, value) -> config.put("kafka." + name, value));
        } else {
            config.put("kafka.bootstrap.servers", bootstrapServers());
        }
        // Streams state must not outlive the application that wrote it, or it disagrees with the topics.
        config.put("kafka-streams.state.dir", (String) callShared("newStreamsStateDir"));
        if (database != null) {
            config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
            config.put("quarkus.datasource.username", EmbeddedDatabase.USERNAME);
            config.put("quarkus.datasource.password", EmbeddedDatabase.PASSWORD);
        }
        return config;
    }

    /** Nothing to do: the stack is shared by every test of the JVM and stopped when the JVM exits. */
    @Override
    public void stop() {
    }

    /** The shared broker's {@code bootstrap.servers}, starting the stack if needed. */
    public static String bootstrapServers() {
        return (String) callShared("bootstrapServers");
    }

    /**
     * Client settings ({@code kafka.*} without the prefix) for the shared broker's SCRAM-SHA-512 listener as
     * {@link Devstack#SCRAM_USER} with this password: {@link Devstack#SCRAM_PASSWORD} authenticates, any other fails.
     */
    public static Map<String, String> scramClientSettings(String password) {
        return EmbeddedKafka.scramClientSettings((String) callShared("scramBootstrapServers"), Devstack.SCRAM_USER,
                password);
    }

    /** JDBC URL of one of {@link Devstack#DATABASES} on the shared server, starting the stack if needed. */
    public static String jdbcUrl(String database) {
        return (String) callShared("jdbcUrl", database);
    }

    /**
     * Calls {@link SharedDevstack} as loaded by the system class loader: Quarkus loads test resources in a class
     * loader per application, whose statics would start one stack per test profile.
     */
    private static Object callShared(String method, String... args) {
        try {
            Class<?> shared = Class.forName(SharedDevstack.class.getName(), true, jvmWideClassLoader());
            MethodType type = MethodType.methodType(String.class, Collections.nCopies(args.length, String.class));
            MethodHandle handle = MethodHandles.publicLookup().findStatic(shared, method, type);
            return handle.invokeWithArguments((Object[]) args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot reach the shared devstack", e);
        }
    }

    /** The system class loader when it sees devstack (Maven Surefire, IDEs), else this class's own. */
    private static ClassLoader jvmWideClassLoader() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return system.getResource(SharedDevstack.class.getName().replace('.', '/') + ".class") != null
                ? system
                : DevstackResource.class.getClassLoader();
    }
}
