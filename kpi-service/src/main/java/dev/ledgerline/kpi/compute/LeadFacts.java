package dev.ledgerline.kpi.compute;

/** A lead as its KPI contributions see it, under one tenant profile. */
public record LeadFacts(String owner, String leadSource, long createdDay, boolean qualified, boolean converted) {

    /** The facts of a lead's latest version; null when it is deleted. */
    public static LeadFacts derive(LeadVersion lead, TenantProfile profile) {
        if (lead == null || lead.deleted()) {
            return null;
        }
        return new LeadFacts(
                Dimension.valueOfAttribute(lead.ownerId()),
                Dimension.valueOfAttribute(lead.leadSource()),
                profile.epochDayOf(lead.createdAt()),
                lead.progress() != LeadProgress.NOT_QUALIFIED,
                lead.progress() == LeadProgress.CONVERTED);
    }
}
