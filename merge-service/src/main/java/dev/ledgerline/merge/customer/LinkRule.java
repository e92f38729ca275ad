package dev.ledgerline.merge.customer;

/** Why a source record was linked to its customer (GET /customers/{id} shows it with every link). */
public enum LinkRule {
    /** The same CRM record as before (an update). */
    SAME_SOURCE_RECORD,
    /** The same personal email as one customer. */
    SAME_EMAIL,
    /** The match weight reached the tenant's auto-link threshold (the explanation is kept). */
    SCORE_ABOVE_AUTO_LINK_THRESHOLD,
    /** A contact of an account: it is the company customer's contact. */
    CONTACT_OF_ACCOUNT,
    /** No match, auto-merge on: a new customer. */
    NEW_CUSTOMER,
    /** A reviewer merged it into the customer. */
    REVIEW_MERGE,
    /** A reviewer created a customer for it. */
    REVIEW_CREATE,
    /** Moved here by a merge of two customers. */
    CUSTOMER_MERGE,
    /** Split off its customer by a reviewer into a customer of its own. */
    SPLIT
}
