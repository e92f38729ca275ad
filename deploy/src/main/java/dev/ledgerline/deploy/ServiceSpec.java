package dev.ledgerline.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one service needs from a cluster: its HTTP port, its use of Kafka (the topics it reads and writes, its
 * consumer group and, for a Kafka Streams application, the prefix of its internal topics), its database, whether
 * it calls APIs outside the cluster (CRMs, the ledger), and its environment. Its {@code KafkaUser}'s ACLs allow
 * exactly this, its NetworkPolicy lets out exactly this, and its KEDA {@code ScaledObject} follows its group's lag.
 *
 * @param consumerGroup empty for a service that consumes nothing (it is then not scaled on lag)
 * @param internalTopicPrefix the Streams application id, whose changelog topics the service creates and owns
 * @param config environment of the ConfigMap: names mirror the service's property names; values are the base's
 *     defaults for a namespace next to the Strimzi cluster and PostgreSQL, changed per environment by the overlays
 * @param secretKeys environment the service takes from its Secret, which is never committed (README)
 */
public record ServiceSpec(String service, int port, Optional<String> consumerGroup, List<String> reads,
        List<String> writes, Optional<String> internalTopicPrefix, Optional<String> database,
        boolean callsExternalApis, Map<String, String> config, List<String> secretKeys) {

    public ServiceSpec {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        secretKeys = List.copyOf(secretKeys);
        if (consumerGroup.isEmpty() && !reads.isEmpty()) {
            throw new IllegalArgumentException(service + " reads topics but names no consumer group");
        }
    }
}
