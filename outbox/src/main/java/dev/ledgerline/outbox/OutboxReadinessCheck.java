package dev.ledgerline.outbox;

import dev.ledgerline.outbox.relay.RelayState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while this instance should relay and its engine does not run. A standby instance (another one holds the
 * slot) is UP, with detail {@code standby=true}, so that it keeps serving its REST traffic.
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements HealthCheck {
    public static final String NAME = "Outbox relay";

    private final OutboxLifecycle lifecycle;

    OutboxReadinessCheck(OutboxLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        RelayState state = lifecycle.state();
        return HealthCheckResponse.named(NAME)
                .status(state.ready())
                .withData("state", state.name())
                .withData("standby", state == RelayState.STANDBY)
                .withData("slot", lifecycle.settings().slot())
                .build();
    }
}
