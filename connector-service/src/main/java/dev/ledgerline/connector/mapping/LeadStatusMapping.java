package dev.ledgerline.connector.mapping;

import dev.ledgerline.wire.LeadStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's mapping of the CRM's raw lead statuses (HubSpot lead stages, Salesforce lead status values) to lead
 * statuses, editable like the stage mapping for accounts with their own statuses.
 */
public final class LeadStatusMapping {

    private final Map<String, LeadStatus> statuses;

    private LeadStatusMapping(Map<String, LeadStatus> statuses) {
        this.statuses = Map.copyOf(statuses);
    }

    /** Raw status → status. */
    public static LeadStatusMapping of(Map<String, LeadStatus> statuses) {
        return new LeadStatusMapping(statuses);
    }

    /** The mapping with one status mapped as a user decided. */
    public LeadStatusMapping with(String rawStatus, LeadStatus status) {
        Map<String, LeadStatus> changed = new HashMap<>(statuses);
        changed.put(rawStatus, status);
        return new LeadStatusMapping(changed);
    }

    /** Raw status → status, for storing the mapping where a user can see and edit it. */
    public Map<String, LeadStatus> entries() {
        return statuses;
    }

    public Optional<LeadStatus> lookup(String rawStatus) {
        return Optional.ofNullable(statuses.get(rawStatus));
    }
}
