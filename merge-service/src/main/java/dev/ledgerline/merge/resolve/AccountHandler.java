package dev.ledgerline.merge.resolve;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.merge.tenant.TenantLock;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Op;
import jakarta.inject.Singleton;

/** crm.accounts.v1: an account version stored and resolved as a company (README "Rules"). */
@Singleton
public class AccountHandler extends RecordHandler<Account> {
    private final Resolutions resolutions;
    private final TenantLock lock;

    AccountHandler(Resolutions resolutions, TenantLock lock) {
        super(Topics.ACCOUNTS, Account.class, Account::getTenantId);
        this.resolutions = resolutions;
        this.lock = lock;
    }

    @Override
    public Outcome handle(Account account) {
        lock.lock(account.getTenantId());
        return CrmRecordStore.apply(resolutions, account.getTenantId(), account.getConnectionId(),
                account.getSource().name(), CrmRecordEntity.ACCOUNT, account.getExternalId(), null,
                account.getSourceUpdatedAt(), account.getOp() == Op.DELETE, account);
    }
}
