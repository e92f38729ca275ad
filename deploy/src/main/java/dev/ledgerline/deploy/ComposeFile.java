package dev.ledgerline.deploy;

import static dev.ledgerline.deploy.ServiceManifests.ordered;

import dev.ledgerline.devstack.ContainerImages;
import dev.ledgerline.devstack.TopicSpec;
import dev.ledgerline.devstack.TopicTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The root {@code docker-compose.yml}: Kafka in KRaft mode from the official image with every topic of the topic
 * table created before the services start, PostgreSQL with {@code wal_level=logical} and the three databases, and
 * the four services from the images the manifests name, with the manifests' environment (the ConfigMap's keys,
 * pointed at the compose hosts, and the Secret's keys taken from the caller's environment, never committed).
 */
public final class ComposeFile {
    /** The official images, named in devstack, whose Testcontainers profile starts the same ones. */
    public static final String KAFKA_IMAGE = ContainerImages.KAFKA;
    public static final String POSTGRES_IMAGE = ContainerImages.POSTGRES;
    static final String KAFKA_BOOTSTRAP = "kafka:9092";

    private ComposeFile() {
    }

    public static Map<String, Object> compose(TopicTable table, List<ServiceSpec> services) {
        Map<String, Object> composeServices = new LinkedHashMap<>();
        composeServices.put("kafka", kafka());
        composeServices.put("kafka-topics", topics(table));
        composeServices.put("postgres", postgres());
        for (ServiceSpec service : services) {
            composeServices.put(service.service(), service(service));
        }
        Map<String, Object> compose = new LinkedHashMap<>();
        compose.put("services", composeServices);
        compose.put("volumes", ordered("kafka-data", Map.of(), "postgres-data", Map.of(), "kpi-streams", Map.of()));
        return compose;
    }

    /** The service's environment in compose: the manifests' keys, with compose's hosts and the caller's secrets. */
    static Map<String, Object> environment(ServiceSpec service) {
        Map<String, Object> environment = new TreeMap<>();
        service.config().forEach((key, value) -> environment.put(key, value
                .replace(ServiceTable.KAFKA_BOOTSTRAP, KAFKA_BOOTSTRAP)
                .replace("//" + ServiceTable.POSTGRES_HOST + ":", "//postgres:")));
        for (String secret : service.secretKeys()) {
            String source = secret.equals(ServiceTable.DATASOURCE_PASSWORD) ? "POSTGRES_PASSWORD" : secret;
            environment.put(secret, "${" + source + ":?set " + source + "}");
        }
        return environment;
    }

    private static Map<String, Object> kafka() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("KAFKA_NODE_ID", "1");
        environment.put("KAFKA_PROCESS_ROLES", "broker,controller");
        environment.put("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093");
        environment.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + KAFKA_BOOTSTRAP);
        environment.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        environment.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        environment.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093");
        // One broker: internal topics with one replica (RUNTIME.md pitfall 8); topics only from the table.
        environment.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        environment.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
        environment.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        environment.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1");
        environment.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        environment.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        environment.put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        environment.put("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("image", KAFKA_IMAGE);
        kafka.put("restart", "unless-stopped");
        kafka.put("ports", List.of("9092:9092"));
        kafka.put("environment", environment);
        kafka.put("volumes", List.of("kafka-data:/var/lib/kafka/data"));
        kafka.put("healthcheck", healthcheck(
                "/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 > /dev/null"));
        return kafka;
    }

    /** Creates every topic of the table once the broker is up, then exits; the services wait for it. */
    private static Map<String, Object> topics(TopicTable table) {
        List<String> commands = new ArrayList<>();
        for (TopicSpec topic : table.topics()) {
            String configs = new TreeMap<>(topic.configs()).entrySet().stream()
                    .map(config -> " --config " + config.getKey() + "=" + config.getValue())
                    .collect(Collectors.joining());
            commands.add("/opt/kafka/bin/kafka-topics.sh --bootstrap-server " + KAFKA_BOOTSTRAP
                    + " --create --if-not-exists --topic " + topic.name() + " --partitions " + topic.partitions()
                    + " --replication-factor 1" + configs);
        }
        Map<String, Object> topics = new LinkedHashMap<>();
        topics.put("image", KAFKA_IMAGE);
        topics.put("depends_on", Map.of("kafka", Map.of("condition", "service_healthy")));
        topics.put("restart", "on-failure");
        topics.put("entrypoint", List.of("/bin/sh", "-ec"));
        topics.put("command", List.of(String.join("\n", commands) + "\n"));
        return topics;
    }

    private static Map<String, Object> postgres() {
        Map<String, Object> postgres = new LinkedHashMap<>();
        postgres.put("image", POSTGRES_IMAGE);
        postgres.put("restart", "unless-stopped");
        // Debezium's pgoutput needs logical decoding; a slot and a WAL sender per service's outbox relay.
        postgres.put("command", List.of("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20",
                "-c", "max_wal_senders=20"));
        postgres.put("ports", List.of("5432:5432"));
        postgres.put("environment", Map.of("POSTGRES_PASSWORD", "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"));
        postgres.put("volumes", List.of("postgres-data:/var/lib/postgresql/data",
                "./deploy/docker/init-databases.sh:/docker-entrypoint-initdb.d/init-databases.sh:ro"));
        postgres.put("healthcheck", healthcheck("pg_isready --username postgres"));
        return postgres;
    }

    private static Map<String, Object> service(ServiceSpec service) {
        Map<String, Object> dependsOn = new LinkedHashMap<>();
        dependsOn.put("kafka-topics", Map.of("condition", "service_completed_successfully"));
        if (service.database().isPresent()) {
            dependsOn.put("postgres", Map.of("condition", "service_healthy"));
        }
        Map<String, Object> compose = new LinkedHashMap<>();
        compose.put("image", ServiceManifests.image(service));
        compose.put("build", ordered("context", ".", "dockerfile", "deploy/docker/Dockerfile.jvm",
                "args", Map.of("SERVICE", service.service())));
        compose.put("restart", "unless-stopped");
        compose.put("depends_on", dependsOn);
        compose.put("ports", List.of(service.port() + ":" + service.port()));
        compose.put("environment", environment(service));
        if (service.internalTopicPrefix().isPresent()) {
            compose.put("volumes", List.of("kpi-streams:" + ServiceManifests.KPI_STATE_DIR));
        }
        compose.put("healthcheck", healthcheck("curl -fsS http://localhost:" + service.port() + "/q/health/ready"));
        return compose;
    }

    private static Map<String, Object> healthcheck(String command) {
        return ordered("test", List.of("CMD-SHELL", command), "interval", "10s", "timeout", "5s", "retries", 12,
                "start_period", "30s");
    }
}
