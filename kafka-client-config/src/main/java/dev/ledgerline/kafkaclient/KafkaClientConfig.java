package dev.ledgerline.kafkaclient;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The connection settings every Kafka client of a service shares, from its {@code kafka.*} configuration (env
 * {@code KAFKA_*}): {@code bootstrap.servers}, {@code security.protocol}, {@code sasl.*} (SCRAM: {@code sasl.mechanism},
 * {@code sasl.jaas.config}), {@code ssl.truststore.*} and, for mutual TLS, {@code ssl.keystore.*} and
 * {@code ssl.key.password}. {@link #producer()}, {@link #consumer()} and {@link #admin()} give a new map with what that
 * kind of client accepts, to which the caller adds its own settings.
 *
 * <p>Checked when built, so that a service with an incomplete security setup fails at startup with a message naming
 * the variable instead of retrying connections forever. {@link #toString()} masks secrets; nothing else here logs.
 */
public final class KafkaClientConfig {
    /** Names whose values are secrets: never printed. */
    private static final Set<String> SECRETS = Set.of(SaslConfigs.SASL_JAAS_CONFIG, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG,
            SslConfigs.SSL_KEY_PASSWORD_CONFIG, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
            SslConfigs.SSL_KEYSTORE_KEY_CONFIG, SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG);

    private final Map<String, Object> settings;

    private KafkaClientConfig(Map<String, Object> settings) {
        this.settings = settings;
    }

    /**
     * From a service's {@code kafka.*} properties without the prefix, as Quarkus collects them (the
     * {@code default-kafka-broker} map: {@code KAFKA_SASL_JAAS_CONFIG} arrives as {@code sasl.jaas.config}). Names no
     * Kafka client knows (Quarkus' own, such as {@code health.enabled}) are left out.
     */
    public static KafkaClientConfig of(Map<String, ?> kafka) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (isConnectionSetting(name) && value != null && !value.toString().isEmpty()) {
                settings.put(name, value);
            }
        });
        check(settings);
        return new KafkaClientConfig(settings);
    }

    /** Plaintext brokers, no authentication: tests, and tools pointed at a local broker. */
    public static KafkaClientConfig forBrokers(String bootstrapServers) {
        return of(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public String bootstrapServers() {
        return settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).toString();
    }

    public Map<String, Object> producer() {
        return select(ProducerConfig.configNames());
    }

    public Map<String, Object> consumer() {
        return select(ConsumerConfig.configNames());
    }

    public Map<String, Object> admin() {
        return select(AdminClientConfig.configNames());
    }

    /** The settings with every secret masked, for logs and error messages. */
    @Override
    public String toString() {
        Map<String, Object> shown = new TreeMap<>();
        settings.forEach((name, value) -> shown.put(name, isSecret(name) ? "***" : value));
        return "KafkaClientConfig" + shown;
    }

    private Map<String, Object> select(Set<String> clientConfigNames) {
        Map<String, Object> selected = new HashMap<>();
        settings.forEach((name, value) -> {
            if (clientConfigNames.contains(name)) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    /** What connects and authenticates a client; every other client setting is the caller's choice. */
    private static boolean isConnectionSetting(String name) {
        return name.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) || name.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                || name.startsWith("sasl.") || name.startsWith("ssl.");
    }

    private static boolean isSecret(String name) {
        return SECRETS.contains(name) || name.endsWith(".password");
    }

    private static void check(Map<String, Object> settings) {
        if (!settings.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw missing(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "it is required");
        }
        Object protocolName = settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                SecurityProtocol.PLAINTEXT.name);
        SecurityProtocol protocol;
        try {
            protocol = SecurityProtocol.forName(protocolName.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Kafka client configuration: kafka.security.protocol (env "
                    + "KAFKA_SECURITY_PROTOCOL) is '" + protocolName + "', none of " + SecurityProtocol.names());
        }
        boolean sasl = protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
        if (sasl && !settings.containsKey(SaslConfigs.SASL_MECHANISM)) {
            throw missing(SaslConfigs.SASL_MECHANISM, "security.protocol is " + protocol
                    + " (SCRAM-SHA-512 for a Strimzi KafkaUser)");
        }
        if (sasl && !settings.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
            throw missing(SaslConfigs.SASL_JAAS_CONFIG, "security.protocol is " + protocol
                    + " (the user's sasl.jaas.config, as Strimzi puts it in the KafkaUser's Secret)");
        }
        boolean keystoreWithPassword = !"PEM".equalsIgnoreCase(
                String.valueOf(settings.get(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG)));
        if (settings.containsKey(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG) && keystoreWithPassword
                && !settings.containsKey(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG)) {
            throw missing(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, "ssl.keystore.location is set");
        }
    }

    private static IllegalArgumentException missing(String name, String why) {
        return new IllegalArgumentException("Kafka client configuration: kafka." + name + " (env KAFKA_"
                + name.toUpperCase(Locale.ROOT).replace('.', '_') + ") is not set, but " + why);
    }
}
