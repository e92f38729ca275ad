package dev.ledgerline.kpi.rest;

import dev.ledgerline.kpi.owners.OwnerInfo;

/**
 * One owner (sales rep) of a tenant as {@code GET /owners} lists it.
 *
 * @param id the owner's id in the CRM: the value of the OWNER dimension
 * @param name the display name, null when the CRM gives none
 * @param active false when the user is deactivated or archived in the CRM
 */
public record OwnerView(String id, String source, String name, String email, String team, boolean active) {

    static OwnerView of(OwnerInfo owner) {
        return new OwnerView(owner.id(), owner.source(), owner.name(), owner.email(), owner.team(), owner.active());
    }
}
