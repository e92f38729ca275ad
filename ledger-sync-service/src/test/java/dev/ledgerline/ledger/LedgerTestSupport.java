package dev.ledgerline.ledger;

import static io.restassured.RestAssured.given;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.TopicInput;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the integration tests: a tenant of its own per test, records published on the real topics, the ledger read
 * over REST and, for invariants, from its database.
 */
public abstract class LedgerTestSupport {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    @Inject
    DataSource dataSource;

    protected String tenant;
    protected TopicInput input;
    protected LedgerDb db;

    @BeforeEach
    void newTenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        input = new TopicInput();
        db = new LedgerDb(dataSource);
    }

    @AfterEach
    void closeInput() {
        input.close();
    }

    /** Publishes the records in order and waits until the ledger has processed every one. */
    protected void publish(Wire.Input... records) {
        publish(List.of(records));
    }

    protected void publish(List<Wire.Input> records) {
        input.sendAll(records);
        db.awaitProcessed(input.eventIds());
    }

    protected JsonPath get(String path, Object... query) {
        var request = given();
        for (int i = 0; i < query.length; i += 2) {
            request.queryParam((String) query[i], query[i + 1]);
        }
        String body = request.get("/api/tenants/{tenant}/" + path, tenant).then().statusCode(200).extract().asString();
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** A document's journal entry as lines "D ACCOUNTS_RECEIVABLE 1071.00", in the chart's order. */
    @SuppressWarnings("unchecked")
    protected static List<String> journal(Map<String, Object> document) {
        return ((List<Map<String, Object>>) document.get("journal")).stream().map(line -> {
            BigDecimal debit = (BigDecimal) line.get("debit");
            boolean isDebit = debit.signum() > 0;
            BigDecimal amount = isDebit ? debit : (BigDecimal) line.get("credit");
            return (isDebit ? "D " : "C ") + line.get("account") + " " + amount.setScale(2, RoundingMode.UNNECESSARY);
        }).toList();
    }

    protected static BigDecimal amount(Object value) {
        return ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY);
    }

    protected List<Map<String, Object>> documents() {
        return get("documents", "size", 500).getList("items");
    }

    protected List<String> documentKinds() {
        return get("documents", "size", 500).getList("items.kind");
    }

    protected Map<String, Object> invoice(String externalId) {
        return get("invoices", "size", 500).<Map<String, Object>>getList("items").stream()
                .filter(invoice -> externalId.equals(invoice.get("externalId"))).findFirst()
                .orElseThrow(() -> new AssertionError("No ledger invoice " + externalId));
    }
}
