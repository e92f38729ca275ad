package dev.ledgerline.connector.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.ledgerline.devstack.ApiSecurityContract;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Connections, mappings, settings and syncs are an admin's, reads included (they show CRM accounts and sync state);
 * the webhook and the OAuth callback answer without a bearer token, by their own authentication. See
 * {@link ApiSecurityContract}.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class,
        initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class ConnectorApiSecurityTest extends ApiSecurityContract {

    ConnectorApiSecurityTest() {
        super("admin", "admin");
    }

    @Test
    void theWebhookAndTheOAuthCallbackNeedNoBearerToken() {
        // Refused for their own reasons (unknown connection, missing state), never with a bearer challenge.
        given().noFilters().contentType("application/json").body("[]")
                .post("/webhooks/hubspot/{id}", UUID.randomUUID())
                .then().statusCode(greaterThanOrEqualTo(400)).header("WWW-Authenticate", not(startsWith("Bearer")));
        given().noFilters().get("/oauth/callback")
                .then().statusCode(greaterThanOrEqualTo(400)).header("WWW-Authenticate", not(startsWith("Bearer")));
    }
}
