package dev.ledgerline.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ledgerline.connector.sync.SyncRuns.runToEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Contact;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the service writes to its log during a real flow — an OAuth consent, a sync that refreshes the expired token,
 * publishes contacts with email addresses and phone numbers and then fails on a HubSpot error that quotes them —
 * read from the log file the service writes in tests through the same masking filter as its console: no address,
 * number, token or secret appears in it, only their masked forms.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class LogMaskingTest {
    private static final Path LOG = Path.of("target/connector-service-test.log");
    private static final WireMockServer HUBSPOT = new WireMockServer(wireMockConfig().dynamicPort());
    private static final String CLIENT_SECRET = "5d0c8a11-log-masking-secret-e3f9";
    private static final String FIRST_ACCESS_TOKEN = "CNLm-expired-access-token-7c1d4e";
    private static final String REFRESHED_ACCESS_TOKEN = "CJrX-refreshed-access-token-2b8f0a";
    private static final String REFRESH_TOKEN = "na1-5f3b-refresh-token-9e27c410";
    private static final String EMAIL = "grace.hopper+crm@navy.example";
    private static final String OTHER_EMAIL = "alan.turing@bletchley.example.co.uk";
    private static final String PHONE = "+1 202-555-0143";
    private static final String MOBILE = "+44 7700 900123";

    @BeforeAll
    static void startHubSpot() {
        DevTokens.sendWithEveryRequest("admin");
        HUBSPOT.start();
    }

    @AfterAll
    static void stopHubSpot() {
        HUBSPOT.stop();
    }

    @Test
    void aSyncThatRefreshesItsTokenPublishesPeopleAndFailsLogsNoneOfThemInClear() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        String connection = connectedOAuthConnection(tenant);
        HUBSPOT.stubFor(post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(okJson(tokens(REFRESHED_ACCESS_TOKEN))));
        HUBSPOT.stubFor(any(urlPathMatching("/(crm|account-info)/.*"))
                .withHeader("Authorization", equalTo("Bearer " + FIRST_ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"status":"error","message":"The OAuth token used to make this call expired 2 minute(s) ago.",\
                        "correlationId":"3c2cf3a6-5d43-4b7e-9e2b-1c0c8f1b6a01","category":"EXPIRED_AUTHENTICATION"}""")));
        refreshedTokenAnswers(get(urlPathMatching("/(crm|account-info)/.*")), okJson("{\"results\":[]}"), 10);
        refreshedTokenAnswers(post(urlPathMatching("/crm/.*")), okJson("{\"total\":0,\"results\":[]}"), 10);
        refreshedTokenAnswers(get(urlPathEqualTo("/crm/v3/objects/contacts")), okJson(contacts()), 1);
        // HubSpot's validation errors quote the values they refuse.
        refreshedTokenAnswers(get(urlPathEqualTo("/crm/v3/objects/companies")), aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"error","message":"Property values were not valid: [{\\"isValid\\":false,\
                        \\"message\\":\\"%s is not a valid email address; %s is not a valid phone number\\",\
                        \\"error\\":\\"INVALID_EMAIL\\",\\"name\\":\\"email\\"}]",\
                        "correlationId":"0b6f1d2e-8a3c-4c5d-9e7f-1a2b3c4d5e6f","category":"VALIDATION_ERROR"}"""
                        .formatted(EMAIL, PHONE)), 1);

        JsonPath run = runToEnd(tenant, connection, "FULL");

        assertThat(run.getString("state")).isEqualTo("FAILED");
        HUBSPOT.verify(1, postRequestedFor(urlEqualTo("/oauth/v1/token"))
                .withRequestBody(containing("refresh_token=" + REFRESH_TOKEN)));
        // The data itself goes out unmasked: only the log is masked.
        Contact grace = TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.CONTACTS,
                        AvroSerde.of(Contact.class).deserializer(), r -> r.key().equals(Keys.of(tenant, "HUBSPOT", "8801")),
                        Duration.ofSeconds(20)).stream().filter(r -> r.key().equals(Keys.of(tenant, "HUBSPOT", "8801")))
                .reduce((a, b) -> b).orElseThrow().value();
        assertThat(grace.getEmails()).contains(EMAIL);

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        // The failure was logged, with HubSpot's message masked …
        assertThat(log).contains("of connection " + connection + " failed")
                .contains("g***@navy.example is not a valid email address; ***143 is not a valid phone number");
        // … and nothing of this flow is in clear.
        for (String secret : List.of(EMAIL, OTHER_EMAIL, PHONE, "202-555-0143", MOBILE, "7700 900123", CLIENT_SECRET,
                FIRST_ACCESS_TOKEN, REFRESHED_ACCESS_TOKEN, REFRESH_TOKEN, "code-log-masking")) {
            assertThat(log).as("the log file").doesNotContain(secret);
        }
    }

    private static void refreshedTokenAnswers(com.github.tomakehurst.wiremock.client.MappingBuilder request,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer, int priority) {
        HUBSPOT.stubFor(request.atPriority(priority).withHeader("Authorization", equalTo("Bearer " + REFRESHED_ACCESS_TOKEN))
                .willReturn(answer));
    }

    /** Two contacts as HubSpot's list answers them, with addresses and international numbers. */
    private static String contacts() {
        return """
                {"results":[
                 {"id":"8801","properties":{"createdate":"2024-05-02T09:00:00Z","email":"%s","firstname":"Grace",
                  "lastname":"Hopper","hs_object_id":"8801","lastmodifieddate":"2024-07-01T10:00:00Z",
                  "phone":"%s","mobilephone":"%s"},"createdAt":"2024-05-02T09:00:00Z",
                  "updatedAt":"2024-07-01T10:00:00Z","archived":false},
                 {"id":"8802","properties":{"createdate":"2024-05-03T09:00:00Z","email":"%s","firstname":"Alan",
                  "lastname":"Turing","hs_object_id":"8802","lastmodifieddate":"2024-07-01T10:00:01Z",
                  "phone":null,"mobilephone":null},"createdAt":"2024-05-03T09:00:00Z",
                  "updatedAt":"2024-07-01T10:00:01Z","archived":false}]}
                """.formatted(EMAIL, PHONE, MOBILE, OTHER_EMAIL);
    }

    private static String connectedOAuthConnection(String tenant) {
        HUBSPOT.stubFor(post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("code=code-log-masking"))
                .willReturn(okJson(tokens(FIRST_ACCESS_TOKEN))));
        given().contentType(ContentType.JSON).body(Map.of("homeCurrency", "EUR"))
                .put("/api/tenants/{tenant}/settings", tenant).then().statusCode(200);
        var created = given().contentType(ContentType.JSON).body(Map.of("crm", "hubspot", "displayName", "Portal",
                        "oauth", Map.of("clientId", "ledgerline-app-5", "clientSecret", CLIENT_SECRET,
                                "redirectUri", "https://ledgerline.test/oauth/callback"),
                        "apiBaseUrl", HUBSPOT.baseUrl(), "tokenUrl", HUBSPOT.baseUrl() + "/oauth/v1/token",
                        "authorizeUrl", HUBSPOT.baseUrl() + "/oauth/authorize"))
                .post("/api/tenants/{tenant}/connections", tenant).then().statusCode(201).extract();
        String state = created.<String>path("authorizeUrl").replaceAll(".*[?&]state=([^&]+).*", "$1");
        given().queryParam("code", "code-log-masking").queryParam("state", state).get("/oauth/callback")
                .then().statusCode(200);
        return created.path("connection.id");
    }

    private static String tokens(String accessToken) {
        return """
                {"token_type":"bearer","refresh_token":"%s","access_token":"%s","expires_in":1800}
                """.formatted(REFRESH_TOKEN, accessToken);
    }
}
