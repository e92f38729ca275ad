package dev.ledgerline.merge.identity;

/** What an identity describes: a person (a CRM contact) or a company (a CRM account). They are matched separately. */
public enum IdentityKind {
    PERSON,
    COMPANY
}
