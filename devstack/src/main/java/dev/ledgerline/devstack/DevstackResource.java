package dev.ledgerline.devstack;

import java.util.HashMap;
import java.util.Map;

import dev.ledgerline.devstack.auth.TokenMinter;
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
        config.put("kafka-streams.state.dir", (String) SharedDevstack.jvmWide("newStreamsStateDir"));
        // Bearer tokens of DevTokens verify with the test JVM's public key, as a local run's with .devstack/keys/.
        config.put("quarkus.oidc.public-key", DevTokens.publicKey());
        config.put("quarkus.oidc.token.issuer", TokenMinter.ISSUER);
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
        return (String) SharedDevstack.jvmWide("bootstrapServers");
    }

    /**
     * Client settings ({@code kafka.*} without the prefix) for the shared broker's SCRAM-SHA-512 listener as
     * {@link Devstack#SCRAM_USER} with this password: {@link Devstack#SCRAM_PASSWORD} authenticates, any other fails.
     */
    public static Map<String, String> scramClientSettings(String password) {
        return EmbeddedKafka.scramClientSettings((String) SharedDevstack.jvmWide("scramBootstrapServers"), Devstack.SCRAM_USER,
                password);
    }

    /** JDBC URL of one of {@link Devstack#DATABASES} on the shared server, starting the stack if needed. */
    public static String jdbcUrl(String database) {
        return (String) SharedDevstack.jvmWide("jdbcUrl", database);
    }
}
