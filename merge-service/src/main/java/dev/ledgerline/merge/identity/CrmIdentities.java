package dev.ledgerline.merge.identity;

import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Address;
import dev.ledgerline.wire.Contact;
import java.util.List;

/** Maps the CRM wire records (crm.contacts.v1, crm.accounts.v1) to the engine's {@link IdentityRecord}s. */
public final class CrmIdentities {

    private CrmIdentities() {
    }

    /**
     * A contact as a person. Its account, when known, gives the company name and domain it is compared on, and
     * the address when the contact has none of its own.
     */
    public static IdentityRecord person(Contact contact, Account account) {
        RecordRef ref = new RecordRef(contact.getConnectionId(), contact.getSource().name(), IdentityKind.PERSON,
                contact.getExternalId());
        Address address = contact.getAddress() != null || account == null ? contact.getAddress() : account.getAddress();
        return new IdentityRecord(ref, contact.getFirstName(), contact.getLastName(), contact.getName(),
                contact.getEmails(), contact.getPhones(), account == null ? null : account.getName(),
                account == null ? null : account.getDomain(), address(address));
    }

    /** An account as a company. */
    public static IdentityRecord company(Account account) {
        RecordRef ref = new RecordRef(account.getConnectionId(), account.getSource().name(), IdentityKind.COMPANY,
                account.getExternalId());
        List<String> phones = account.getPhone() == null ? List.of() : List.of(account.getPhone());
        return new IdentityRecord(ref, null, null, null, List.of(), phones, account.getName(), account.getDomain(),
                address(account.getAddress()));
    }

    private static PostalAddress address(Address address) {
        if (address == null) {
            return null;
        }
        return new PostalAddress(address.getStreet(), address.getPostalCode(), address.getCity(), address.getRegion(),
                address.getCountryCode());
    }
}
