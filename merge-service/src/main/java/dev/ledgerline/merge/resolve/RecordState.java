package dev.ledgerline.merge.resolve;

/** Where resolution left a CRM contact or account. */
public enum RecordState {
    /** Linked to a customer (see its source link). */
    LINKED,
    /** Waiting in the review queue (see its open review item). */
    IN_REVIEW,
    /** A reviewer dismissed its review item; looked at again when the record changes. */
    DISMISSED,
    /** Not a customer under the connection's scope (DEALS_ONLY and no deal references it). */
    OUT_OF_SCOPE,
    /** A contact whose account is not known yet or not linked yet: it becomes the account's primary contact then. */
    WAITING_FOR_ACCOUNT,
    /** Deleted in the CRM: out of the candidate index, its link kept. */
    DELETED
}
