package dev.ledgerline.consume;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while every consumer thread runs (a consumer that failed is being recreated). */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {
    public static final String NAME = "Record consumer";

    private final RecordConsumer consumer;

    ConsumerReadiness(RecordConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(consumer.running())
                .withData("enabled", consumer.enabled())
                .withData("assignedPartitions", consumer.assignedPartitions())
                .build();
    }
}
