package dev.ledgerline.connector.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import dev.ledgerline.connector.connection.ConnectionDtos;
import dev.ledgerline.connector.connection.ConnectionService;
import dev.ledgerline.connector.connection.CustomerScope;
import dev.ledgerline.connector.tenant.TenantSettingsDto;
import dev.ledgerline.connector.tenant.TenantSettingsService;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.ConnectionSettings;
import dev.ledgerline.wire.TenantSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Settings changes and their events commit or roll back together: they go through the outbox. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class SettingsEventsTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    TenantSettingsService tenantSettings;
    @Inject
    ConnectionService connections;

    @Test
    void aTenantSettingsChangeThatRollsBackPublishesNothingAndOneThatCommitsIsPublished() {
        String tenant = "outbox-" + UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            tenantSettings.put(tenant, new TenantSettingsDto(null, "CHF", null, null, null));
            throw new IllegalStateException("a later step of the same transaction fails");
        })).hasMessageContaining("later step");
        given().get("/api/tenants/{tenant}/settings", tenant).then().statusCode(404);

        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);

        // The relay publishes in commit order: the rolled-back change, had it been relayed, would come first.
        List<ConsumerRecord<String, TenantSettings>> published = TopicProbe.readUntil(
                        DevstackResource.bootstrapServers(), Topics.TENANTS, AvroSerde.of(TenantSettings.class).deserializer(),
                        r -> r.key().equals(tenant), PATIENCE)
                .stream().filter(r -> r.key().equals(tenant)).toList();
        assertThat(published).extracting(r -> r.value().getHomeCurrency()).containsExactly("EUR");
        assertThat(published.get(0).headers().lastHeader("id")).isNotNull();
        UUID.fromString(new String(published.get(0).headers().lastHeader("id").value(), StandardCharsets.UTF_8));
    }

    @Test
    void aConnectionSettingsChangeThatRollsBackLeavesTheConnectionAndTheTopicAsTheyWere() {
        String tenant = "outbox-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "HubSpot", "apiToken", "pat-eu1-outbox-test"))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id");
        UUID connection = UUID.fromString(id);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            connections.updateSettings(tenant, connection,
                    new ConnectionDtos.Settings(false, CustomerScope.ALL_CONTACTS, null, null, null));
            throw new IllegalStateException("a later step of the same transaction fails");
        })).hasMessageContaining("later step");
        given().get("/api/tenants/{tenant}/connections/{id}", tenant, id).then().statusCode(200)
                .body("settings.autoMerge", org.hamcrest.Matchers.equalTo(true));
        connections.updateSettings(tenant, connection, new ConnectionDtos.Settings(null, null, false, null, null));

        List<ConnectionSettings> published = TopicProbe.readUntil(DevstackResource.bootstrapServers(),
                        Topics.CONNECTIONS, AvroSerde.of(ConnectionSettings.class).deserializer(),
                        r -> r.key().equals(tenant + "|" + id) && !r.value().getSyncProducts(), PATIENCE)
                .stream().filter(r -> r.key().equals(tenant + "|" + id)).map(ConsumerRecord::value).toList();
        // The creation, then the committed change; never the rolled-back one.
        assertThat(published).extracting(ConnectionSettings::getAutoMerge).containsExactly(true, true);
        assertThat(published).extracting(ConnectionSettings::getSyncProducts).containsExactly(true, false);
    }

    @Test
    void theRelayIsReadyAndItsMetricsAreServed() {
        String tenant = "outbox-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
        TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.TENANTS,
                AvroSerde.of(TenantSettings.class).deserializer(), r -> r.key().equals(tenant), PATIENCE);

        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("\"Outbox relay\"")).body(containsString("\"RELAYING\""));
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*ledgerline_outbox_events_relayed_total\\{[^}]*topic=\"tenants.v1\"[^}]*} [1-9].*"))
                .body(containsString("ledgerline_outbox_relay_lag_seconds"))
                .body(containsString("ledgerline_outbox_errors_total{"));
    }
}
