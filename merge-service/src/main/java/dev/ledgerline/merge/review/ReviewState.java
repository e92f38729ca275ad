package dev.ledgerline.merge.review;

/** OPEN until decided; SUPERSEDED when the record changed and was resolved again without a reviewer. */
public enum ReviewState {
    OPEN,
    MERGED,
    CREATED,
    DISMISSED,
    SUPERSEDED
}
