package dev.ledgerline.kafkaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a service's {@code kafka.*} configuration turns into for each kind of client, and what it refuses. */
class KafkaClientConfigTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"merge-service\" password=\"s3cret-jaas\";";

    @Test
    void scramOverTlsReachesEveryKindOfClient() {
        KafkaClientConfig config = KafkaClientConfig.of(Map.of(
                "bootstrap.servers", "ledgerline-kafka-bootstrap.kafka:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/kafka-ca/ca.crt"));
        for (Map<String, Object> client : java.util.List.of(config.producer(), config.consumer(), config.admin())) {
            assertThat(client).containsEntry("bootstrap.servers", "ledgerline-kafka-bootstrap.kafka:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS)
                    .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt");
        }
    }

    @Test
    void mutualTlsPassesTheKeystoreThrough() {
        KafkaClientConfig config = KafkaClientConfig.of(Map.of(
                "bootstrap.servers", "kafka:9093",
                "security.protocol", "SSL",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "ssl.truststore.password", "trust-pw",
                "ssl.keystore.location", "/etc/kafka/user.p12",
                "ssl.keystore.password", "key-store-pw",
                "ssl.key.password", "key-pw"));
        assertThat(config.consumer()).containsEntry("ssl.keystore.location", "/etc/kafka/user.p12")
                .containsEntry("ssl.keystore.password", "key-store-pw").containsEntry("ssl.key.password", "key-pw");
        assertThat(config.producer()).containsEntry("ssl.keystore.location", "/etc/kafka/user.p12");
    }

    @Test
    void quarkusOwnAndClientSpecificSettingsAreLeftOut() {
        KafkaClientConfig config = KafkaClientConfig.of(Map.of(
                "bootstrap.servers", "kafka:9092",
                "health.enabled", "true",
                "streams.state.dir", "/tmp/state",
                "group.id", "someone-elses",
                "acks", "0"));
        assertThat(config.producer()).containsOnlyKeys("bootstrap.servers");
        assertThat(config.consumer()).containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void eachCallGivesAMapOfItsOwn() {
        KafkaClientConfig config = KafkaClientConfig.forBrokers("kafka:9092");
        config.producer().put("client.id", "one");
        assertThat(config.producer()).doesNotContainKey("client.id");
    }

    @Test
    void secretsAreMaskedWhenPrinted() {
        KafkaClientConfig config = KafkaClientConfig.of(Map.of(
                "bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.password", "trust-pw"));
        assertThat(config.toString()).contains("kafka:9093", "SASL_SSL", "SCRAM-SHA-512")
                .doesNotContain("s3cret-jaas", "trust-pw", "merge-service");
    }

    @Test
    void incompleteSecurityFailsNamingTheVariable() {
        assertThatThrownBy(() -> KafkaClientConfig.of(Map.of("security.protocol", "PLAINTEXT")))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> KafkaClientConfig.of(Map.of("bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512")))
                .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG");
        assertThatThrownBy(() -> KafkaClientConfig.of(Map.of("bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS)))
                .hasMessageContaining("KAFKA_SASL_MECHANISM").hasMessageNotContaining("s3cret-jaas");
        assertThatThrownBy(() -> KafkaClientConfig.of(Map.of("bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL-SSL")))
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL").hasMessageContaining("SASL_SSL");
        assertThatThrownBy(() -> KafkaClientConfig.of(Map.of("bootstrap.servers", "kafka:9093",
                "security.protocol", "SSL", "ssl.keystore.location", "/etc/kafka/user.p12")))
                .hasMessageContaining("KAFKA_SSL_KEYSTORE_PASSWORD");
    }

    @Test
    void emptyValuesCountAsUnset() {
        // An env var defined but empty, as a ConfigMap leaves an optional setting.
        KafkaClientConfig config = KafkaClientConfig.of(Map.of("bootstrap.servers", "kafka:9092",
                "security.protocol", "", "sasl.jaas.config", ""));
        assertThat(config.producer()).containsOnlyKeys("bootstrap.servers");
    }
}
