package dev.ledgerline.connector.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One running sync per connection, whichever instance starts it; a crashed holder's lease runs out. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class SyncLeasesTest {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }


    @Inject
    SyncLeases leases;

    @Test
    void aSecondRunCannotTakeALiveLeaseButTakesAReleasedOrExpiredOne() throws InterruptedException {
        UUID connection = connection();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        assertThat(leases.acquire(connection, first, "instance-a", Duration.ofMinutes(2))).isTrue();
        assertThat(leases.acquire(connection, second, "instance-b", Duration.ofMinutes(2))).isFalse();
        assertThat(leases.renew(connection, first, Duration.ofMinutes(2))).isTrue();
        assertThat(leases.renew(connection, second, Duration.ofMinutes(2))).isFalse();

        leases.release(connection, first);
        assertThat(leases.acquire(connection, second, "instance-b", Duration.ofSeconds(1))).isTrue();

        Thread.sleep(1_500);
        UUID third = UUID.randomUUID();
        assertThat(leases.acquire(connection, third, "instance-a", Duration.ofMinutes(2))).isTrue();
        // The expired holder learns it lost the lease when it tries to renew.
        assertThat(leases.renew(connection, second, Duration.ofMinutes(2))).isFalse();
    }

    private static UUID connection() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        return UUID.fromString(given().contentType(ContentType.JSON)
                .body(Map.of("crm", "hubspot", "displayName", "Lease test", "apiToken", "pat-eu1-lease-0001"))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201)
                .extract().path("connection.id"));
    }
}
