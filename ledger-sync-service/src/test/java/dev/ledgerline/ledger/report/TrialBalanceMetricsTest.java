package dev.ledgerline.ledger.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.MetricsSnapshot;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The imbalance gauge reads the journal as it is: 0 for a ledger posted by the service, the difference once a line is
 * slipped in behind the database's balance check (as a disabled trigger or a bad restore would), 0 again once it is
 * gone.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class TrialBalanceMetricsTest extends LedgerTestSupport {
    @Inject
    TrialBalanceMetrics trialBalance;

    @Test
    void theGaugeShowsAnImbalanceForcedIntoTheJournalAndItsRepair() throws SQLException {
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "1", "100.00", null, "0.19").build());
        trialBalance.refresh();
        assertThat(imbalance()).isEqualTo(0.0);

        Object entry = db.rows("select id from journal_entry where tenant_id = ?", tenant).get(0).get("id");
        String strayLine = "insert into journal_line (entry_id, line_no, tenant_id, account_code, side, amount)"
                + " values ('" + entry + "', 99, '" + tenant + "', '1200', 'D', 7.25)";
        behindTheLedgersChecks(strayLine);
        trialBalance.refresh();
        assertThat(imbalance()).isEqualTo(7.25);
        // The meter exists once a journal does: kept for the deploy module's check of the alert.
        MetricsSnapshot.save("ledger-sync-service-trial-balance", given().get("/q/metrics").asString());

        behindTheLedgersChecks("delete from journal_line where entry_id = '" + entry + "' and line_no = 99");
        trialBalance.refresh();
        assertThat(imbalance()).isEqualTo(0.0);
    }

    /** The tenant's EUR figure on /q/metrics. */
    private double imbalance() {
        Matcher figure = Pattern.compile("ledgerline_ledger_trial_balance_imbalance\\{currency=\"EUR\",tenant=\""
                + Pattern.quote(tenant) + "\"} (\\S+)").matcher(given().get("/q/metrics").asString());
        assertThat(figure.find()).as("the tenant's imbalance series").isTrue();
        return Double.parseDouble(figure.group(1));
    }

    /**
     * Runs a statement with the session's triggers off ({@code session_replication_role = replica}, a superuser's
     * setting): the balance and append-only checks of this session only, so the other tests keep theirs.
     */
    private static void behindTheLedgersChecks(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DevstackResource.jdbcUrl("ledger"), "postgres",
                "postgres"); Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute(sql);
        }
    }
}
