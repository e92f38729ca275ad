package dev.ledgerline.ledger.journal;

import dev.ledgerline.ledger.posting.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Creates a tenant's chart of accounts ({@link Account}) with its first posting. Tenants whose chart is known to be
 * committed are remembered, so that later postings skip the statement.
 */
@ApplicationScoped
public class ChartOfAccounts {
    private static final String INSERT = "insert into account (tenant_id, code, account, name, type) values "
            + Arrays.stream(Account.values()).map(account -> "(:tenant, '" + account.code() + "', '" + account.name()
                    + "', '" + account.displayName() + "', '" + account.type().name() + "')")
                    .collect(Collectors.joining(", "))
            + " on conflict do nothing";

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final Set<String> committed = ConcurrentHashMap.newKeySet();

    ChartOfAccounts(EntityManager em, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void ensure(String tenantId) {
        if (committed.contains(tenantId)) {
            return;
        }
        em.createNativeQuery(INSERT).setParameter("tenant", tenantId).executeUpdate();
        // Remembered only once the transaction that saw or made the chart has committed.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed.add(tenantId);
                }
            }
        });
    }
}
