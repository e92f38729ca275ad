package dev.ledgerline.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings come from arguments, else system properties, else environment variables, else defaults. */
class SimulatorSettingsTest {

    @Test
    void anArgumentWinsOverAPropertyWhichWinsOverTheEnvironment() {
        Map<String, String> properties = Map.of("port", "9001", "seed", "5");
        Map<String, String> environment = Map.of("port", "9002", "seed", "6", "contacts", "300");
        SimulatorSettings settings = SimulatorSettings.from(new String[] {"--port=9000"}, properties::get,
                environment::get);
        assertThat(settings.port()).isEqualTo(9000);
        assertThat(settings.seed()).isEqualTo(5);
        assertThat(settings.size().contacts()).isEqualTo(300);
        assertThat(settings.size().deals()).isEqualTo(5000);
    }

    @Test
    void theDefaultsAreThoseOfTheLocalRun() {
        SimulatorSettings settings = SimulatorSettings.from(new String[0], name -> null, name -> null);
        assertThat(settings.port()).isEqualTo(8090);
        assertThat(settings.activityInterval()).isNull();
        assertThat(settings.webhookTarget()).isNull();
        assertThat(settings.hubspot().privateAppToken()).isEqualTo(SimulatorSettings.DEFAULT_PRIVATE_APP_TOKEN);
        assertThat(settings.hubspot().clientId()).isEqualTo(SimulatorSettings.DEFAULT_CLIENT_ID);
        assertThat(settings.hubspot().perTenSeconds()).isEqualTo(110);
        assertThat(settings.hubspot().perSecond()).isEqualTo(11);
        assertThat(settings.mondayShare()).as("the monday.com account is empty unless asked for").isZero();
        assertThat(settings.monday().apiToken()).isEqualTo(SimulatorSettings.DEFAULT_MONDAY_API_TOKEN);
        assertThat(settings.monday().complexityPerMinute()).isEqualTo(5_000_000);
        assertThat(settings.referenceTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void aRateBecomesTheIntervalBetweenEvents() {
        SimulatorSettings settings = SimulatorSettings.from(new String[] {"--activity-per-minute=6",
                "--reference-time=2026-01-31T12:00:00Z"}, name -> null, name -> null);
        assertThat(settings.activityInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.referenceTime()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
    }

    @Test
    void aBadValueIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SimulatorSettings.from(new String[] {"--deals=many"}, name -> null, name -> null))
                .hasMessageContaining("--deals");
        assertThatThrownBy(() -> SimulatorSettings.from(new String[] {"--reference-time=yesterday"}, name -> null,
                name -> null)).hasMessageContaining("--reference-time");
        assertThatThrownBy(() -> SimulatorSettings.from(new String[] {"--private-app-token=", "--oauth-client-id=",
                "--oauth-client-secret="}, name -> null, name -> null)).hasMessageContaining("private-app token");
    }
}
