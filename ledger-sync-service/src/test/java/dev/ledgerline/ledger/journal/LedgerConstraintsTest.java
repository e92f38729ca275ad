package dev.ledgerline.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database refuses a ledger that does not add up, whatever code writes to it: an unbalanced entry, a negative or
 * sideless amount, a changed or deleted posting, an invoice whose open balance disagrees with its receivable, a
 * document posted twice.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class LedgerConstraintsTest extends LedgerTestSupport {
    private Map<String, Object> document;

    @BeforeEach
    void postAnInvoice() {
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "1", "100.00", null, "0.19").build());
        document = db.rows("select d.id, d.ledger_invoice_id, e.id as entry_id from ledger_document d"
                + " join journal_entry e on e.document_id = d.id where d.tenant_id = ?", tenant).get(0);
    }

    @Test
    void anEntryWhoseDebitsAndCreditsDifferIsRefusedAtCommit() {
        assertThatThrownBy(() -> inTransaction(
                "insert into ledger_document (id, tenant_id, kind, ledger_invoice_id, revision, document_date, currency,"
                        + " total, posted_at) values ('" + UUID.randomUUID() + "', '" + tenant + "', 'ADJUSTMENT', '"
                        + document.get("ledger_invoice_id") + "', 99, current_date, 'EUR', 0, now())",
                "insert into journal_entry (id, tenant_id, document_id, entry_date, currency, posted_at)"
                        + " select gen_random_uuid(), tenant_id, id, current_date, 'EUR', now() from ledger_document"
                        + " where revision = 99 and tenant_id = '" + tenant + "'",
                "insert into journal_line (entry_id, line_no, tenant_id, account_code, side, amount)"
                        + " select e.id, 1, e.tenant_id, '4000', 'C', 10.00 from journal_entry e join ledger_document d"
                        + " on d.id = e.document_id where d.revision = 99 and d.tenant_id = '" + tenant + "'",
                "insert into journal_line (entry_id, line_no, tenant_id, account_code, side, amount)"
                        + " select e.id, 2, e.tenant_id, '1200', 'D', 9.99 from journal_entry e join ledger_document d"
                        + " on d.id = e.document_id where d.revision = 99 and d.tenant_id = '" + tenant + "'"))
                .hasMessageContaining("does not balance");
    }

    @Test
    void journalAmountsArePositiveWithADebitOrCreditSide() {
        assertThatThrownBy(() -> inTransaction(line(3, "1200", "D", "-5.00"))).hasMessageContaining("journal_line_amount_check");
        assertThatThrownBy(() -> inTransaction(line(3, "1200", "X", "5.00"))).hasMessageContaining("journal_line_side_check");
    }

    @Test
    void postingsAreNeverChangedOrDeleted() {
        assertThatThrownBy(() -> inTransaction("update journal_line set amount = amount + 1 where entry_id = '"
                + document.get("entry_id") + "'")).hasMessageContaining("never changed");
        assertThatThrownBy(() -> inTransaction("delete from ledger_document where id = '" + document.get("id") + "'"))
                .hasMessageContaining("never changed");
    }

    @Test
    void anInvoiceWhoseOpenBalanceDisagreesWithItsReceivableIsRefused() {
        assertThatThrownBy(() -> inTransaction("update ledger_invoice set amount_applied = 50, credit = 0, received = 50"
                + " where id = '" + document.get("ledger_invoice_id") + "'"))
                .hasMessageContaining("disagrees with its journal");
    }

    @Test
    void aDocumentCannotBePostedTwiceForTheSameRevision() {
        assertThatThrownBy(() -> inTransaction(
                "insert into ledger_document (id, tenant_id, kind, ledger_invoice_id, revision, document_date, currency,"
                        + " total, posted_at) values ('" + UUID.randomUUID() + "', '" + tenant + "', 'INVOICE', '"
                        + document.get("ledger_invoice_id") + "', 1, current_date, 'EUR', 119, now())"))
                .hasMessageContaining("ledger_document_ledger_invoice_id_revision_key");
    }

    @Test
    void theLedgerAsPostedPassesEveryCheck() {
        db.assertBalanced(tenant);
        assertThat(db.balance(tenant, "ACCOUNTS_RECEIVABLE", "EUR")).isEqualByComparingTo("119.00");
    }

    private String line(int number, String account, String side, String amount) {
        return "insert into journal_line (entry_id, line_no, tenant_id, account_code, side, amount) values ('"
                + document.get("entry_id") + "', " + number + ", '" + tenant + "', '" + account + "', '" + side + "', "
                + amount + ")";
    }

    /** Runs the statements in one transaction and commits it; the database's refusal comes out as the exception. */
    private void inTransaction(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DevstackResource.jdbcUrl("ledger"), "postgres", "postgres")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
