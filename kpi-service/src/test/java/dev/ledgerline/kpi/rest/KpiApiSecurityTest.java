package dev.ledgerline.kpi.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.ApiSecurityContract;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every KPI query needs a viewer token of the tenant it asks about; see {@link ApiSecurityContract}. */
@QuarkusTest
@QuarkusTestResource(DevstackResource.class)
class KpiApiSecurityTest extends ApiSecurityContract {

    /** Reads are a viewer's; a write, should one come, an admin's. */
    KpiApiSecurityTest() {
        super("viewer", "admin");
    }

    @Test
    void anotherTenantsKpisLookExactlyLikeThoseOfATenantThatDoesNotExist() {
        String unknown = given().noFilters().auth().oauth2(DevTokens.issue("nobody-here", "viewer"))
                .get("/api/tenants/nobody-here/kpis").then().statusCode(404).extract().asString();
        String foreign = given().noFilters().auth().oauth2(DevTokens.issue("acme", "viewer"))
                .get("/api/tenants/nobody-here/kpis").then().statusCode(404).extract().asString();

        assertThat(foreign).isEqualTo(unknown);
    }

    @Test
    void theDashboardPageItselfIsServedWithoutToken() {
        given().noFilters().get("/").then().statusCode(200);
    }
}
