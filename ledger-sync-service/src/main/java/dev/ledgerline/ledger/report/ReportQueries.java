package dev.ledgerline.ledger.report;

import dev.ledgerline.ledger.posting.Account;
import dev.ledgerline.ledger.posting.Currencies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trial balance and profitability reports, computed from the journal and the ledger's invoices. */
@ApplicationScoped
public class ReportQueries {
    private static final String NO_PRODUCT = "(no product)";
    private static final String NO_DEAL = "(no deal)";

    private final EntityManager em;

    ReportQueries(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public TrialBalance trialBalance(String tenantId, LocalDate asOf) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select e.currency, l.account_code,
                       coalesce(sum(l.amount) filter (where l.side = 'D'), 0),
                       coalesce(sum(l.amount) filter (where l.side = 'C'), 0)
                  from journal_line l join journal_entry e on e.id = l.entry_id
                 where l.tenant_id = :tenant and (cast(:asOf as date) is null or e.entry_date <= cast(:asOf as date))
                 group by e.currency, l.account_code
                 order by e.currency, l.account_code""")
                .setParameter("tenant", tenantId)
                .setParameter("asOf", asOf == null ? null : Date.valueOf(asOf))
                .getResultList();
        Map<String, List<TrialBalance.AccountBalance>> byCurrency = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Account account = Account.ofCode((String) row[1]);
            BigDecimal debit = Currencies.exact((BigDecimal) row[2]);
            BigDecimal credit = Currencies.exact((BigDecimal) row[3]);
            byCurrency.computeIfAbsent((String) row[0], currency -> new ArrayList<>()).add(new TrialBalance.AccountBalance(
                    account.code(), account.name(), account.displayName(), account.type().name(), debit, credit,
                    debit.subtract(credit)));
        }
        List<TrialBalance.CurrencyBalance> currencies = new ArrayList<>();
        byCurrency.forEach((currency, accounts) -> {
            BigDecimal debits = accounts.stream().map(TrialBalance.AccountBalance::debit).reduce(Currencies.zero(), BigDecimal::add);
            BigDecimal credits = accounts.stream().map(TrialBalance.AccountBalance::credit).reduce(Currencies.zero(), BigDecimal::add);
            currencies.add(new TrialBalance.CurrencyBalance(currency, accounts, debits, credits, debits.subtract(credits)));
        });
        return new TrialBalance(asOf, currencies);
    }

    /**
     * Sold lines of the invoices dated in the range (not voided), each with its share of the invoice-level discount
     * (in proportion to the line's net amount), and the sales receipts dated in the range.
     */
    @Transactional
    public Profitability profitability(String tenantId, LocalDate from, LocalDate to, Profitability.By by) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with invoice as (
                    select i.*, sums.net, sums.line_discounts
                      from ledger_invoice i
                      join lateral (select coalesce(sum(amount), 0) as net,
                                           coalesce(sum(discount_amount), 0) as line_discounts
                                      from ledger_invoice_line where invoice_id = i.id) sums on true
                     where i.tenant_id = :tenant and not i.voided
                       and (cast(:from as date) is null or i.issue_date >= cast(:from as date))
                       and (cast(:to as date) is null or i.issue_date <= cast(:to as date)))
                select i.currency, i.deal_id, coalesce(c.merged_into_id, c.id) as customer,
                       coalesce(item.item_id, l.product_id, 'line:' || l.description) as product,
                       coalesce(item.name, l.description) as product_name,
                       l.amount - case when i.net = 0 then 0
                                       else greatest(i.discount_total - i.line_discounts, 0) * l.amount / i.net end,
                       case when item.cost_currency = i.currency then item.unit_cost * l.quantity end
                  from invoice i
                  join ledger_invoice_line l on l.invoice_id = i.id
                  join ledger_customer c on c.id = i.customer
                  left join item_source_link link on link.tenant_id = i.tenant_id and link.connection_id = i.connection_id
                       and link.source = i.source and link.external_id = l.product_id
                  left join ledger_item item on item.tenant_id = i.tenant_id
                       and item.item_id = coalesce(l.item_id, link.item_id)
                union all
                select p.currency, p.deal_id, coalesce(c.merged_into_id, c.id), null, null, p.posted, 0
                  from payment p
                  join ledger_document d on d.id = p.own_document_id
                  left join ledger_customer c on c.id = p.customer
                 where p.tenant_id = :tenant and p.role = 'RECEIPT' and p.posted > 0
                   and (cast(:from as date) is null or d.document_date >= cast(:from as date))
                   and (cast(:to as date) is null or d.document_date <= cast(:to as date))""")
                .setParameter("tenant", tenantId)
                .setParameter("from", from == null ? null : Date.valueOf(from))
                .setParameter("to", to == null ? null : Date.valueOf(to))
                .getResultList();
        Map<String, String> customerNames = customerNames(tenantId);
        Map<List<String>, Totals> totals = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String currency = (String) row[0];
            String key;
            String name;
            switch (by) {
                case DEAL -> {
                    key = row[1] == null ? NO_DEAL : (String) row[1];
                    name = key;
                }
                case CUSTOMER -> {
                    key = row[2] == null ? null : row[2].toString();
                    name = key == null ? null : customerNames.get(key);
                }
                default -> {
                    key = row[3] == null ? NO_PRODUCT : (String) row[3];
                    name = row[4] == null ? NO_PRODUCT : (String) row[4];
                }
            }
            totals.computeIfAbsent(List.of(String.valueOf(key), currency), k -> new Totals(name))
                    .add((BigDecimal) row[5], (BigDecimal) row[6]);
        }
        List<Profitability.Row> result = new ArrayList<>();
        totals.forEach((key, sums) -> result.add(sums.row(key.get(0), key.get(1))));
        result.sort(java.util.Comparator.comparing(Profitability.Row::currency)
                .thenComparing(Profitability.Row::revenue, java.util.Comparator.reverseOrder())
                .thenComparing(Profitability.Row::key));
        return new Profitability(from, to, by.name().toLowerCase(java.util.Locale.ROOT), result);
    }

    private Map<String, String> customerNames(String tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(id as varchar), display_name from ledger_customer where tenant_id = :tenant")
                .setParameter("tenant", tenantId).getResultList();
        Map<String, String> names = new LinkedHashMap<>();
        rows.forEach(row -> names.put((String) row[0], (String) row[1]));
        return names;
    }

    /** Sums of one row of the profitability report. */
    private static final class Totals {
        private final String name;
        private BigDecimal revenue = BigDecimal.ZERO;
        private BigDecimal cost = BigDecimal.ZERO;
        private boolean costComplete = true;

        Totals(String name) {
            this.name = name;
        }

        void add(BigDecimal lineRevenue, BigDecimal lineCost) {
            revenue = revenue.add(lineRevenue);
            if (lineCost == null) {
                costComplete = false;
            } else {
                cost = cost.add(lineCost);
            }
        }

        Profitability.Row row(String key, String currency) {
            BigDecimal roundedRevenue = Currencies.round(revenue, currency);
            BigDecimal roundedCost = Currencies.round(cost, currency);
            BigDecimal profit = roundedRevenue.subtract(roundedCost);
            BigDecimal margin = roundedRevenue.signum() == 0 ? null
                    : profit.multiply(BigDecimal.valueOf(100)).divide(roundedRevenue, 2, RoundingMode.HALF_UP);
            return new Profitability.Row(key, name, currency, roundedRevenue, roundedCost, profit, margin, costComplete);
        }
    }
}
