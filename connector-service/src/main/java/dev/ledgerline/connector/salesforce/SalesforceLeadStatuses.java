package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.mapping.LeadStatusMapping;
import dev.ledgerline.wire.LeadStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default lead-status mapping of an org, from its {@code LeadStatus} values. Salesforce marks only the default
 * status and the converted ones; what counts as qualified is the org's own convention, so the defaults read the
 * standard values and the labels, and the mapping is the user's to edit ({@code PUT …/lead-status-mapping}):
 * a converted status is CONVERTED; the default status NEW; a label naming (not) qualified or not converted
 * QUALIFIED or UNQUALIFIED; anything else WORKING.
 */
final class SalesforceLeadStatuses {

    private SalesforceLeadStatuses() {
    }

    /** {@code values}: rows of {@code SELECT ApiName, MasterLabel, IsConverted, IsDefault FROM LeadStatus}. */
    static LeadStatusMapping defaults(List<ObjectNode> values) {
        Map<String, LeadStatus> statuses = new HashMap<>();
        for (ObjectNode value : values) {
            SalesforceRecord status = new SalesforceRecord(value);
            String apiName = status.text("ApiName") != null ? status.text("ApiName") : status.requiredText("MasterLabel");
            statuses.put(apiName, statusOf(status));
        }
        return LeadStatusMapping.of(statuses);
    }

    private static LeadStatus statusOf(SalesforceRecord status) {
        if (Boolean.TRUE.equals(status.bool("IsConverted"))) {
            return LeadStatus.CONVERTED;
        }
        if (Boolean.TRUE.equals(status.bool("IsDefault"))) {
            return LeadStatus.NEW;
        }
        String label = String.valueOf(status.text("MasterLabel")).toLowerCase(Locale.ROOT);
        if (label.contains("unqualified") || label.contains("disqualified") || label.contains("not qualified")
                || label.contains("not converted")) {
            return LeadStatus.UNQUALIFIED;
        }
        if (label.contains("qualified")) {
            return LeadStatus.QUALIFIED;
        }
        return LeadStatus.WORKING;
    }
}
