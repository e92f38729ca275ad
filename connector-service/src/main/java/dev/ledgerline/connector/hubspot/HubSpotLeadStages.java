package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.mapping.LeadStatusMapping;
import dev.ledgerline.wire.LeadStatus;
import java.util.Map;

/** The stages of HubSpot's default lead pipeline ({@code hs_pipeline_stage} of the leads object) and their statuses. */
public final class HubSpotLeadStages {

    private HubSpotLeadStages() {
    }

    public static LeadStatusMapping defaults() {
        return LeadStatusMapping.of(Map.of(
                "new-stage-id", LeadStatus.NEW,
                "attempting-stage-id", LeadStatus.WORKING,
                "connected-stage-id", LeadStatus.WORKING,
                "qualified-stage-id", LeadStatus.QUALIFIED,
                "unqualified-stage-id", LeadStatus.UNQUALIFIED));
    }
}
