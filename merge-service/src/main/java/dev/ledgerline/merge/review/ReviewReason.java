package dev.ledgerline.merge.review;

/** Why a record waits for a reviewer. */
public enum ReviewReason {
    /** Customers scored at or above the review threshold (or share its email), none clearly enough to link. */
    PROBABLE_MATCH,
    /** No customer matched and the connection's auto-merge is off. */
    NO_MATCH_AUTO_MERGE_OFF,
    /** No email, phone or name (a company: no name, domain or phone): nothing to match on. */
    INSUFFICIENT_IDENTITY,
    /** A linked record changed (new email, phone …) and now matches another customer too. */
    UPDATE_COLLISION
}
