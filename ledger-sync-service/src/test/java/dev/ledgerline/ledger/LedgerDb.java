package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.ServiceDatabase;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** What a test reads of the ledger's database directly: beside the processed events, the invariants finance relies on. */
public final class LedgerDb extends ServiceDatabase {

    public LedgerDb(DataSource dataSource) {
        super(dataSource);
    }

    /** Debits − credits of an account of the tenant in a currency, over the whole journal. */
    public BigDecimal balance(String tenant, String account, String currency) {
        return (BigDecimal) rows("""
                select coalesce(sum(case l.side when 'D' then l.amount else -l.amount end), 0) as balance
                  from journal_line l join journal_entry e on e.id = l.entry_id
                  join account a on a.tenant_id = l.tenant_id and a.code = l.account_code
                 where l.tenant_id = ? and a.account = ? and e.currency = ?""", tenant, account, currency)
                .get(0).get("balance");
    }

    /** Receivable per (surviving customer, currency) in the journal. */
    public Map<String, BigDecimal> receivablesByCustomer(String tenant) {
        return sums("""
                select coalesce(c.merged_into_id, c.id) || '/' || e.currency as key,
                       sum(case l.side when 'D' then l.amount else -l.amount end) as amount
                  from journal_line l join journal_entry e on e.id = l.entry_id
                  join account a on a.tenant_id = l.tenant_id and a.code = l.account_code
                  join ledger_customer c on c.id = e.customer
                 where l.tenant_id = ? and a.account = 'ACCOUNTS_RECEIVABLE'
                 group by 1 order by 1""", tenant);
    }

    /** Open balance of the invoices per (surviving customer, currency). */
    public Map<String, BigDecimal> openBalancesByCustomer(String tenant) {
        return sums("""
                select coalesce(c.merged_into_id, c.id) || '/' || i.currency as key, sum(i.open_balance) as amount
                  from ledger_invoice i join ledger_customer c on c.id = i.customer
                 where i.tenant_id = ? group by 1 order by 1""", tenant);
    }

    /** Every entry of the tenant balances, and the trial balance of each currency sums to zero. */
    public void assertBalanced(String tenant) {
        assertThat(count("""
                select count(*) from (select e.id from journal_entry e join journal_line l on l.entry_id = e.id
                 where e.tenant_id = ? group by e.id
                having sum(case l.side when 'D' then l.amount else -l.amount end) <> 0) unbalanced""", tenant))
                .as("unbalanced entries").isZero();
        assertThat(count("""
                select count(*) from (select e.currency from journal_entry e join journal_line l on l.entry_id = e.id
                 where e.tenant_id = ? group by e.currency
                having sum(case l.side when 'D' then l.amount else -l.amount end) <> 0) unbalanced""", tenant))
                .as("currencies whose trial balance is not zero").isZero();
        Map<String, BigDecimal> receivables = nonZero(receivablesByCustomer(tenant));
        Map<String, BigDecimal> open = nonZero(openBalancesByCustomer(tenant));
        assertThat(receivables).as("receivables per customer equal the open balances of its invoices")
                .usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(open);
    }

    private Map<String, BigDecimal> sums(String sql, String tenant) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        rows(sql, tenant).forEach(row -> sums.put((String) row.get("key"), (BigDecimal) row.get("amount")));
        return sums;
    }

    private static Map<String, BigDecimal> nonZero(Map<String, BigDecimal> sums) {
        Map<String, BigDecimal> kept = new LinkedHashMap<>();
        sums.forEach((key, amount) -> {
            if (amount.signum() != 0) {
                kept.put(key, amount.stripTrailingZeros());
            }
        });
        return kept;
    }
}
