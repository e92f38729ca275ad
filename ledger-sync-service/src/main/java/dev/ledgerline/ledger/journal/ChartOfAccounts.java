package dev.ledgerline.ledger.journal;

import dev.ledgerline.ledger.posting.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Creates a tenant's chart of accounts ({@link Account}) with its first posting. */
@ApplicationScoped
public class ChartOfAccounts {
    private static final String INSERT = "insert into account (tenant_id, code, account, name, type) values "
            + Arrays.stream(Account.values()).map(account -> "(:tenant, '" + account.code() + "', '" + account.name()
                    + "', '" + account.displayName() + "', '" + account.type().name() + "')")
                    .collect(Collectors.joining(", "))
            + " on conflict do nothing";

    private final EntityManager em;

    ChartOfAccounts(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void ensure(String tenantId) {
        em.createNativeQuery(INSERT).setParameter("tenant", tenantId).executeUpdate();
    }
}
