package dev.ledgerline.devstack.simulation;

import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A generated tenant's accounts and contacts in the order a sync would deliver them, with the ground truth of
 * which records are the same company or person.
 */
public final class DuplicatePopulation {

    private final long seed;
    private final List<GeneratedAccount> accounts;
    private final List<GeneratedContact> contacts;
    private final Map<String, Account> accountsByKey;

    DuplicatePopulation(long seed, List<GeneratedAccount> accounts, List<GeneratedContact> contacts) {
        this.seed = seed;
        this.accounts = List.copyOf(accounts);
        this.contacts = List.copyOf(contacts);
        this.accountsByKey = this.accounts.stream().map(GeneratedAccount::account)
                .collect(Collectors.toUnmodifiableMap(DuplicatePopulation::key, Function.identity()));
    }

    /** The seed that generated this population: the same seed and settings give the same records. */
    public long seed() {
        return seed;
    }

    public List<GeneratedAccount> accounts() {
        return accounts;
    }

    public List<GeneratedContact> contacts() {
        return contacts;
    }

    /** The account a contact points to ({@code accountId} in the contact's connection), if it was generated. */
    public Optional<Account> accountOf(Contact contact) {
        if (contact.getAccountId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(accountsByKey.get(contact.getConnectionId() + "|" + contact.getAccountId()));
    }

    /** Pairs of contacts that are the same person: what a perfect matcher links. */
    public long duplicateContactPairs() {
        return pairs(contacts.stream().collect(Collectors.groupingBy(GeneratedContact::personId, Collectors.counting())));
    }

    /** Pairs of accounts that are the same company. */
    public long duplicateAccountPairs() {
        return pairs(accounts.stream().collect(Collectors.groupingBy(GeneratedAccount::companyId, Collectors.counting())));
    }

    private static long pairs(Map<String, Long> groupSizes) {
        return groupSizes.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
    }

    private static String key(Account account) {
        return account.getConnectionId() + "|" + account.getExternalId();
    }
}
