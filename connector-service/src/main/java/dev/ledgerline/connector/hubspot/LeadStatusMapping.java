package dev.ledgerline.connector.hubspot;

import dev.ledgerline.wire.LeadStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's mapping of HubSpot lead stages ({@code hs_pipeline_stage} of the leads object) to lead statuses,
 * editable like the stage mapping for portals with their own lead stages.
 */
public final class LeadStatusMapping {

    private final Map<String, LeadStatus> statuses;

    private LeadStatusMapping(Map<String, LeadStatus> statuses) {
        this.statuses = Map.copyOf(statuses);
    }

    /** The stages of HubSpot's default lead pipeline. */
    public static LeadStatusMapping defaults() {
        return new LeadStatusMapping(Map.of(
                "new-stage-id", LeadStatus.NEW,
                "attempting-stage-id", LeadStatus.WORKING,
                "connected-stage-id", LeadStatus.WORKING,
                "qualified-stage-id", LeadStatus.QUALIFIED,
                "unqualified-stage-id", LeadStatus.UNQUALIFIED));
    }

    /** The mapping with one stage mapped as a user decided. */
    public LeadStatusMapping with(String stageId, LeadStatus status) {
        Map<String, LeadStatus> changed = new HashMap<>(statuses);
        changed.put(stageId, status);
        return new LeadStatusMapping(changed);
    }

    /** Stage id → status, for storing the mapping where a user can see and edit it. */
    public Map<String, LeadStatus> entries() {
        return statuses;
    }

    public Optional<LeadStatus> lookup(String stageId) {
        return Optional.ofNullable(statuses.get(stageId));
    }
}
