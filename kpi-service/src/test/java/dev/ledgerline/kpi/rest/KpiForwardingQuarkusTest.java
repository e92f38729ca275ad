package dev.ledgerline.kpi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resource's routing end to end, with the metadata saying another instance (a WireMock server) owns every
 * tenant: a request is forwarded there with the same path and query and the loop-guard header, and its answer
 * relayed; a request that was already forwarded is not forwarded again but answered 503 with Retry-After.
 */
@QuarkusTest
@QuarkusTestResource(DevstackResource.class)
@TestProfile(KpiForwardingQuarkusTest.OtherInstanceOwnsEverything.class)
class KpiForwardingQuarkusTest {
    @BeforeAll
    static void sendViewerTokens() {
        DevTokens.sendWithEveryRequest("viewer");
    }

    private static WireMockServer other;

    public static class OtherInstanceOwnsEverything implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ElsewhereOwnership.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.kafka-streams.application-server", "kpi-self:8084");
        }
    }

    @BeforeAll
    static void startOtherInstance() {
        other = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        other.start();
        ElsewhereOwnership.owner = new HostInfo("127.0.0.1", other.port());
    }

    @AfterAll
    static void stopOtherInstance() {
        other.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/tenants/acme/kpis/WIN_RATE/series?window=MONTH&from=2025-01-01&to=2025-03-15",
        "/api/tenants/acme/owners"})
    void aRequestForATenantOfAnotherInstanceIsAnsweredByIt(String path) {
        other.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"from\":\"elsewhere\"}")));

        String token = DevTokens.issue("acme", "viewer");
        given().auth().oauth2(token).get(path)
                .then().statusCode(200)
                .body("from", org.hamcrest.Matchers.equalTo("elsewhere"));
        // The owning instance checks the caller itself: the token goes along.
        other.verify(getRequestedFor(urlEqualTo(path))
                .withHeader(RequestForwarder.FORWARDED_HEADER, equalTo("kpi-self:8084"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void anAlreadyForwardedRequestIsNotForwardedAgain() {
        given().header(RequestForwarder.FORWARDED_HEADER, "kpi-other:8084")
                .get("/api/tenants/acme-loop/kpis")
                .then().statusCode(503)
                .header("Retry-After", "1")
                .contentType(containsString("application/problem+json"))
                .body("title", org.hamcrest.Matchers.equalTo("Service unavailable"));
    }
}
