package dev.ledgerline.deploy;

import static dev.ledgerline.deploy.Kustomize.list;
import static dev.ledgerline.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.kafkaclient.KafkaClientConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every service reaches Kafka in prod as its Strimzi KafkaUser, over TLS with SCRAM-SHA-512: the ConfigMap names the
 * TLS listener, the protocol and the mechanism, the CA it trusts is mounted where the ConfigMap says, the JAAS config
 * comes from the service's Secret, and the Kafka clients accept the settings (KafkaClientConfig's checks).
 */
class KafkaClientSecurityTest {
    /** What {@code kubectl create secret … KAFKA_SASL_JAAS_CONFIG="$(jaas <service>)"} puts in the Secret (README). */
    private static final String JAAS_FROM_SECRET = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"svc\" password=\"from-the-secret\";";

    @Test
    void inProdEveryServiceUsesSaslSslWithScramAsItsKafkaUser() {
        List<Map<String, Object>> prod = Kustomize.render(Repository.k8s().resolve("overlays/prod"));
        List<Map<String, Object>> strimzi = Kustomize.render(Repository.k8s().resolve("strimzi"));
        for (ServiceSpec service : ServiceTable.ALL) {
            Map<String, Object> env = map(object(prod, "ConfigMap", service.service() + "-config").get("data"));
            assertThat(env).as(service.service())
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "ledgerline-kafka-bootstrap.kafka:9093")
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                    .doesNotContainKey("KAFKA_SASL_JAAS_CONFIG");

            Map<String, Object> pod = map(map(map(object(prod, "Deployment", service.service()).get("spec"))
                    .get("template")).get("spec"));
            Map<String, Object> container = map(list(pod.get("containers")).get(0));
            assertThat(list(container.get("envFrom"))).as("the JAAS config comes from the service's Secret")
                    .contains(Map.of("secretRef", Map.of("name", service.service() + "-secrets")));
            String truststore = (String) env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            Map<String, Object> mount = list(container.get("volumeMounts")).stream().map(Kustomize::map)
                    .filter(m -> truststore.startsWith(m.get("mountPath") + "/")).findFirst().orElseThrow();
            Map<String, Object> volume = list(pod.get("volumes")).stream().map(Kustomize::map)
                    .filter(v -> v.get("name").equals(mount.get("name"))).findFirst().orElseThrow();
            assertThat(map(volume.get("secret")).get("secretName")).isEqualTo("ledgerline-kafka-cluster-ca");

            Map<String, Object> user = map(object(strimzi, "KafkaUser", service.service()).get("spec"));
            assertThat(map(user.get("authentication"))).containsEntry("type", "scram-sha-512");

            Map<String, Object> withSecret = new HashMap<>(env);
            withSecret.put("KAFKA_SASL_JAAS_CONFIG", JAAS_FROM_SECRET);
            assertThat(clientConfig(withSecret).producer()).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.jaas.config", JAAS_FROM_SECRET)
                    .containsEntry("ssl.truststore.location", truststore);
        }
    }

    @Test
    void inDevEveryServiceUsesThePlainListener() {
        List<Map<String, Object>> dev = Kustomize.render(Repository.k8s().resolve("overlays/dev"));
        for (ServiceSpec service : ServiceTable.ALL) {
            Map<String, Object> env = map(object(dev, "ConfigMap", service.service() + "-config").get("data"));
            assertThat(env).doesNotContainKey("KAFKA_SECURITY_PROTOCOL");
            assertThat(clientConfig(env).producer()).containsOnlyKeys("bootstrap.servers");
        }
    }

    /** The Kafka settings a service makes of these environment variables, as Quarkus reads {@code KAFKA_*}. */
    private static KafkaClientConfig clientConfig(Map<String, Object> env) {
        Map<String, Object> kafka = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                kafka.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return KafkaClientConfig.of(kafka);
    }

    private static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(map(o.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("No " + kind + " " + name));
    }
}
