package dev.ledgerline.deploy;

import dev.ledgerline.devstack.TopicTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A KEDA {@code ScaledObject} per consuming service, scaling its Deployment on its consumer group's lag. More
 * members than partitions would sit idle (and a Streams application has one task per partition of its
 * co-partitioned inputs), so the maximum is the consumed topics' partition count.
 */
public final class KedaManifests {
    /** Records behind per partition that one instance is expected to work off promptly. */
    static final int LAG_THRESHOLD = 1000;
    /** The Secret-backed TriggerAuthentication by which KEDA reads the groups' offsets (SCRAM, see README). */
    static final String TRIGGER_AUTHENTICATION = "ledgerline-keda-kafka";
    /** The Kafka user KEDA reads the consumer groups' offsets and the topics' end offsets as. */
    public static final String LAG_READER = "ledgerline-keda";

    private KedaManifests() {
    }

    public static List<Map<String, Object>> scaledObjects(List<ServiceSpec> services, TopicTable table) {
        return services.stream().filter(service -> service.consumerGroup().isPresent())
                .map(service -> scaledObject(service, maxReplicas(service, table))).toList();
    }

    static int maxReplicas(ServiceSpec service, TopicTable table) {
        return service.reads().stream().mapToInt(topic -> table.topic(topic).partitions()).max().orElseThrow();
    }

    private static Map<String, Object> scaledObject(ServiceSpec service, int maxReplicas) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "kafka");
        Map<String, Object> triggerMetadata = new LinkedHashMap<>();
        // Read from the Deployment's own environment (its ConfigMap), so the address is configured once.
        triggerMetadata.put("bootstrapServersFromEnv", "KAFKA_BOOTSTRAP_SERVERS");
        triggerMetadata.put("consumerGroup", service.consumerGroup().orElseThrow());
        triggerMetadata.put("lagThreshold", Integer.toString(LAG_THRESHOLD));
        triggerMetadata.put("offsetResetPolicy", "earliest");
        trigger.put("metadata", triggerMetadata);
        trigger.put("authenticationRef", Map.of("name", TRIGGER_AUTHENTICATION));

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scaleTargetRef", Map.of("name", service.service()));
        spec.put("minReplicaCount", 1);
        spec.put("maxReplicaCount", maxReplicas);
        spec.put("triggers", List.of(trigger));
        return ServiceManifests.object("keda.sh/v1alpha1", "ScaledObject", service.service(),
                Map.of("app.kubernetes.io/part-of", ServiceManifests.PART_OF), spec);
    }
}
