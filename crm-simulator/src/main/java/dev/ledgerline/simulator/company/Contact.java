package dev.ledgerline.simulator.company;

import java.time.Instant;
import java.util.List;

/**
 * A person at an account (or on their own). {@link #duplicateOf()} is the ground truth of identity: the id of the
 * contact this one is a second record of, as people end up entered twice in every CRM.
 */
public final class Contact extends Entity {
    private final String firstName;
    private final String lastName;
    private final String email;
    private final List<String> additionalEmails;
    private String phone;
    private final String mobilePhone;
    private String jobTitle;
    private final Long accountId;
    private final Address address;
    private final LeadSource leadSource;
    private final Long ownerId;
    private final Long duplicateOf;
    private LifecycleStage lifecycleStage = LifecycleStage.SUBSCRIBER;

    Contact(long id, Instant createdAt, PersonRecord person, Long accountId, LeadSource leadSource, Long ownerId,
            Long duplicateOf) {
        super(id, createdAt);
        this.firstName = person.firstName();
        this.lastName = person.lastName();
        this.email = person.email();
        this.additionalEmails = List.copyOf(person.additionalEmails());
        this.phone = person.phone();
        this.mobilePhone = person.mobilePhone();
        this.jobTitle = person.jobTitle();
        this.address = person.address();
        this.accountId = accountId;
        this.leadSource = leadSource;
        this.ownerId = ownerId;
        this.duplicateOf = duplicateOf;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String email() {
        return email;
    }

    public List<String> additionalEmails() {
        return additionalEmails;
    }

    public String phone() {
        return phone;
    }

    public String mobilePhone() {
        return mobilePhone;
    }

    public String jobTitle() {
        return jobTitle;
    }

    public Long accountId() {
        return accountId;
    }

    public Address address() {
        return address;
    }

    public LeadSource leadSource() {
        return leadSource;
    }

    public Long ownerId() {
        return ownerId;
    }

    /** The id of the contact this record duplicates, or null for a person's first (or only) record. */
    public Long duplicateOf() {
        return duplicateOf;
    }

    /** How far the person has come with the company: subscriber, lead, opportunity, customer. */
    public LifecycleStage lifecycleStage() {
        return lifecycleStage;
    }

    /** What the person's record would carry as a plain person, for generating further duplicates of it. */
    PersonRecord person() {
        return new PersonRecord(firstName, lastName, email, additionalEmails, phone, mobilePhone, jobTitle, address,
                null);
    }

    void phone(String phone, Instant at) {
        this.phone = phone;
        touch(at);
    }

    void jobTitle(String jobTitle, Instant at) {
        this.jobTitle = jobTitle;
        touch(at);
    }

    /** Moves the lifecycle stage forward only, as CRMs do by default; true when it changed. */
    boolean advance(LifecycleStage stage, Instant at) {
        if (stage.ordinal() <= lifecycleStage.ordinal()) {
            return false;
        }
        lifecycleStage = stage;
        touch(at);
        return true;
    }
}
