package dev.ledgerline.devstack.simulation;

import dev.ledgerline.wire.CrmSource;

/** A CRM connection of the simulated tenant: generated records are spread over these (HubSpot beside Salesforce). */
public record CrmConnection(String connectionId, CrmSource source) {
}
