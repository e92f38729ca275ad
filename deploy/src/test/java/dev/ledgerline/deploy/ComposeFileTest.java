package dev.ledgerline.deploy;

import static dev.ledgerline.deploy.Kustomize.list;
import static dev.ledgerline.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.TopicSpec;
import dev.ledgerline.devstack.TopicTable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed docker-compose.yml, read as compose reads it, against the Kubernetes base: the same images and the
 * same environment keys per service, health checks and restart policies, every topic created, logical WAL.
 */
class ComposeFileTest {
    private static final Map<String, Object> COMPOSE =
            Yaml.documents(Kustomize.read(Repository.root().resolve("docker-compose.yml"))).get(0);
    private static final List<Map<String, Object>> BASE = Kustomize.render(Repository.k8s().resolve("base"));

    @Test
    void eachServiceHasTheManifestsImageAndEnvironmentKeys() {
        for (ServiceSpec service : ServiceTable.ALL) {
            Map<String, Object> compose = service(service.service());
            Map<String, Object> container = map(list(map(map(map(object("Deployment", service.service())
                    .get("spec")).get("template")).get("spec")).get("containers")).get(0));
            assertThat(compose.get("image")).isEqualTo(container.get("image"));
            Set<String> manifestKeys = new HashSet<>(
                    map(object("ConfigMap", ServiceManifests.configMapName(service)).get("data")).keySet());
            manifestKeys.addAll(service.secretKeys());
            assertThat(map(compose.get("environment")).keySet()).as(service.service()).isEqualTo(manifestKeys);
            // Secrets come from the caller's environment; compose refuses to start without them.
            service.secretKeys().forEach(key -> assertThat((String) map(compose.get("environment")).get(key))
                    .startsWith("${").contains(":?"));
            assertThat(compose.get("ports")).isEqualTo(List.of(service.port() + ":" + service.port()));
        }
    }

    @Test
    void everyContainerIsHealthCheckedAndRestarted() {
        map(COMPOSE.get("services")).forEach((name, value) -> {
            Map<String, Object> service = map(value);
            assertThat(service.get("restart")).as(name).isIn("unless-stopped", "on-failure");
            if (!name.equals("kafka-topics")) {
                assertThat(map(service.get("healthcheck")).get("test")).as(name).isNotNull();
            }
        });
    }

    @Test
    void kafkaIsKraftFromTheOfficialImageWithEveryTopicCreated() {
        Map<String, Object> kafka = service("kafka");
        assertThat(kafka.get("image")).isEqualTo(ComposeFile.KAFKA_IMAGE);
        assertThat(map(kafka.get("environment"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        String script = (String) list(service("kafka-topics").get("command")).get(0);
        for (TopicSpec topic : TopicTable.withPartitions(TopicTable.DEFAULT_PARTITIONS).topics()) {
            assertThat(script).contains("--topic " + topic.name() + " --partitions " + topic.partitions() + " ");
            topic.configs().forEach((key, value) -> assertThat(script.lines()
                    .filter(line -> line.contains("--topic " + topic.name() + " ")))
                    .singleElement().asString().contains("--config " + key + "=" + value));
        }
    }

    @Test
    void postgresDecodesItsWalLogically() {
        Map<String, Object> postgres = service("postgres");
        assertThat(postgres.get("image")).isEqualTo(ComposeFile.POSTGRES_IMAGE);
        assertThat(list(postgres.get("command"))).contains("wal_level=logical");
        assertThat(Repository.root().resolve("deploy/docker/init-databases.sh")).exists();
    }

    private static Map<String, Object> service(String name) {
        return map(map(COMPOSE.get("services")).get(name));
    }

    private static Map<String, Object> object(String kind, String name) {
        return BASE.stream().filter(object -> kind.equals(object.get("kind"))
                && name.equals(map(object.get("metadata")).get("name"))).findFirst().orElseThrow();
    }
}
