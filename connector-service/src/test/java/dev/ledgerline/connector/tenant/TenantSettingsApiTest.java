package dev.ledgerline.connector.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.TenantSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class TenantSettingsApiTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }


    @Test
    void settingsAreStoredWithDefaultsAndPublishedOnTheTenantsTopic() {
        String tenant = "tenant-" + UUID.randomUUID();
        given().get("/api/tenants/{tenant}/settings", tenant).then().statusCode(404)
                .contentType("application/problem+json");

        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "eur", "displayName", "Müller & Søn AG"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200)
                .body("homeCurrency", equalTo("EUR"))
                .body("timeZone", equalTo("UTC"))
                .body("fiscalYearStartMonth", equalTo(1));
        given().contentType(ContentType.JSON)
                .body(Map.of("homeCurrency", "JPY", "timeZone", "Asia/Tokyo", "fiscalYearStartMonth", 4))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);

        given().get("/api/tenants/{tenant}/settings", tenant).then().statusCode(200)
                .body("homeCurrency", equalTo("JPY")).body("timeZone", equalTo("Asia/Tokyo"))
                .body("fiscalYearStartMonth", equalTo(4));
        TenantSettings published = TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.TENANTS,
                        AvroSerde.of(TenantSettings.class).deserializer(),
                        r -> r.key().equals(tenant) && r.value().getHomeCurrency().equals("JPY"), Duration.ofSeconds(20))
                .stream().filter(r -> r.key().equals(tenant)).reduce((a, b) -> b).orElseThrow().value();
        assertThat(published.getTimeZone()).isEqualTo("Asia/Tokyo");
        assertThat(published.getFiscalYearStartMonth()).isEqualTo(4);
    }

    @Test
    void invalidSettingsGetAProblemNamingTheField() {
        String tenant = "tenant-" + UUID.randomUUID();
        assertInvalid(tenant, Map.of("homeCurrency", "EUR", "timeZone", "Mars/Olympus"), "timeZone");
        assertInvalid(tenant, Map.of("homeCurrency", "XYZ"), "homeCurrency");
        assertInvalid(tenant, Map.of("timeZone", "UTC"), "homeCurrency");
        assertInvalid(tenant, Map.of("homeCurrency", "EUR", "fiscalYearStartMonth", 13), "fiscalYearStartMonth");
        assertInvalid(tenant, Map.of("homeCurrency", "EUR", "fiscalYearStartMonth", "April"), "fiscalYearStartMonth");
        given().get("/api/tenants/{tenant}/settings", tenant).then().statusCode(404);
    }

    private static void assertInvalid(String tenant, Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).put("/api/tenants/{tenant}/settings", tenant)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}
