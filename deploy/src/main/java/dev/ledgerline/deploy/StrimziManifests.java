package dev.ledgerline.deploy;

import dev.ledgerline.devstack.TopicSpec;
import dev.ledgerline.devstack.TopicTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strimzi's custom resources for the suite: a {@code KafkaTopic} per topic of devstack's {@link TopicTable} and a
 * {@code KafkaUser} per service whose ACLs allow exactly what {@link ServiceTable} says it does.
 */
public final class StrimziManifests {
    /** The {@code Kafka} resource the topics and users belong to (label {@code strimzi.io/cluster}). */
    public static final String CLUSTER = "ledgerline";
    /** Three brokers, two in sync for every write (acks=all): one broker may be down without losing a write. */
    static final int REPLICAS = 3;
    static final String MIN_IN_SYNC_REPLICAS = "2";
    private static final String API_VERSION = "kafka.strimzi.io/v1beta2";

    private StrimziManifests() {
    }

    public static List<Map<String, Object>> topics(TopicTable table) {
        List<Map<String, Object>> topics = new ArrayList<>();
        for (TopicSpec topic : table.topics()) {
            Map<String, Object> config = new TreeMap<>(topic.configs());
            config.put("min.insync.replicas", MIN_IN_SYNC_REPLICAS);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("topicName", topic.name());
            spec.put("partitions", topic.partitions());
            spec.put("replicas", REPLICAS);
            spec.put("config", config);
            topics.add(resource("KafkaTopic", topic.name(), spec));
        }
        return topics;
    }

    /** A user per service, and the lag reader, which may only describe the consumed topics and the groups. */
    public static List<Map<String, Object>> users(List<ServiceSpec> services, String lagReader) {
        List<Map<String, Object>> users = new ArrayList<>(services.stream().map(StrimziManifests::user).toList());
        List<Map<String, Object>> acls = new ArrayList<>();
        services.stream().flatMap(service -> service.reads().stream()).distinct().sorted()
                .forEach(topic -> acls.add(acl("topic", topic, "literal", "Describe")));
        services.stream().flatMap(service -> service.consumerGroup().stream()).distinct().sorted()
                .forEach(group -> acls.add(acl("group", group, "literal", "Describe")));
        users.add(resource("KafkaUser", lagReader, userSpec(acls)));
        return users;
    }

    private static Map<String, Object> user(ServiceSpec service) {
        List<Map<String, Object>> acls = new ArrayList<>();
        for (String topic : service.reads()) {
            acls.add(acl("topic", topic, "literal", "Describe", "Read"));
        }
        for (String topic : service.writes()) {
            acls.add(acl("topic", topic, "literal", "Describe", "Write"));
        }
        service.consumerGroup().ifPresent(group -> acls.add(acl("group", group, "literal", "Describe", "Read")));
        // A Streams application creates, reads, writes and deletes its own changelog topics.
        service.internalTopicPrefix().ifPresent(prefix -> acls.add(
                acl("topic", prefix + "-", "prefix", "Create", "Delete", "Describe", "DescribeConfigs", "Read",
                        "Write")));
        return resource("KafkaUser", service.service(), userSpec(acls));
    }

    private static Map<String, Object> userSpec(List<Map<String, Object>> acls) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("authentication", Map.of("type", "scram-sha-512"));
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("type", "simple");
        authorization.put("acls", acls);
        spec.put("authorization", authorization);
        return spec;
    }

    private static Map<String, Object> acl(String type, String name, String patternType, String... operations) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        resource.put("name", name);
        resource.put("patternType", patternType);
        Map<String, Object> acl = new LinkedHashMap<>();
        acl.put("resource", resource);
        acl.put("operations", List.of(operations));
        return acl;
    }

    private static Map<String, Object> resource(String kind, String name, Map<String, Object> spec) {
        return ServiceManifests.object(API_VERSION, kind, name,
                new TreeMap<>(Map.of("strimzi.io/cluster", CLUSTER, "app.kubernetes.io/part-of", "ledgerline")), spec);
    }
}
