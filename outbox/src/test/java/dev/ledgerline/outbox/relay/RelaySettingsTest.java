package dev.ledgerline.outbox.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.kafkaclient.KafkaClientConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelaySettingsTest {
    private static final KafkaClientConfig KAFKA = KafkaClientConfig.of(Map.of("bootstrap.servers", "kafka:9093",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\""
                    + " password=\"kafka-s3cret\";"));
    private static final String URL = "jdbc:postgresql://db.internal:6432/connector?sslmode=verify-full&ApplicationName=x";

    @Test
    void theSlotAndPublicationAreNamedAfterTheService() {
        RelaySettings settings = RelaySettings.forService("connector-service", URL, "svc", "s3cret", KAFKA);
        assertThat(settings.slot()).isEqualTo("connector_service_outbox");
        assertThat(settings.publication()).isEqualTo("connector_service_outbox");
        assertThat(RelaySettings.defaultSlotName("Ledger-Sync.Service")).isEqualTo("ledger_sync_service_outbox");
    }

    @Test
    void aSlotNameThatIsNoPlainIdentifierIsRefused() {
        RelaySettings settings = RelaySettings.forService("merge-service", URL, "svc", "s3cret", KAFKA);
        assertThatThrownBy(() -> settings.withSlotAndPublication("merge; DROP TABLE x", "p"))
                .hasMessageContaining("slot");
        assertThatThrownBy(() -> settings.withSlotAndPublication("ok", "Upper")).hasMessageContaining("publication");
    }

    @Test
    void theDatasourceUrlGivesDebeziumItsHostPortDatabaseAndSslMode() {
        assertThat(PostgresUrl.parse(URL)).isEqualTo(
                new PostgresUrl("db.internal", 6432, "connector", Optional.of("verify-full")));
        assertThat(PostgresUrl.parse("jdbc:postgresql://localhost/merge"))
                .isEqualTo(new PostgresUrl("localhost", 5432, "merge", Optional.empty()));
    }

    @Test
    void aUrlNamingSeveralHostsOrAnotherDatabaseIsRefused() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://a:5432,b:5432/connector"))
                .hasMessageContaining("jdbc:postgresql://host[:port]/database");
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:mysql://a/connector"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(RelaySettings.forService("connector-service", URL, "svc", "s3cret", KAFKA).toString())
                .doesNotContain("s3cret", "kafka-s3cret").contains("connector_service_outbox");
    }
}
