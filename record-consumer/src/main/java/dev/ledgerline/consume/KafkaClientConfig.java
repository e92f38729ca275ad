package dev.ledgerline.consume;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The service's {@code kafka.*} configuration (bootstrap servers, security …) narrowed to what one client takes. */
final class KafkaClientConfig {
    private KafkaClientConfig() {
    }

    static Map<String, Object> forClient(Map<String, Object> kafka, Set<String> clientConfigNames) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (clientConfigNames.contains(name) || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                config.put(name, value);
            }
        });
        return config;
    }
}
