package dev.ledgerline.ledger.quickbooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intuit's consent flow against {@link FakeQuickBooks}' token endpoint: the consent URL, the callback exchanging the
 * code, the tokens stored encrypted and used to push; a state good for one callback within 10 minutes.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class QuickBooksConsentTest extends LedgerTestSupport {
    @Inject
    QuickBooksWorker worker;

    FakeQuickBooks quickBooks;

    @BeforeEach
    void configureCompanyWithoutConsent() {
        quickBooks = new FakeQuickBooks();
        given().contentType(ContentType.JSON).body(quickBooks.consentSettings())
                .put("/api/tenants/{tenant}/quickbooks", tenant).then().statusCode(200)
                .body("connected", equalTo(false)).body("realmId", nullValue());
    }

    @AfterEach
    void disconnectCompany() {
        QuarkusTransaction.requiringNew().run(() -> QuickBooksCompanyEntity.update("enabled = false where tenantId = ?1", tenant));
        quickBooks.close();
    }

    @Test
    void consentConnectsTheCompanyWithItsTokensStoredEncryptedAndItsDocumentsArePushed() {
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "1", "80.00", null, null).build());
        worker.runOnce();
        assertThat(quickBooks.requests()).as("nothing is pushed before consent").isEmpty();

        ValidatableResponse authorized = given().post("/api/tenants/{tenant}/quickbooks/authorize", tenant).then().statusCode(200);
        URI consentUrl = URI.create(authorized.extract().path("authorizeUrl"));
        Instant expiresAt = Instant.parse(authorized.extract().path("expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(consentUrl.toString()).startsWith(quickBooks.consentSettings().get("authorizeUrl") + "?");
        Map<String, String> query = query(consentUrl);
        assertThat(query).containsEntry("client_id", FakeQuickBooks.CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("scope", "com.intuit.quickbooks.accounting")
                .containsEntry("redirect_uri", FakeQuickBooks.REDIRECT_URI);
        String state = query.get("state");
        assertThat(state).matches("[A-Za-z0-9_-]{43,}"); // 256 random bits, base64url
        // Only its hash is stored.
        List<Map<String, Object>> states = db.rows("select * from qbo_oauth_state where tenant_id = ?", tenant);
        assertThat(states).singleElement().satisfies(row -> assertThat(row.values().toString()).doesNotContain(state));

        String company = callback(state, quickBooks.consent()).statusCode(200).body("connected", equalTo(true))
                .body("realmId", equalTo(FakeQuickBooks.REALM)).extract().asString();
        assertThat(company).doesNotContain("rt-").doesNotContain("at-").doesNotContain(FakeQuickBooks.CLIENT_SECRET);
        Map<String, Object> stored = db.rows("select refresh_token, access_token from qbo_company where tenant_id = ?",
                tenant).get(0);
        for (Object secret : stored.values()) {
            assertThat(new String((byte[]) secret, StandardCharsets.ISO_8859_1)).doesNotContain("rt-").doesNotContain("at-");
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            worker.runOnce();
            return quickBooks.objects("Invoice").size() == 1;
        });
        // The access token of the exchange was used as it was: one call to the token endpoint in all.
        assertThat(quickBooks.tokenCalls()).isEqualTo(1);
        assertThat(quickBooks.requests("POST", "invoice")).hasSize(1);
    }

    @Test
    void aStateIsGoodForOneCallbackWithinTenMinutesAndAnythingElseIsRefusedWithAProblem() {
        String state = state();
        callback(state, quickBooks.consent()).statusCode(200);
        refused(callback(state, quickBooks.consent()), "state");
        refused(callback("not-a-state-we-made", quickBooks.consent()), "state");
        refused(given().queryParam("code", quickBooks.consent()).queryParam("realmId", FakeQuickBooks.REALM)
                .get("/quickbooks/callback").then(), "state");

        String expired = state();
        QuarkusTransaction.requiringNew().run(() -> QuickBooksStateEntity.update(
                "createdAt = ?1, expiresAt = ?2 where tenantId = ?3 and usedAt is null",
                Instant.now().minus(Duration.ofMinutes(11)), Instant.now().minus(Duration.ofMinutes(1)), tenant));
        refused(callback(expired, quickBooks.consent()), "state");

        // The user declined: the state is spent all the same.
        String declined = state();
        given().queryParam("state", declined).queryParam("error", "access_denied").get("/quickbooks/callback").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("access_denied"));
        refused(callback(declined, quickBooks.consent()), "state");

        // A code Intuit never issued.
        given().queryParam("state", state()).queryParam("code", "AB11forged").queryParam("realmId", FakeQuickBooks.REALM)
                .get("/quickbooks/callback").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Authorization refused by Intuit"))
                .body(org.hamcrest.Matchers.not(containsString(FakeQuickBooks.CLIENT_SECRET)));

        // Another company than the one connected.
        given().queryParam("state", state()).queryParam("code", quickBooks.consent()).queryParam("realmId", "123145")
                .get("/quickbooks/callback").then().statusCode(409).contentType("application/problem+json");
        given().get("/api/tenants/{tenant}/quickbooks", tenant).then().statusCode(200)
                .body("realmId", equalTo(FakeQuickBooks.REALM));

        given().post("/api/tenants/{tenant}/quickbooks/authorize", "other-" + tenant).then().statusCode(404)
                .contentType("application/problem+json");
        Map<String, Object> withoutConsentUrl = new LinkedHashMap<>(quickBooks.consentSettings());
        withoutConsentUrl.remove("authorizeUrl");
        given().contentType(ContentType.JSON).body(withoutConsentUrl).put("/api/tenants/{tenant}/quickbooks", tenant)
                .then().statusCode(200);
        given().post("/api/tenants/{tenant}/quickbooks/authorize", tenant).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("authorizeUrl"));
    }

    @Test
    void ofTwoCallbacksWithTheSameStateOnlyOneWins() throws Exception {
        String state = state();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> callbacks = java.util.stream.IntStream.range(0, 2).mapToObj(i -> {
            String code = quickBooks.consent();
            return CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return callback(state, code).extract().statusCode();
            });
        }).toList();
        start.countDown();

        assertThat(callbacks.stream().map(CompletableFuture::join)).containsExactlyInAnyOrder(200, 400);
        assertThat(quickBooks.tokenCalls()).isEqualTo(1);
    }

    private String state() {
        String url = given().post("/api/tenants/{tenant}/quickbooks/authorize", tenant).then().statusCode(200)
                .extract().path("authorizeUrl");
        return query(URI.create(url)).get("state");
    }

    private static ValidatableResponse callback(String state, String code) {
        return given().queryParam("state", state).queryParam("code", code).queryParam("realmId", FakeQuickBooks.REALM)
                .get("/quickbooks/callback").then();
    }

    private static void refused(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json").body(containsString(field));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2)).forEach(pair ->
                query.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8), URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        return query;
    }
}
