package dev.ledgerline.kafkaclient;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/** Makes {@link KafkaClientConfig} injectable, from the {@code kafka.*} configuration Quarkus collects. */
@ApplicationScoped
class KafkaClientConfigProducer {
    @Produces
    @Singleton
    KafkaClientConfig kafkaClientConfig(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        return KafkaClientConfig.of(kafka);
    }
}
