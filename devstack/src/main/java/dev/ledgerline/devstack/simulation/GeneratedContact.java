package dev.ledgerline.devstack.simulation;

import dev.ledgerline.wire.Contact;

/**
 * A generated contact and its ground truth: the person it describes (records with the same {@code personId} are
 * duplicates of each other, whatever they look like) and the company the person works for (null for none).
 */
public record GeneratedContact(Contact contact, String personId, String companyId) {
}
