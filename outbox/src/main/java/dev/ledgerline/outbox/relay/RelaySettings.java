package dev.ledgerline.outbox.relay;

import dev.ledgerline.kafkaclient.KafkaClientConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a relay needs: the service's own database (the outbox tables, the slot and the publication live there), the
 * service's Kafka client settings (brokers and security, for the relay's producer), and its timings.
 *
 * @param name              the engine's name, also the offset key; the service's name
 * @param jdbcUrl           the service's datasource, {@code jdbc:postgresql://host[:port]/database[?sslmode=…]}
 * @param slot              the replication slot, one per service
 * @param publication       the publication of the outbox tables, one per service
 * @param pollInterval      how long the engine waits for WAL changes before it hands over an empty batch
 * @param heartbeatInterval how often the relay writes a heartbeat row, so that the slot advances on an idle outbox
 * @param electionInterval  how often a standby instance tries to take over, and the leader checks its lock
 * @param maxRestartBackoff the longest pause between restarts of a failed engine
 */
public record RelaySettings(String name, String jdbcUrl, String username, String password, KafkaClientConfig kafka,
        String slot, String publication, Duration pollInterval, Duration heartbeatInterval, Duration electionInterval,
        Duration maxRestartBackoff) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ELECTION_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_RESTART_BACKOFF = Duration.ofSeconds(30);

    /** PostgreSQL identifiers of slots: lower-case letters, digits and underscores, at most 63 characters. */
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

    public RelaySettings {
        requireIdentifier("slot", slot);
        requireIdentifier("publication", publication);
        PostgresUrl.parse(jdbcUrl);
    }

    /** Settings with the default timings and the slot and publication named after the service. */
    public static RelaySettings forService(String serviceName, String jdbcUrl, String username, String password,
            KafkaClientConfig kafka) {
        String defaultName = defaultSlotName(serviceName);
        return new RelaySettings(serviceName, jdbcUrl, username, password, kafka, defaultName, defaultName,
                DEFAULT_POLL_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_ELECTION_INTERVAL,
                DEFAULT_MAX_RESTART_BACKOFF);
    }

    /** {@code connector-service} → {@code connector_service_outbox}. */
    public static String defaultSlotName(String serviceName) {
        String base = serviceName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = base + "_outbox";
        return name.length() <= 63 ? name : name.substring(name.length() - 63);
    }

    public RelaySettings withSlotAndPublication(String newSlot, String newPublication) {
        return new RelaySettings(name, jdbcUrl, username, password, kafka, newSlot, newPublication,
                pollInterval, heartbeatInterval, electionInterval, maxRestartBackoff);
    }

    public RelaySettings withTimings(Duration newPollInterval, Duration newHeartbeatInterval,
            Duration newElectionInterval, Duration newMaxRestartBackoff) {
        return new RelaySettings(name, jdbcUrl, username, password, kafka, slot, publication,
                newPollInterval, newHeartbeatInterval, newElectionInterval, newMaxRestartBackoff);
    }

    /** Never prints the password (nor Kafka's secrets, which {@link KafkaClientConfig} masks). */
    @Override
    public String toString() {
        return "RelaySettings[name=" + name + ", jdbcUrl=" + jdbcUrl + ", username=" + username + ", kafka="
                + kafka + ", slot=" + slot + ", publication=" + publication + "]";
    }

    private static void requireIdentifier(String what, String value) {
        if (value == null || !SLOT_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("The outbox " + what + " name '" + value
                    + "' must be 1 to 63 lower-case letters, digits or underscores");
        }
    }
}
