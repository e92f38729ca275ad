package dev.ledgerline.devstack.simulation;

import dev.ledgerline.wire.Account;

/** A generated account and its ground truth: accounts with the same {@code companyId} are the same company. */
public record GeneratedAccount(Account account, String companyId) {
}
