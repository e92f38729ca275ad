package dev.ledgerline.ledger.rest;

import java.util.UUID;

/**
 * A document's customer: the ledger's id, the customers.v1 id (null for one the ledger created), its name, and how
 * it came to exist ({@code INVOICE} or {@code PAYMENT}: created by a posting because nothing matched).
 */
public record CustomerRef(UUID id, String customerId, String name, String origin) {
}
