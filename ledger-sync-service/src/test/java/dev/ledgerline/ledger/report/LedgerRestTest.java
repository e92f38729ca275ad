package dev.ledgerline.ledger.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.PaymentKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API of DESIGN.md §8: lists with paging and filters, the trial balance, profitability, problem bodies. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class LedgerRestTest extends LedgerTestSupport {

    @BeforeEach
    void postASmallLedger() {
        publish(Wire.connection(tenant),
                Wire.item(tenant, "item-1", "Consulting hour", "p-1", "40.00", "EUR"),
                Wire.item(tenant, "item-2", "Licence", "p-2", null, "EUR"),
                Wire.invoice(tenant, "a").deal("d-1").customer("Xeno AG", "ap@xeno.example")
                        .line("p-1", "10", "100.00", "0.10", "0.19").line("p-2", "1", "50.00", null, null)
                        .status(InvoiceStatus.PAID).build(),
                Wire.invoice(tenant, "b").deal("d-2").customer("Yolo Ltd", "ap@yolo.example")
                        .issued(LocalDate.parse("2025-04-10")).line("p-1", "2", "100.00", null, null).build(),
                Wire.invoice(tenant, "c").deal("d-3").line("p-1", "1", "100.00", null, null)
                        .status(InvoiceStatus.VOID).build(),
                Wire.payment(tenant, "r-1").kind(PaymentKind.ORDER).payer("Yolo Ltd", "ap@yolo.example")
                        .amount("30.00", "EUR").build(),
                Wire.payment(tenant, "over").invoice("b").amount("250.00", "EUR").updatedAt(Wire.T0.plusSeconds(5)).build());
    }

    @Test
    void invoicesArePagedAndFilteredByStatus() {
        JsonPath all = get("invoices", "size", 1);
        assertThat(all.getInt("totalItems")).isEqualTo(2);
        assertThat(all.getList("items")).hasSize(1);
        assertThat(all.getString("items[0].externalId")).isEqualTo("b"); // newest first
        assertThat(get("invoices", "size", 1, "page", 1).getString("items[0].externalId")).isEqualTo("a");

        assertThat(get("invoices", "status", "paid").getList("items.externalId")).containsExactly("b", "a");
        Map<String, Object> a = get("invoices", "status", "PAID").<Map<String, Object>>getList("items").get(1);
        assertThat(amount(a.get("total"))).isEqualByComparingTo("1121.00");
        assertThat((List<?>) a.get("lines")).hasSize(2);
        assertThat(((Map<?, ?>) ((List<?>) a.get("lines")).get(0)).get("itemId")).isEqualTo("item-1");
        assertThat(get("invoices", "status", "open").getList("items")).isEmpty();
    }

    @Test
    void documentsAndJournalArePagedInPostingOrderAndFiltered() {
        JsonPath page = get("documents", "size", 2, "page", 1);
        assertThat(page.getInt("totalItems")).isEqualTo(get("documents").getList("items").size());
        assertThat(page.getList("items")).hasSize(2);
        assertThat(get("documents", "kind", "sales_receipt").getList("items.sourceExternalId")).containsExactly("r-1");
        assertThat(get("documents", "from", "2025-04-01").getList("items.kind")).containsExactly("INVOICE");

        JsonPath credit = get("journal", "account", "customer_credit");
        assertThat(credit.getList("items")).hasSize(1);
        assertThat(credit.getList("items[0].lines.account")).contains("CUSTOMER_CREDIT", "UNDEPOSITED_FUNDS");
        assertThat(credit.getList("items[0].lines.code")).contains("2200");
    }

    @Test
    void theTrialBalanceSumsToZeroAndCanBeTakenAsOfADate() {
        JsonPath balance = get("trial-balance");
        assertThat(balance.getList("currencies.currency")).containsExactly("EUR");
        assertThat(balance.getObject("currencies[0].difference", BigDecimal.class)).isZero();
        assertThat(balance.getObject("currencies[0].totalDebit", BigDecimal.class))
                .isEqualByComparingTo(balance.getObject("currencies[0].totalCredit", BigDecimal.class));
        Map<String, Object> receivable = balance.<Map<String, Object>>getList("currencies[0].accounts").stream()
                .filter(account -> "ACCOUNTS_RECEIVABLE".equals(account.get("account"))).findFirst().orElseThrow();
        assertThat(receivable).containsEntry("code", "1100").containsEntry("type", "ASSET");
        assertThat(amount(receivable.get("balance"))).isZero();

        assertThat(get("trial-balance", "asOf", "2025-03-02").getList("currencies")).isEmpty();
    }

    @Test
    void profitabilityByProductDealAndCustomer() {
        List<Map<String, Object>> products = get("profitability", "by", "product").getList("rows");
        assertThat(products).extracting(row -> row.get("key")).containsExactly("item-1", "item-2", "(no product)");
        Map<String, Object> consulting = products.get(0);
        assertThat(consulting).containsEntry("name", "Consulting hour").containsEntry("costComplete", true);
        assertThat(amount(consulting.get("revenue"))).isEqualByComparingTo("1100.00"); // 900 + 200, the void left out
        assertThat(amount(consulting.get("cost"))).isEqualByComparingTo("480.00"); // 12 × 40.00
        assertThat(amount(consulting.get("grossProfit"))).isEqualByComparingTo("620.00");
        assertThat((BigDecimal) consulting.get("marginPercent")).isEqualByComparingTo("56.36");
        assertThat(products.get(1)).containsEntry("costComplete", false);

        List<Map<String, Object>> deals = get("profitability", "by", "deal").getList("rows");
        assertThat(deals).extracting(row -> row.get("key")).containsExactly("d-1", "d-2", "(no deal)");
        assertThat(amount(deals.get(1).get("revenue"))).isEqualByComparingTo("200.00");
        assertThat((BigDecimal) deals.get(1).get("marginPercent")).isEqualByComparingTo("60.00");

        List<Map<String, Object>> customers = get("profitability", "by", "customer").getList("rows");
        assertThat(customers).extracting(row -> row.get("name")).containsExactly("Xeno AG", "Yolo Ltd");
        assertThat(amount(customers.get(1).get("revenue"))).isEqualByComparingTo("230.00"); // invoice b + receipt

        List<Map<String, Object>> april = get("profitability", "by", "deal", "from", "2025-04-01", "to", "2025-04-30")
                .getList("rows");
        assertThat(april).extracting(row -> row.get("key")).containsExactly("d-2");
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        problem("invoices?size=0", "size");
        problem("invoices?page=-1", "page");
        problem("invoices?status=late", "status");
        problem("documents?kind=refund", "kind");
        problem("documents?from=2025-13-01", "from");
        problem("journal?from=2025-05-01&to=2025-04-01", "from");
        problem("journal?account=petty_cash", "account");
        problem("trial-balance?asOf=yesterday", "asOf");
        problem("profitability?by=region", "by");
        problem("profitability", "by");
    }

    @Test
    void theOpenApiDocumentListsTheLedgerEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/tenants/{tenant}/invoices"))
                .body("paths", hasKey("/api/tenants/{tenant}/documents"))
                .body("paths", hasKey("/api/tenants/{tenant}/journal"))
                .body("paths", hasKey("/api/tenants/{tenant}/trial-balance"))
                .body("paths", hasKey("/api/tenants/{tenant}/profitability"));
    }

    private void problem(String path, String field) {
        given().get("/api/tenants/{tenant}/" + path, tenant).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field));
    }
}
