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

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE_ARG);
        if (database != null && !Devstack.DATABASES.contains(database)) {
            throw new IllegalArgumentException(
                    "Unknown database '" + database + "' in init arg " + DATABASE_ARG + "; known: " + Devstack.DATABASES);
        }
    }

    @Override
    public Map<String, String> start() {
        String bootstrapServers = bootstrapServers();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
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

    /** JDBC URL of one of {@link Devstack#DATABASES} on the shared server, starting the stack if needed. */
    public static String jdbcUrl(String database) {
        return (String) SharedDevstack.jvmWide("jdbcUrl", database);
    }
}
