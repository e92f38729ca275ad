package dev.ledgerline.connector.publish;

import dev.ledgerline.schemas.Keys;
import dev.ledgerline.wire.ConnectionSettings;
import dev.ledgerline.wire.TenantSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes tenant and connection settings once the transaction that changed them has committed, retrying with
 * backoff while Kafka is unreachable. Until the outbox relay exists, a crash between commit and acknowledgement
 * can lose one publication; the next change of the same settings re-publishes the whole record.
 */
@ApplicationScoped
public class SettingsPublisher {
    private static final Logger LOG = Logger.getLogger(SettingsPublisher.class);
    private static final int ATTEMPTS = 6;

    /** Fired inside the transaction that changed a tenant's settings. */
    public record TenantSettingsChanged(TenantSettings settings) {
    }

    /** Fired inside the transaction that changed a connection. */
    public record ConnectionChanged(ConnectionSettings settings) {
    }

    private final MutinyEmitter<TenantSettings> tenants;
    private final MutinyEmitter<ConnectionSettings> connections;
    private final MeterRegistry metrics;

    SettingsPublisher(@Channel("tenants-out") MutinyEmitter<TenantSettings> tenants,
            @Channel("connections-out") MutinyEmitter<ConnectionSettings> connections, MeterRegistry metrics) {
        this.tenants = tenants;
        this.connections = connections;
        this.metrics = metrics;
    }

    void onTenantSettings(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantSettingsChanged change) {
        publish(tenants, Keys.of(change.settings().getTenantId()), change.settings(), "tenants.v1");
    }

    void onConnection(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConnectionChanged change) {
        ConnectionSettings settings = change.settings();
        publish(connections, Keys.of(settings.getTenantId(), settings.getConnectionId()), settings, "crm.connections.v1");
    }

    private <T> void publish(MutinyEmitter<T> emitter, String key, T value, String topic) {
        Message<T> message = Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(ATTEMPTS)
                .subscribe().with(
                        ok -> metrics.counter("ledgerline_settings_published_total", "topic", topic).increment(),
                        failure -> {
                            metrics.counter("ledgerline_settings_publish_failures_total", "topic", topic).increment();
                            LOG.errorf("Could not publish %s to %s after %d attempts: %s", key, topic, ATTEMPTS, failure);
                        });
    }
}
