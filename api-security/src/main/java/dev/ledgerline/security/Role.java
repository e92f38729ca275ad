package dev.ledgerline.security;

import java.util.Collection;
import java.util.Locale;

/**
 * The roles of the API, each granting what the ones before it grant: a reviewer can do what a viewer can, an admin
 * what a reviewer can. Tokens carry them by their lower-case names in the {@code groups} or {@code roles} claim.
 */
public enum Role {
    /** Reads KPIs, customers, the ledger and the review queue. */
    VIEWER,
    /** Decides reviews: merge, new customer, dismiss; merges and splits customers. */
    REVIEWER,
    /** Connections, mappings, settings, the ledger adapter, tenant registration. */
    ADMIN;

    /** The name a token carries, e.g. {@code admin}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a token with these role names may do what needs this role. */
    public boolean isGrantedBy(Collection<String> tokenRoles) {
        for (Role role : values()) {
            if (role.ordinal() >= ordinal() && tokenRoles.contains(role.claimValue())) {
                return true;
            }
        }
        return false;
    }
}
