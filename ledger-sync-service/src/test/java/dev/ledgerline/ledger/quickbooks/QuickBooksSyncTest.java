package dev.ledgerline.ledger.quickbooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The QuickBooks Online adapter against a WireMock company shaped like the Accounting API v3 ({@link FakeQuickBooks}):
 * what the ledger posts is pushed once, with its customer and items; a lost answer, 429s, an expired token and a
 * stale SyncToken are survived without a duplicate; a validation Fault fails the row with its reason until retried.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class QuickBooksSyncTest extends LedgerTestSupport {
    private static final Pattern REQUEST_ID = Pattern.compile("requestid=([0-9a-f-]{36})");

    @Inject
    QuickBooksWorker worker;

    FakeQuickBooks quickBooks;

    @BeforeEach
    void connectCompany() {
        quickBooks = new FakeQuickBooks();
        given().contentType(ContentType.JSON).body(quickBooks.companySettings())
                .put("/api/tenants/{tenant}/quickbooks", tenant).then().statusCode(200)
                .body("realmId", equalTo(FakeQuickBooks.REALM)).body("enabled", equalTo(true))
                .body("minorVersion", equalTo(75));
    }

    @AfterEach
    void disconnectCompany() {
        // Later tests' rounds leave this company alone.
        QuarkusTransaction.requiringNew().run(() -> QuickBooksCompanyEntity.update("enabled = false where tenantId = ?1", tenant));
        quickBooks.close();
    }

    @Test
    void anInvoiceItsPaymentAReceiptAndAVoidArePushedOnceWithTheirCustomersAndItems() {
        List<Wire.Input> records = new ArrayList<>(Wire.everyDocumentKind(tenant));
        records.add(1, Wire.item(tenant, "item-1", "Consulting day", "p-1", "400.00", "EUR"));
        publish(records);

        pushAll();

        assertThat(rows("synced")).hasSize(5 + 3 + 1); // documents, customers, item
        assertThat(quickBooks.objects("Customer")).extracting(customer -> customer.path("DisplayName").asText())
                .containsExactlyInAnyOrder("Acme GmbH", "Beta", "Gamma");
        assertThat(quickBooks.objects("Item")).singleElement().satisfies(item -> {
            assertThat(item.path("Name").asText()).isEqualTo("Consulting day");
            assertThat(item.path("Type").asText()).isEqualTo("Service");
            assertThat(item.path("IncomeAccountRef").path("value").asText()).isEqualTo("79");
        });
        ObjectNode invoice = byDocNumber("Invoice", "INV-inv-1");
        assertThat(invoice.path("TotalAmt").decimalValue()).isEqualByComparingTo("1071.00");
        assertThat(invoice.path("TxnTaxDetail").path("TotalTax").decimalValue()).isEqualByComparingTo("171.00");
        assertThat(invoice.path("CurrencyRef").path("value").asText()).isEqualTo("EUR");
        JsonNode line = invoice.path("Line").get(0);
        assertThat(line.path("Amount").decimalValue()).isEqualByComparingTo("900.00");
        assertThat(line.path("SalesItemLineDetail").path("ItemRef").path("value").asText())
                .isEqualTo(quickBooks.objects("Item").get(0).path("Id").asText());
        assertThat(line.path("SalesItemLineDetail").path("Qty").decimalValue()).isEqualByComparingTo("10");
        // A US company (no tax codes configured): the taxed line is TAX, lines without tax NON.
        assertThat(line.path("SalesItemLineDetail").path("TaxCodeRef").path("value").asText()).isEqualTo("TAX");
        assertThat(invoice.path("TxnTaxDetail").has("TxnTaxCodeRef")).isFalse();
        assertThat(invoice.path("CustomerRef").path("value").asText()).isEqualTo(customerId("Acme GmbH"));

        ObjectNode payment = quickBooks.objects("Payment").get(0);
        assertThat(quickBooks.objects("Payment")).hasSize(1);
        assertThat(payment.path("TotalAmt").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(payment.path("Line").get(0).path("LinkedTxn").get(0).path("TxnId").asText())
                .isEqualTo(invoice.path("Id").asText());
        assertThat(payment.path("Line").get(0).path("LinkedTxn").get(0).path("TxnType").asText()).isEqualTo("Invoice");

        ObjectNode voided = byDocNumber("Invoice", "INV-inv-2");
        assertThat(voided.path("PrivateNote").asText()).isEqualTo("Voided");
        assertThat(voided.path("SyncToken").asText()).isEqualTo("1");
        assertThat(voided.path("Line").get(0).path("SalesItemLineDetail").path("TaxCodeRef").path("value").asText())
                .isEqualTo("NON");
        ObjectNode receipt = quickBooks.objects("SalesReceipt").get(0);
        assertThat(quickBooks.objects("SalesReceipt")).hasSize(1);
        assertThat(receipt.path("TotalAmt").decimalValue()).isEqualByComparingTo("99.00");
        assertThat(receipt.path("CustomerRef").path("value").asText()).isEqualTo(customerId("Gamma"));
        assertThat(receipt.path("Line").get(0).path("SalesItemLineDetail").path("TaxCodeRef").path("value").asText())
                .isEqualTo("NON");

        // Every create and void carried a requestid of its own, and the company's minor version.
        List<String> writes = quickBooks.requests().stream().filter(request -> request.startsWith("POST /v3/")).toList();
        assertThat(writes).hasSize(9).allMatch(request -> request.contains("minorversion=75"));
        assertThat(writes.stream().map(FakeQuickBooksRequests::requestId)).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(quickBooks.requests("POST", "invoice")).filteredOn(request -> request.contains("operation=void")).hasSize(1);

        // The same documents again: queued once, nothing pushed again.
        worker.runOnce();
        assertThat(quickBooks.requests().stream().filter(request -> request.startsWith("POST /v3/"))).hasSize(9);
        assertThat(rows("pending")).isEmpty();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsRepeatedWithItsRequestIdAndQuickBooksAnswersWithTheFirstInvoice() {
        quickBooks.loseNextAnswer("invoice");
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "2", "50.00", null, null).build());

        pushAll();

        List<String> creates = quickBooks.requests("POST", "invoice");
        assertThat(creates).hasSize(2);
        assertThat(FakeQuickBooksRequests.requestId(creates.get(0))).isEqualTo(FakeQuickBooksRequests.requestId(creates.get(1)));
        assertThat(quickBooks.objects("Invoice")).hasSize(1);
        Map<String, Object> row = row("invoice");
        assertThat(row.get("state")).isEqualTo("SYNCED");
        assertThat(row.get("quickBooksId")).isEqualTo(quickBooks.objects("Invoice").get(0).path("Id").asText());
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
    }

    @Test
    void throttledRequestsWaitForRetryAfterAndGoThroughWithoutCountingAsAttempts() {
        quickBooks.throttleNext(3);
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "1", "80.00", null, null).build());

        pushAll();

        assertThat(quickBooks.throttledAnswers()).isEqualTo(3);
        assertThat(quickBooks.objects("Customer")).hasSize(1);
        assertThat(quickBooks.objects("Invoice")).hasSize(1);
        assertThat(((Number) row("invoice").get("attempts")).intValue()).isZero();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ledgerline_ledger_quickbooks_requests_total{entity=\"customer\",status=\"429\"}"));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceTheRotatedRefreshTokenIsStoredEncryptedAndTheRequestRepeated() throws Exception {
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "1", "80.00", null, null).build());
        pushAll();
        assertThat(quickBooks.tokenCalls()).isEqualTo(1);

        quickBooks.expireAccessTokens();
        publish(Wire.invoice(tenant, "inv-2").line("p-1", "1", "20.00", null, null).updatedAt(Wire.T0.plusSeconds(5)).build());
        pushAll();

        assertThat(quickBooks.tokenCalls()).isEqualTo(2);
        assertThat(quickBooks.objects("Invoice")).hasSize(2);
        // The second invoice: a 401, then the same request (the same requestid) with the new token.
        List<String> creates = quickBooks.requests("POST", "invoice");
        assertThat(creates).hasSize(3);
        assertThat(FakeQuickBooksRequests.requestId(creates.get(1))).isEqualTo(FakeQuickBooksRequests.requestId(creates.get(2)));
        Map<String, Object> stored = db.rows("select refresh_token, access_token, client_secret from qbo_company where tenant_id = ?",
                tenant).get(0);
        for (Object secret : stored.values()) {
            assertThat(new String((byte[]) secret, StandardCharsets.ISO_8859_1))
                    .doesNotContain(quickBooks.currentRefreshToken()).doesNotContain("at-").doesNotContain(FakeQuickBooks.CLIENT_SECRET);
        }
        String view = given().get("/api/tenants/{tenant}/quickbooks", tenant).then().statusCode(200).extract().asString();
        assertThat(view).doesNotContain(FakeQuickBooks.CLIENT_SECRET).doesNotContain("rt-").doesNotContain("refreshToken");
    }

    @Test
    void aStaleSyncTokenIsReadAgainAndTheUpdateRepeatedOnce() {
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "10", "100.00", "0.10", "0.19").build());
        pushAll();
        String id = quickBooks.objects("Invoice").get(0).path("Id").asText();
        quickBooks.editInQuickBooks("Invoice", id);

        // The discount raised to 20 %: an adjustment, pushed as an update of the invoice.
        publish(Wire.invoice(tenant, "inv-1").line("p-1", "10", "100.00", "0.20", "0.19")
                .updatedAt(Wire.T0.plusSeconds(60)).build());
        pushAll();

        List<String> updates = quickBooks.requests("POST", "invoice").stream()
                .filter(request -> request.contains("operation=update")).toList();
        assertThat(updates).hasSize(2);
        assertThat(quickBooks.requests("GET", "invoice")).hasSize(1);
        ObjectNode invoice = quickBooks.object("Invoice", id);
        assertThat(invoice.path("SyncToken").asText()).isEqualTo("2");
        assertThat(invoice.path("TotalAmt").decimalValue()).isEqualByComparingTo("952.00");
        assertThat(quickBooks.objects("Invoice")).hasSize(1);
        assertThat(row("adjustment").get("state")).isEqualTo("SYNCED");
    }

    @Test
    void aValidationFaultFailsTheRowWithItsReasonUntilItIsRetried() {
        quickBooks.failNext("customer", "6000", "A business validation error has occurred while processing your request",
                "Business Validation Error: Email Address does not conform to the syntax rules of RFC 822.");
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "1", "80.00", null, null).build());
        pushAll();

        Map<String, Object> failed = row("invoice");
        assertThat(failed.get("state")).isEqualTo("FAILED");
        assertThat((String) failed.get("reason")).contains("customer Acme GmbH").contains("code 6000")
                .contains("RFC 822");
        assertThat(row("customer").get("state")).isEqualTo("FAILED");
        assertThat(quickBooks.objects("Invoice")).isEmpty();

        given().post("/api/tenants/{tenant}/quickbooks/sync/{id}/retry", tenant, failed.get("id")).then().statusCode(200)
                .body("state", equalTo("PENDING"));
        pushAll();

        assertThat(row("invoice").get("state")).isEqualTo("SYNCED");
        assertThat(row("customer").get("state")).isEqualTo("SYNCED");
        assertThat(quickBooks.objects("Invoice")).hasSize(1);
        given().post("/api/tenants/{tenant}/quickbooks/sync/{id}/retry", tenant, failed.get("id")).then().statusCode(409)
                .contentType("application/problem+json");
        given().post("/api/tenants/{tenant}/quickbooks/sync/{id}/retry", tenant, java.util.UUID.randomUUID())
                .then().statusCode(404);
        given().queryParam("state", "lost").get("/api/tenants/{tenant}/quickbooks/sync", tenant).then().statusCode(400)
                .body(containsString("state"));
        given().contentType(ContentType.JSON).body(Map.of("realmId", "1"))
                .put("/api/tenants/{tenant}/quickbooks", "other-" + tenant).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aRefundOnAnInvoiceWaitsForTheRefundAccountThenIsARefundReceiptAndTheInvoiceCanStillBeVoided() {
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "10", "100.00", "0.10", "0.19").build(),
                Wire.payment(tenant, "pay-1").invoice("inv-1").amount("1071.00", "EUR").updatedAt(Wire.T0.plusSeconds(10)).build(),
                // 71.00 paid back: the CRM books the payment net of its refund.
                Wire.payment(tenant, "pay-1").invoice("inv-1").amount("1000.00", "EUR").updatedAt(Wire.T0.plusSeconds(20)).build());

        // No refund account configured yet: the refund waits, saying why, and nothing is refunded in QuickBooks.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            worker.runOnce();
            List<Map<String, Object>> adjustments = get("quickbooks/sync", "entity", "adjustment").getList("items");
            return adjustments.size() == 1 && String.valueOf(adjustments.get(0).get("reason")).contains("refundAccountId");
        });
        assertThat(row("adjustment").get("state")).isEqualTo("PENDING");
        assertThat(quickBooks.objects("RefundReceipt")).isEmpty();
        assertThat(row("payment").get("state")).isEqualTo("SYNCED");

        Map<String, Object> settings = quickBooks.companySettings();
        settings.remove("refreshToken");
        settings.remove("clientSecret");
        settings.put("refundAccountId", "35");
        given().contentType(ContentType.JSON).body(settings).put("/api/tenants/{tenant}/quickbooks", tenant).then()
                .statusCode(200).body("refundAccountId", equalTo("35"));
        quickBooks.loseNextAnswer("refundreceipt");
        pushAll();

        ObjectNode invoice = byDocNumber("Invoice", "INV-inv-1");
        assertThat(quickBooks.objects("RefundReceipt")).singleElement().satisfies(refund -> {
            assertThat(refund.path("TotalAmt").decimalValue()).isEqualByComparingTo("71.00");
            assertThat(refund.path("DepositToAccountRef").path("value").asText()).isEqualTo("35");
            assertThat(refund.path("CustomerRef").path("value").asText()).isEqualTo(invoice.path("CustomerRef").path("value").asText());
            assertThat(refund.path("CurrencyRef").path("value").asText()).isEqualTo("EUR");
            assertThat(refund.path("TxnDate").asText()).isNotBlank();
            assertThat(refund.path("PrivateNote").asText()).isEqualTo("Refund on invoice INV-inv-1");
            JsonNode line = refund.path("Line").get(0);
            assertThat(line.path("DetailType").asText()).isEqualTo("SalesItemLineDetail");
            assertThat(line.path("Amount").decimalValue()).isEqualByComparingTo("71.00");
        });
        // The answer to the first create was lost: repeated with the same requestid, made once.
        List<String> refunds = quickBooks.requests("POST", "refundreceipt");
        assertThat(refunds).hasSize(2);
        assertThat(FakeQuickBooksRequests.requestId(refunds.get(0))).isEqualTo(FakeQuickBooksRequests.requestId(refunds.get(1)));
        Map<String, Object> refundRow = row("adjustment");
        assertThat(refundRow.get("state")).isEqualTo("SYNCED");
        assertThat(refundRow.get("quickBooksType")).isEqualTo("RefundReceipt");
        assertThat(refundRow.get("quickBooksId")).isEqualTo(quickBooks.objects("RefundReceipt").get(0).path("Id").asText());
        // The payment keeps what was received; the invoice is untouched by the refund.
        assertThat(quickBooks.objects("Payment")).singleElement()
                .satisfies(payment -> assertThat(payment.path("TotalAmt").decimalValue()).isEqualByComparingTo("1071.00"));
        assertThat(invoice.path("SyncToken").asText()).isEqualTo("0");

        publish(Wire.invoice(tenant, "inv-1").line("p-1", "10", "100.00", "0.10", "0.19").status(dev.ledgerline.wire.InvoiceStatus.VOID)
                .updatedAt(Wire.T0.plusSeconds(30)).build());
        pushAll();

        assertThat(byDocNumber("Invoice", "INV-inv-1").path("PrivateNote").asText()).isEqualTo("Voided");
        assertThat(row("void").get("state")).isEqualTo("SYNCED");
        assertThat(quickBooks.objects("RefundReceipt")).hasSize(1);
        assertThat(quickBooks.requests("POST", "refundreceipt")).hasSize(2);
    }

    @Test
    void eachLineCarriesTheCompanysTaxCodeForWhetherItWasTaxedAndTheInvoiceItsTotalTax() {
        // A global company: its own TaxCodes (with their rates) for taxed and untaxed lines.
        Map<String, Object> settings = quickBooks.companySettings();
        settings.put("taxCodeId", "8");
        settings.put("exemptTaxCodeId", "14");
        settings.put("txnTaxCodeId", "3");
        given().contentType(ContentType.JSON).body(settings).put("/api/tenants/{tenant}/quickbooks", tenant).then()
                .statusCode(200).body("taxCodeId", equalTo("8")).body("exemptTaxCodeId", equalTo("14"))
                .body("txnTaxCodeId", equalTo("3"));
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "2", "100.00", null, "0.19")
                .line("p-2", "1", "50.00", null, null).build());
        pushAll();

        ObjectNode invoice = byDocNumber("Invoice", "INV-inv-1");
        assertThat(invoice.path("Line")).extracting(line -> line.path("SalesItemLineDetail").path("TaxCodeRef")
                .path("value").asText()).containsExactly("8", "14");
        assertThat(invoice.path("TxnTaxDetail").path("TotalTax").decimalValue()).isEqualByComparingTo("38.00");
        assertThat(invoice.path("TxnTaxDetail").path("TxnTaxCodeRef").path("value").asText()).isEqualTo("3");
        assertThat(invoice.path("TotalAmt").decimalValue()).isEqualByComparingTo("288.00");

        // The untaxed line becomes taxed: the update sends the lines with their codes as they now stand.
        publish(Wire.invoice(tenant, "inv-1").line("p-1", "2", "100.00", null, "0.19").line("p-2", "1", "50.00", null, "0.19")
                .updatedAt(Wire.T0.plusSeconds(60)).build());
        pushAll();

        ObjectNode updated = quickBooks.object("Invoice", invoice.path("Id").asText());
        assertThat(updated.path("Line")).extracting(line -> line.path("SalesItemLineDetail").path("TaxCodeRef")
                .path("value").asText()).containsExactly("8", "8");
        assertThat(updated.path("TxnTaxDetail").path("TotalTax").decimalValue()).isEqualByComparingTo("47.50");
        assertThat(updated.path("TotalAmt").decimalValue()).isEqualByComparingTo("297.50");
        assertThat(row("adjustment").get("state")).isEqualTo("SYNCED");
    }

    /** Rounds of the worker until none of the tenant's rows is due or waiting. */
    private void pushAll() {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            worker.runOnce();
            return db.count("select count(*) from qbo_sync where tenant_id = ? and state = 'PENDING'", tenant) == 0
                    && db.count("select count(*) from ledger_document d where d.tenant_id = ? and not exists "
                    + "(select 1 from qbo_sync s where s.tenant_id = d.tenant_id and s.local_id = d.id::text)", tenant) == 0;
        });
    }

    private List<Map<String, Object>> rows(String state) {
        return get("quickbooks/sync", "state", state, "size", 500).getList("items");
    }

    private Map<String, Object> row(String entity) {
        List<Map<String, Object>> rows = get("quickbooks/sync", "entity", entity, "size", 500).getList("items");
        assertThat(rows).as(entity + " rows").hasSize(1);
        return rows.get(0);
    }

    private ObjectNode byDocNumber(String type, String number) {
        return quickBooks.objects(type).stream().filter(object -> number.equals(object.path("DocNumber").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("No " + type + " " + number));
    }

    private String customerId(String name) {
        return quickBooks.objects("Customer").stream().filter(customer -> name.equals(customer.path("DisplayName").asText()))
                .findFirst().orElseThrow().path("Id").asText();
    }

    /** The requestid of a logged request line. */
    static final class FakeQuickBooksRequests {
        private FakeQuickBooksRequests() {
        }

        static String requestId(String request) {
            Matcher matcher = REQUEST_ID.matcher(request);
            return matcher.find() ? matcher.group(1) : null;
        }
    }
}
