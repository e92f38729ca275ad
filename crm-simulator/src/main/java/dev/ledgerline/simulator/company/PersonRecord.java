package dev.ledgerline.simulator.company;

import java.util.List;

/**
 * One contact record as a {@link PeopleSource} produces it: what was typed into the CRM about a person, possibly a
 * second record of a person already entered.
 *
 * @param employer    index into the employers the source was given, or null for a person without a company
 * @param duplicateOf index of the earlier record (in the same produced list) of the same person, or null
 */
public record PersonRecord(String firstName, String lastName, String email, List<String> additionalEmails,
        String phone, String mobilePhone, String jobTitle, Address address, Integer employer, Integer duplicateOf) {

    public PersonRecord {
        additionalEmails = List.copyOf(additionalEmails);
    }

    PersonRecord(String firstName, String lastName, String email, List<String> additionalEmails, String phone,
            String mobilePhone, String jobTitle, Address address, Integer employer) {
        this(firstName, lastName, email, additionalEmails, phone, mobilePhone, jobTitle, address, employer, null);
    }
}
