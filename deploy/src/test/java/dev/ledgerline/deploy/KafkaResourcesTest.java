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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed Strimzi and KEDA resources against devstack's topic table and deploy's service table. */
class KafkaResourcesTest {
    private static final TopicTable TABLE = TopicTable.withPartitions(TopicTable.DEFAULT_PARTITIONS);

    @Test
    void theKafkaTopicsAreTheTopicTable() {
        List<Map<String, Object>> topics = committed("strimzi/kafka-topics.yaml");
        assertThat(topics).extracting(topic -> map(topic.get("spec")).get("topicName"))
                .containsExactlyElementsOf(TABLE.names());
        for (Map<String, Object> topic : topics) {
            Map<String, Object> spec = map(topic.get("spec"));
            TopicSpec expected = TABLE.topic((String) spec.get("topicName"));
            assertThat(topic.get("kind")).isEqualTo("KafkaTopic");
            assertThat(spec.get("partitions")).isEqualTo(expected.partitions());
            assertThat(map(spec.get("config"))).containsAllEntriesOf(expected.configs());
        }
    }

    @Test
    void eachServiceUserMayUseExactlyItsTopicsAndGroup() {
        Map<String, Map<String, Object>> users = committed("strimzi/kafka-users.yaml").stream()
                .collect(Collectors.toMap(user -> (String) map(user.get("metadata")).get("name"), user -> user));
        for (ServiceSpec service : ServiceTable.ALL) {
            Set<String> allowed = acls(users.get(service.service()));
            Set<String> expected = new HashSet<>();
            service.reads().forEach(topic -> expected.add("topic:" + topic + ":Read"));
            service.writes().forEach(topic -> expected.add("topic:" + topic + ":Write"));
            service.consumerGroup().ifPresent(group -> expected.add("group:" + group + ":Read"));
            assertThat(allowed.stream().filter(acl -> acl.endsWith(":Read") || acl.endsWith(":Write"))
                    .filter(acl -> !acl.startsWith("topic:" + service.internalTopicPrefix().orElse("\0")))
                    .collect(Collectors.toSet()))
                    .as(service.service()).isEqualTo(expected);
            assertThat(service.reads()).allSatisfy(topic -> assertThat(TABLE.names()).contains(topic));
            assertThat(service.writes()).allSatisfy(topic -> assertThat(TABLE.names()).contains(topic));
        }
        // Every topic has a writer, and every topic but the outputs for downstream services and the DLQs a reader.
        Set<String> written = ServiceTable.ALL.stream().flatMap(s -> s.writes().stream()).collect(Collectors.toSet());
        assertThat(written).containsAll(TABLE.names().stream().filter(name -> !name.endsWith(".dlq")).toList());
        assertThat(acls(users.get(KedaManifests.LAG_READER)))
                .allSatisfy(acl -> assertThat(acl).endsWith(":Describe"));
    }

    @Test
    void theConsumersScaleOnLagUpToTheirPartitions() {
        List<Map<String, Object>> scaledObjects = committed("autoscaling/scaled-objects.yaml");
        List<ServiceSpec> consumers = ServiceTable.ALL.stream().filter(s -> s.consumerGroup().isPresent()).toList();
        assertThat(scaledObjects).hasSize(consumers.size());
        for (ServiceSpec consumer : consumers) {
            Map<String, Object> spec = scaledObjects.stream()
                    .filter(object -> map(object.get("metadata")).get("name").equals(consumer.service()))
                    .map(object -> map(object.get("spec"))).findFirst().orElseThrow();
            int partitions = consumer.reads().stream().mapToInt(topic -> TABLE.topic(topic).partitions()).max()
                    .orElseThrow();
            assertThat(spec.get("maxReplicaCount")).as(consumer.service()).isEqualTo(partitions);
            Map<String, Object> trigger = map(list(spec.get("triggers")).get(0));
            assertThat(map(trigger.get("metadata")).get("consumerGroup")).isEqualTo(consumer.consumerGroup().get());
        }
    }

    private static Set<String> acls(Map<String, Object> user) {
        Set<String> acls = new HashSet<>();
        for (Object entry : list(map(map(user.get("spec")).get("authorization")).get("acls"))) {
            Map<String, Object> resource = map(map(entry).get("resource"));
            for (Object operation : list(map(entry).get("operations"))) {
                acls.add(resource.get("type") + ":" + resource.get("name") + ":" + operation);
            }
        }
        return acls;
    }

    private static List<Map<String, Object>> committed(String path) {
        return Yaml.documents(Kustomize.read(Repository.k8s().resolve(path)));
    }
}
