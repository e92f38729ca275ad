package dev.ledgerline.simulator.company;

import java.time.Instant;

/** Interest from a contact that sales works: new, attempting, connected, then qualified (with a deal) or not. */
public final class Lead extends Entity {
    private final long contactId;
    private final Long ownerId;
    private final LeadSource leadSource;
    private LeadStatus status = LeadStatus.NEW;
    private Long dealId;

    Lead(long id, Instant createdAt, long contactId, Long ownerId, LeadSource leadSource) {
        super(id, createdAt);
        this.contactId = contactId;
        this.ownerId = ownerId;
        this.leadSource = leadSource;
    }

    public long contactId() {
        return contactId;
    }

    public Long ownerId() {
        return ownerId;
    }

    public LeadSource leadSource() {
        return leadSource;
    }

    public LeadStatus status() {
        return status;
    }

    /** The deal a qualified lead turned into, if any. */
    public Long dealId() {
        return dealId;
    }

    void status(LeadStatus status, Instant at) {
        this.status = status;
        touch(at);
    }

    void deal(long dealId) {
        this.dealId = dealId;
    }
}
